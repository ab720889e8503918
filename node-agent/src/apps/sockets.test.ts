// The app socket folders against the tenant next door, each probe run as a real UID (the
// kernel's permission checks, not a mock): only the tenant and nginx's workers get in, nobody
// can plant or replace a tenant's folder, and a link the tenant plants is never followed.
import { spawn } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupUser } from '../linux-users/system-accounts.js';
import { randomTenantName, randomUid } from '../testing.js';
import { makeTestRoot } from '../webroots/test-harness.js';
import { AppSockets } from './sockets.js';

const WEB_USER = 'www-data';
let webUid: number;

const PROBE = `
const [kind, file, extra] = process.argv.slice(1);
const fs = require('node:fs'), net = require('node:net');
const done = (text) => { process.stdout.write(text); process.exit(0); };
const fail = (e) => done(e.code ?? e.message);
process.umask(0o002);
if (kind === 'listen') {
  const server = net.createServer((s) => s.end(extra ?? 'hello')).on('error', fail);
  server.listen(file, () => { process.stdout.write('LISTENING\\n'); });
} else if (kind === 'connect') {
  const socket = net.connect(file);
  socket.setTimeout(3000, () => done('TIMEOUT'));
  let data = '';
  socket.on('data', (d) => (data += d)).on('end', () => done('OPEN ' + data)).on('error', fail);
} else if (kind === 'unlink') fs.promises.unlink(file).then(() => done('OK'), fail);
else if (kind === 'mkdir') fs.promises.mkdir(file).then(() => done('OK'), fail);
else if (kind === 'symlink') fs.promises.symlink(extra, file).then(() => done('OK'), fail);
else if (kind === 'rename') fs.promises.rename(file, extra).then(() => done('OK'), fail);`;

/** Runs one probe as `uid` (GID = UID, no supplementary groups); resolves with its output. */
function probe(uid: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROBE, ...args], { uid, gid: uid, cwd: '/', env: {} });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(out.trim()));
  });
}

/** An app of `uid` listening on `file` until the test kills it. */
async function listenAs(uid: number, file: string, answer: string) {
  const child = spawn(process.execPath, ['-e', PROBE, 'listen', file, answer], { uid, gid: uid, cwd: '/', env: {} });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('LISTENING')) resolve();
      else if (out.trim()) reject(new Error(out));
    });
    child.once('exit', () => reject(new Error(`listener exited: ${out}`)));
  });
  return child;
}

let root: string;
let sockets: AppSockets;
const victim = { name: randomTenantName(), uid: randomUid() };
const attacker = { name: randomTenantName(), uid: randomUid() };
const apps: Array<{ kill: () => boolean }> = [];

beforeAll(async () => {
  webUid = (await lookupUser(WEB_USER))!.uid;
  root = await makeTestRoot('sockets');
  sockets = new AppSockets(path.join(root, 'run', 'apps'), WEB_USER);
  await sockets.ensure(victim);
  await sockets.ensure(attacker);
});

afterAll(async () => {
  apps.forEach((app) => app.kill());
  if (root) await rm(root, { recursive: true, force: true });
});

