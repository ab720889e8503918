import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { percentile } from './stats.js';

/**
 * What `subscribers` loopback WebSockets cost on this machine with no GraphQL at all: a server
 * process sends each of them one small frame per event (`events` times, one after the other), and
 * this process — holding every client, as the subscription bench does — records each arrival.
 * The API's commit → subscriber figure cannot go below this; the difference is what the event
 * spine and graphql-ws add.
 */
export async function transportFloor(subscribers: number, events: number): Promise<{ p50: number; p99: number }> {
  const server = fork(fileURLToPath(new URL('./transport-floor-server.js', import.meta.url)));
  try {
    const port = await new Promise<number>((resolve) =>
      server.once('message', (m: { port: number }) => resolve(m.port)),
    );
    const latencies: number[] = [];
    let received = 0;
    const clients = await Promise.all(
      Array.from(
        { length: subscribers },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}`);
            socket.on('message', (data) => {
              const at = performance.timeOrigin + performance.now();
              const { payload } = JSON.parse(String(data)) as { payload: { extensions: { sentAt: number } } };
              latencies.push(at - payload.extensions.sentAt);
              received++;
            });
            socket.once('open', () => resolve(socket));
            socket.once('error', reject);
          }),
      ),
    );
    for (let i = 1; i <= events; i++) {
      server.send({ cursor: String(i) });
      const deadline = performance.now() + 10_000;
      while (received < i * subscribers && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    }
    clients.forEach((c) => c.close());
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    server.send('stop');
  }
}
