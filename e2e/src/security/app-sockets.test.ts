// Issue 10, "App ports can be hijacked": apps listened on loopback ports handed out lowest-free
// per shard, so any tenant could bind the next one first and receive another tenant's traffic.
// Apps now listen on Unix sockets in a folder per tenant (node-agent/src/apps/sockets.ts). Every
// attack below runs as the attacking tenant's Linux UID against this run's real node agent,
// nginx, supervisord and HAProxy.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteWebrootDocument, UpdateWebrootDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { bindActive, createActiveWebroot, expectSite, getSite, watchWebroot, writeSiteFile } from '../support/web.js';

type Tenant = { id: string; name: string; uid: number };

// What the attacker's shell can do: each action prints its outcome (`OK`, an errno code, …).
const ATTACK = `
const [kind, file, other] = process.argv.slice(1);
const fs = require('node:fs/promises'), net = require('node:net');
const done = (text) => { process.stdout.write(String(text)); process.exit(0); };
const fail = (e) => done(e.code ?? e.message);
const actions = {
  listen: () => net.createServer((s) => s.end('stolen')).on('error', fail).listen(file, () => done('LISTENING')),
  connect: () => net.connect(file).on('connect', () => done('OPEN')).on('error', fail),
  unlink: () => fs.unlink(file).then(() => done('OK'), fail),
  mkdir: () => fs.mkdir(file).then(() => done('OK'), fail),
  readdir: () => fs.readdir(file).then(() => done('OK'), fail),
  rename: () => fs.rename(file, other).then(() => done('OK'), fail),
  symlink: () => fs.symlink(other, file).then(() => done('OK'), fail),
};
actions[kind]();`;

/** Runs one action as `uid` (GID = UID, no supplementary groups, as the tenant's processes). */
function asUid(uid: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ATTACK, ...args], { uid, gid: uid, cwd: '/', env: {} });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(out.trim()));
  });
}

/** The tenant's processes running `script` (their pids), from /proc. */
async function pidsOf(uid: number, script: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const [status, cmdline] = await Promise.all([
      readFile(`/proc/${entry}/status`, 'utf8').catch(() => ''),
      readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''),
    ]);
    if (new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(status) && cmdline.split('\0').includes(script)) {
      pids.push(Number(entry));
    }
  }
  return pids;
}

// Answers with who it is and where it listens: PORT is the socket's path (Node's listen takes one).
const APP = (label: string) =>
  `require('http').createServer((q, s) => s.end('${label} ' + process.env.PORT + ' ' + process.env.APP_SOCKET)).listen(process.env.PORT);`;

