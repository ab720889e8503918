// Loopback port helpers: tests pick free ports so parallel runs never collide; `npm start` uses
// fixed ports and checks them first, to fail with a clear message instead of a bind error.
import net from 'node:net';

/** A port that was free a moment ago (the OS picks it; the caller binds it right after). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export function isListening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `probe` until it resolves truthy; rejects after timeoutMs with `what` in the message. */
export async function waitUntil(probe, { what, timeoutMs = 30_000, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe().catch(() => false);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
