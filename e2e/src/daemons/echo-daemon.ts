// The daemon the daemon tests run: a WebSocket echo server in plain Node.js (no packages: it is a
// file in the tenant's webroot), listening where the platform tells it (PORT, a Unix socket). It
// answers `pid` with its process id, `env` with what it runs as, anything else with `echo:<text>`,
// and logs each message to stdout (the daemon's log the API tails).
import WebSocket from 'ws';
import { getPlatform } from '../harness/platform.js';

export const ECHO_DAEMON = String.raw`
const http = require('http');
const crypto = require('crypto');
const server = http.createServer((req, res) => res.end('plain http ' + req.url));
server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    'Sec-WebSocket-Accept: ' + accept + '\r\n\r\n');
  const send = (op, data) => socket.write(Buffer.concat([Buffer.from([0x80 | op, data.length]), data]));
  let buf = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 6) {
      const op = buf[0] & 0x0f;
      const len = buf[1] & 0x7f; // the tests send short frames only (< 126 bytes)
      if (buf.length < 6 + len) return;
      const mask = buf.subarray(2, 6);
      const payload = Buffer.from(buf.subarray(6, 6 + len)).map((b, i) => b ^ mask[i % 4]);
      buf = buf.subarray(6 + len);
      if (op === 8) return socket.end();
      if (op !== 1) continue;
      const text = Buffer.from(payload).toString();
      console.log('message ' + text);
      const answer = text === 'pid' ? String(process.pid)
        : text === 'env' ? [process.getuid(), process.cwd(), process.env.USER, process.env.GREETING].join('|')
        : 'echo:' + text;
      send(1, Buffer.from(answer));
    }
  });
});
server.listen(process.env.PORT, () => console.log('listening as ' + process.pid));
`;

/** Sends `message` over a WebSocket to `path` of `host` through the platform's HAProxy; resolves with the answer. */
export function askThroughLb(host: string, path: string, message: string, timeoutMs = 5000): Promise<string> {
  const url = new URL(getPlatform().lbUrl);
  url.protocol = 'ws:';
  url.pathname = path;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { Host: host }, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no answer to ${message} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('open', () => socket.send(message));
    socket.on('message', (data) => {
      clearTimeout(timer);
      socket.close();
      resolve(String(data));
    });
    socket.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Asks until the daemon answers as `accept` wants (a restart or a reload takes a moment). */
export async function askUntil(
  host: string,
  path: string,
  message: string,
  accept: (answer: string) => boolean,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const answer = await askThroughLb(host, path, message);
      if (accept(answer)) return answer;
      last = answer;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${host}${path}: no acceptable answer to ${message}, last: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until `path` of `host` refuses a WebSocket with an HTTP status matching `status`: after a
 * reload, HAProxy's kept-alive connections may reach an old nginx worker for a moment.
 */
export async function expectRefused(host: string, path: string, status: RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = `answered ${await askThroughLb(host, path, 'hello')}`;
    } catch (error) {
      last = (error as Error).message;
      if (status.test(last)) return;
    }
    if (Date.now() > deadline) throw new Error(`${host}${path}: expected ${String(status)}, last: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