describe('app sockets: what another tenant can do to an app', () => {
  const tag = randomUUID().slice(0, 8);
  let victim: Tenant;
  let attacker: Tenant;
  let victimApp: { id: string; name: string };
  let attackerApp: { id: string; name: string };
  const socketRoot = () => path.join(getPlatform().webStateDir, 'run', 'apps');
  const socketOf = (tenant: Tenant, webroot: string) => path.join(socketRoot(), tenant.name, 's', `${webroot}.sock`);

  /** A STATIC webroot of `tenant` switched to a Node.js app answering `label`, bound to `host`. */
  async function nodeApp(tenant: Tenant, label: string, host: string, beforeSwitch?: (name: string) => Promise<void>) {
    const c = admin();
    const app = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
    await writeSiteFile(tenant, app.name, 'server.js', APP(label));
    await beforeSwitch?.(app.name);
    const { updateWebroot } = await c.mutate(UpdateWebrootDocument, {
      input: { id: app.id, runtime: 'NODE', appCommand: ['node', 'server.js'] },
    });
    expect(updateWebroot.userErrors).toEqual([]);
    expect((await watchWebroot(c, app.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    await bindActive(c, app.id, host);
    return app;
  }

  beforeAll(async () => {
    const brand = await createBrand();
    const activeTenant = async (name: string) => {
      const tenant = await createTenant(admin(), brand.id, name);
      expect((await watchTenant(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
      return tenant;
    };
    [victim, attacker] = await Promise.all([activeTenant('socket victim'), activeTenant('socket attacker')]);
  }, 60_000);
  afterAll(closeClients);

  it('keeps the victim’s socket for the victim: the attacker can neither take it first nor reach it', async () => {
    // The attacker is a tenant with an app of its own on the node (so the socket root exists).
    attackerApp = await nodeApp(attacker, 'attacker', `attacker-${tag}.example.test`);
    const host = `victim-${tag}.example.test`;
    const attempts: string[] = [];
    victimApp = await nodeApp(victim, 'victim', host, async (name) => {
      // The old attack, before the app starts: be there first where it will listen. Its name is
      // predictable, but its folders are made by the agent, as root, in a folder only root writes.
      const future = socketOf(victim, name);
      const gate = path.dirname(path.dirname(future));
      attempts.push(await asUid(attacker.uid, 'mkdir', gate));
      attempts.push(await asUid(attacker.uid, 'symlink', gate, socketRoot()));
      attempts.push(await asUid(attacker.uid, 'listen', future));
      attempts.push(await asUid(attacker.uid, 'rename', socketRoot(), `${socketRoot()}.x`));
    });
    // (listen: ENOENT while the victim has no folder yet, EACCES once it has one.)
    expect(attempts).toEqual(['EACCES', 'EACCES', expect.stringMatching(/^(EACCES|ENOENT)$/), 'EACCES']);
    const socket = socketOf(victim, victimApp.name);
    // The traffic is the victim's app's, and the app got the socket by PORT and APP_SOCKET.
    await expectSite(host, 200, `victim ${socket} ${socket}`);

    // Once it listens: no connecting, no replacing, no peeking, no moving the folder away.
    expect(await asUid(attacker.uid, 'connect', socket)).toBe('EACCES');
    expect(await asUid(attacker.uid, 'unlink', socket)).toBe('EACCES');
    expect(await asUid(attacker.uid, 'listen', socket)).toBe('EACCES');
    expect(await asUid(attacker.uid, 'readdir', path.dirname(socket))).toBe('EACCES');
    expect(await asUid(attacker.uid, 'rename', path.dirname(socket), `${path.dirname(socket)}.x`)).toBe('EACCES');
    expect(await asUid(victim.uid, 'connect', socket)).toBe('OPEN'); // its owner may
    expect((await stat(socket)).uid).toBe(victim.uid); // its app's, in a folder of root's
    expect((await stat(path.dirname(socket))).uid).toBe(0);
    await expectSite(host, 200, `victim ${socket} ${socket}`);
  }, 180_000);

  it('restarts a killed app on its socket: the stale socket file is removed first', async () => {
    const socket = socketOf(victim, victimApp.name);
    const [pid] = await pidsOf(victim.uid, 'server.js');
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL'); // leaves its socket file behind; Node refuses to listen over one
    expect((await stat(socket)).isSocket()).toBe(true);
    await expectSite(`victim-${tag}.example.test`, 200, /^victim /, 30_000);
    const [restarted] = await pidsOf(victim.uid, 'server.js');
    expect(restarted).not.toBe(pid);
  }, 60_000);

  it('serves the attacker’s host names never from the victim’s app, even through a link to its socket', async () => {
    // nginx may enter every tenant's socket folder; a link the attacker puts in its own, to the
    // victim's socket, would make the attacker's host names the victim's app's (one without host
    // names of its own included). The sticky socket folder makes the kernel refuse the link to
    // nginx's workers (fs.protected_symlinks): the attacker's site fails, the victim's is untouched.
    const host = `attacker-${tag}.example.test`;
    await expectSite(host, 200, /^attacker /);
    const own = socketOf(attacker, attackerApp.name);
    expect(await asUid(attacker.uid, 'unlink', own)).toBe('OK');
    expect(await asUid(attacker.uid, 'symlink', own, socketOf(victim, victimApp.name))).toBe('OK');
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { status, body } = await getSite(host).catch((e: Error) => ({ status: 0, body: e.message }));
      answers.push(`${status} ${body.split(' ')[0]}`);
      await sleep(100);
    }
    expect(answers.filter((answer) => answer.includes('victim'))).toEqual([]);
    await expectSite(host, 502);
    await expectSite(`victim-${tag}.example.test`, 200, /^victim /);

    // The attacker's own app comes back on its socket once the link is gone and it restarts.
    expect(await asUid(attacker.uid, 'unlink', own)).toBe('OK');
    for (const pid of await pidsOf(attacker.uid, 'server.js')) process.kill(pid, 'SIGKILL');
    await expectSite(host, 200, /^attacker /, 30_000);
  }, 90_000);

  it('never follows a link the attacker plants in its own socket folder', async () => {
    // A file of the victim's that the agent, as root, could be tricked into deleting.
    const canary = path.join(getPlatform().homeRoot, victim.name, 'webroots', victimApp.name, 'server.js');
    const before = await readFile(canary, 'utf8');
    const app = attackerApp;
    await expectSite(`attacker-${tag}.example.test`, 200, /^attacker /);
    const own = socketOf(attacker, app.name);
    expect(await asUid(attacker.uid, 'unlink', own)).toBe('OK');
    expect(await asUid(attacker.uid, 'symlink', own, canary)).toBe('OK');

    const c = admin();
    await c.mutate(DeleteWebrootDocument, { input: { id: app.id } });
    expect((await watchWebroot(c, app.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await expect(stat(own)).rejects.toThrow(/ENOENT/); // the link went, as a link
    expect(await readFile(canary, 'utf8')).toBe(before);
    await expectSite(`victim-${tag}.example.test`, 200, /^victim /);
  }, 120_000);
});
