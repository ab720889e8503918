// Attacks from a tenant run as the tenant: a child process with the tenant's UID and GID, so the
// kernel (file modes, nftables' `meta skuid`) sees exactly what the tenant's PHP or app would.
import { spawn } from 'node:child_process';

const SCRIPT = `
const [kind, a, b] = process.argv.slice(1);
const done = (text) => { process.stdout.write(text); process.exit(0); };
if (kind === 'connect') {
  const socket = require('node:net').connect({ host: a, port: Number(b) });
  socket.setTimeout(5000, () => done('TIMEOUT'));
  socket.once('connect', () => done('OPEN'));
  socket.once('error', (e) => done(e.code ?? e.message));
} else {
  require('node:fs').promises[kind](...[a, b].filter((x) => x !== undefined)).then(() => done('OK'), (e) => done(e.code ?? e.message));
}`;

/** Runs one probe as `uid` (its GID = UID, as tenants have); prints its outcome. */
function probe(uid: number | null, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const ids = uid === null ? {} : { uid, gid: uid };
    const child = spawn(process.execPath, ['-e', SCRIPT, ...args], { ...ids, cwd: '/', env: {} });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(out.trim()));
  });
}

/** `OPEN`, `ECONNREFUSED`, `TIMEOUT`, … of a TCP connect from `uid` (null: this process's user). */
export const connectAs = (uid: number | null, host: string, port: number) =>
  probe(uid, ['connect', host, String(port)]);

/** `OK`, `EACCES`, … of reading a file as `uid`. */
export const readFileAs = (uid: number | null, file: string) => probe(uid, ['readFile', file]);

/** `OK`, `EACCES`, … of appending to (or creating) a file as `uid`. */
export const appendFileAs = (uid: number | null, file: string) => probe(uid, ['appendFile', file, 'tampered\n']);

/** `OK`, `EACCES`, … of listing a folder as `uid`. */
export const readdirAs = (uid: number | null, dir: string) => probe(uid, ['readdir', dir]);

/** Host and port of `http://host:port/…`, `postgresql://…@host:port/…` or `host:port` (what to probe). */
export function endpointOf(text: string): { host: string; port: number } {
  const url = new URL(text.includes('://') ? text : `tcp://${text}`);
  return { host: url.hostname, port: Number(url.port) };
}
