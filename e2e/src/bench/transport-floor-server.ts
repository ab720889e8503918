// The transport floor's server (./transport-floor.ts forks it): plain `ws`, no GraphQL, sending
// each socket a frame shaped like a graphql-ws `next` of the events subscription, as the API's
// fan-out does — so the floor is what 1,000 loopback sockets cost on this machine by themselves.
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

const sockets: { socket: WebSocket; id: string }[] = [];
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => sockets.push({ socket, id: randomUUID() }));
server.on('listening', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: { cursor: string } | 'stop') => {
  if (message === 'stop') {
    server.close();
    process.exit(0);
  }
  const sentAt = performance.timeOrigin + performance.now();
  for (const { socket, id } of sockets) {
    const payload = { data: { events: { cursor: message.cursor } }, extensions: { sentAt } };
    socket.send(JSON.stringify({ id, type: 'next', payload }));
  }
});
