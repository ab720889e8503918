// Loopback port helpers: tests pick free ports so parallel runs never collide; `npm start` uses
// fixed ports and checks them first, to fail with a clear message instead of a bind error.
import { readFileSync } from 'node:fs';
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

/**
 * A random block of `size` ports for listeners configured before they bind (a test run's Valkey
 * instances). It lies below the kernel's ephemeral range, where no outgoing connection and no
 * listen(0) of the run is ever given a port, and above `npm start`'s Valkey range (16400–17399),
 * so nothing can hold one first: CI once saw an instance fail to bind 53206, inside 32768–60999.
 */
export function portBlockBelowEphemeral(size, floor = 18_000) {
  const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const blocks = Math.floor((ephemeralLow - floor) / size);
  if (!(blocks > 0))
    throw new Error(`no room for ${size} ports between ${floor} and the ephemeral range (${ephemeralLow})`);
  const min = floor + Math.floor(Math.random() * blocks) * size;
  return { min, max: min + size - 1 };
}