describe('app sockets', () => {
  it('lets only the tenant and nginx’s workers reach the tenant’s socket', async () => {
    const dir = sockets.dirOf(victim.name);
    const gate = path.dirname(dir);
    expect((await stat(sockets.root)).mode & 0o7777).toBe(0o711);
    expect(await stat(gate)).toMatchObject({ uid: 0, gid: 0 });
    expect((await stat(gate)).mode & 0o7777).toBe(0o710);
    expect(await stat(dir)).toMatchObject({ uid: 0, gid: 0 });
    expect((await stat(dir)).mode & 0o7777).toBe(0o1733);
    const file = sockets.pathOf(victim.name, 'web_victim0001');
    apps.push(await listenAs(victim.uid, file, 'victim'));

    expect(await probe(webUid, 'connect', file)).toBe('OPEN victim');
    expect(await probe(victim.uid, 'connect', file)).toBe('OPEN victim');
    expect(await probe(attacker.uid, 'connect', file)).toBe('EACCES');
    expect(await probe(attacker.uid, 'unlink', file)).toBe('EACCES');
    expect(await probe(attacker.uid, 'rename', gate, `${gate}.x`)).toBe('EACCES');
    expect(await probe(attacker.uid, 'rename', dir, `${dir}.x`)).toBe('EACCES');
    // Nor can it put a socket of its own where the victim's app will listen.
    expect(await probe(attacker.uid, 'listen', sockets.pathOf(victim.name, 'web_victim0002'))).toBe('EACCES');
    // The victim itself cannot move its folder away (root's, in root's gate).
    expect(await probe(victim.uid, 'rename', dir, `${dir}.x`)).toBe('EACCES');
  });

  it('keeps nginx’s workers from following a link a tenant puts in its own folder to another tenant’s socket', async () => {
    // The attack: as the attacker, swap its own app's socket for a link to the victim's; nginx,
    // which may enter every tenant's folder, would then serve the victim's app on the attacker's
    // host names. In the sticky folder the kernel follows a link only for its owner.
    const victimSocket = sockets.pathOf(victim.name, 'web_victim0001');
    const link = sockets.pathOf(attacker.name, 'web_attacker03');
    expect(await probe(attacker.uid, 'symlink', link, victimSocket)).toBe('OK');
    expect(await probe(webUid, 'connect', link)).toBe('EACCES');
    expect(await probe(webUid, 'connect', victimSocket)).toBe('OPEN victim'); // the real path still works
    expect((await readFile('/proc/sys/fs/protected_symlinks', 'utf8')).trim()).toBe('1');
  });

  it('lets no tenant create a folder the agent has yet to make', async () => {
    const future = path.dirname(sockets.dirOf(randomTenantName()));
    expect(await probe(attacker.uid, 'mkdir', future)).toBe('EACCES');
    expect(await probe(attacker.uid, 'symlink', future, sockets.dirOf(attacker.name))).toBe('EACCES');
  });

  it('takes back a folder of the earlier layout, which the tenant owned, and drops what it held', async () => {
    const tenant = { name: randomTenantName(), uid: randomUid() };
    const gate = path.dirname(sockets.dirOf(tenant.name));
    await mkdir(gate);
    await writeFile(path.join(gate, 'web_oldlayout1.sock'), '');
    await mkdir(path.join(gate, 'x'));
    await symlink(root, path.join(gate, 's')); // a link where the socket folder belongs
    await chown(gate, tenant.uid, tenant.uid);
    await sockets.ensure(tenant);
    expect(await stat(gate)).toMatchObject({ uid: 0, gid: 0 });
    expect((await stat(gate)).mode & 0o7777).toBe(0o710);
    expect((await lstat(sockets.dirOf(tenant.name))).isDirectory()).toBe(true);
    expect((await stat(sockets.dirOf(tenant.name))).mode & 0o7777).toBe(0o1733);
    await expect(lstat(path.join(gate, 'web_oldlayout1.sock'))).rejects.toThrow(/ENOENT/);
    await expect(lstat(path.join(gate, 'x'))).rejects.toThrow(/ENOENT/);
    expect((await stat(root)).isDirectory()).toBe(true); // the link went, as a link
  });

  it('repairs a socket folder whose mode was changed', async () => {
    const dir = sockets.dirOf(attacker.name);
    await chmod(dir, 0o777); // no tenant can; a slip of an operator's
    await sockets.ensure(attacker);
    expect((await stat(dir)).mode & 0o7777).toBe(0o1733);
  });

  it('replaces whatever is found where a tenant’s folder belongs, without following it', async () => {
    const tenant = { name: randomTenantName(), uid: randomUid() };
    const canary = path.join(root, 'canary');
    await mkdir(canary);
    await writeFile(path.join(canary, 'keep'), 'keep');
    const gate = path.dirname(sockets.dirOf(tenant.name));
    await symlink(canary, gate);
    await sockets.ensure(tenant);
    expect((await lstat(gate)).isDirectory()).toBe(true);
    expect(await stat(canary)).toMatchObject({ uid: 0 });
    expect(await readFile(path.join(canary, 'keep'), 'utf8')).toBe('keep');
  });

  it('removes a socket the tenant swapped for a link, not what the link points to', async () => {
    const canary = path.join(root, 'victim-file');
    await writeFile(canary, 'secret', { mode: 0o644 });
    const planted = sockets.pathOf(attacker.name, 'web_attacker01');
    expect(await probe(attacker.uid, 'symlink', planted, canary)).toBe('OK');
    const nested = sockets.pathOf(attacker.name, 'web_attacker02');
    expect(await probe(attacker.uid, 'mkdir', nested)).toBe('OK');
    expect(await probe(attacker.uid, 'symlink', path.join(nested, 'inner'), root)).toBe('OK');

    await sockets.remove(attacker.name, 'web_attacker01');
    await sockets.remove(attacker.name, 'web_attacker02');
    await expect(lstat(planted)).rejects.toThrow(/ENOENT/);
    await expect(lstat(nested)).rejects.toThrow(/ENOENT/);
    expect(await readFile(canary, 'utf8')).toBe('secret');
    expect((await stat(root)).isDirectory()).toBe(true);
  });

  it('prunes folders of tenants without apps and sockets of apps gone, keeping the tenant’s files', async () => {
    const gone = { name: randomTenantName(), uid: randomUid() };
    await sockets.ensure(gone);
    const stale = sockets.pathOf(victim.name, 'web_stale00001');
    await writeFile(stale, '');
    const own = path.join(sockets.dirOf(victim.name), 'notes.txt');
    await writeFile(own, 'mine');
    await sockets.prune(new Map([[victim.name, new Set(['web_victim0001'])]]));
    await expect(lstat(path.dirname(sockets.dirOf(gone.name)))).rejects.toThrow(/ENOENT/);
    await expect(lstat(path.dirname(sockets.dirOf(attacker.name)))).rejects.toThrow(/ENOENT/);
    await expect(lstat(stale)).rejects.toThrow(/ENOENT/);
    expect(await readFile(own, 'utf8')).toBe('mine');
    expect(await probe(webUid, 'connect', sockets.pathOf(victim.name, 'web_victim0001'))).toBe('OPEN victim');
  });

  it('fails app webroots, not the agent, on a socket folder whose paths would not fit a Unix socket address', async () => {
    const tenant = { name: randomTenantName(), uid: randomUid() };
    const long = new AppSockets(path.join(root, 'x'.repeat(80)), WEB_USER); // constructing is fine
    await expect(long.ensure(tenant)).rejects.toMatchObject({ type: 'RuntimeUnavailable', message: /too long/ });
    await expect(new AppSockets('run/apps', WEB_USER).ensure(tenant)).rejects.toThrow(/must be absolute/);
    await expect(lstat(path.join(root, 'x'.repeat(80)))).rejects.toThrow(/ENOENT/);
  });
});
