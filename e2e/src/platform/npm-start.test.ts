// `npm start` as an operator lives with it, in a data folder and on ports of its own: a first
// start that fails after making the admin key still leaves the key in `.env`; a start comes up
// on the embedded PostgreSQL, serves a PHP and a Node.js webroot, and Ctrl-C (SIGINT to the
// whole process group) leaves no process of it behind, daemonized nginx and HAProxy included;
// the next start comes up again; `npm run admin-key` mints a key and revokes the old one.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateTenantDocument,
  CreateWebrootDocument,
  ListShardsDocument,
  ViewerDocument,
  createHostplaneClient,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, repoRoot, stopDaemonsUnder } from '@hostplane/scripts/lib';
import { removeUsersUnder } from '../harness/linux-users.js';
import { createBrand } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchTenant } from '../support/watch.js';
import { watchWebroot } from '../support/web.js';

const START_TIMEOUT_MS = 240_000;

let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: Record<string, number>;
const clients: HostplaneClient[] = [];

beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'hostplane-npm-start-'));
  await chmod(parent, 0o755); // tenants, nginx and PostgreSQL's user pass through it
  dataDir = path.join(parent, 'data');
  ports = Object.fromEntries(
    await Promise.all(
      ['POSTGRES_PORT', 'API_PORT', 'PANEL_PORT', 'LB_PORT', 'WEB_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT'].map(
        async (name) => [name, await freePort()] as const,
      ),
    ),
  );
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEMPORAL_ADDRESS|HOSTPLANE_|VITEST)/.test(name)),
  );
  env = {
    ...inherited,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    HOSTPLANE_DATA_DIR: dataDir,
    HOSTPLANE_ENV_FILE: path.join(parent, '.env'),
    NO_COLOR: '1',
  };
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  const parent = path.dirname(dataDir);
  await stopDaemonsUnder(parent);
  await removeUsersUnder(path.join(dataDir, 'homes'));
  await rm(parent, { recursive: true, force: true });
}, 60_000);

describe('npm start', () => {
  let firstKey: string;

  it(
    'keeps the admin key in .env when the first start fails after making it',
    async () => {
      const blocker = net.createServer().listen(ports.API_PORT, '127.0.0.1');
      try {
        const start = startPlatform();
        const code = await exited(start.child, START_TIMEOUT_MS);
        expect(code).not.toBe(0);
        expect(start.output()).toContain(`port ${ports.API_PORT} for the API`);
      } finally {
        blocker.close();
      }
      firstKey = (await dotEnv()).HOSTING_API_KEY ?? '';
      expect(firstKey).toMatch(/^hp_/);
      expect(await leftovers()).toEqual([]);
    },
    START_TIMEOUT_MS,
  );

  it(
    'comes up, serves webroots, and leaves nothing running after Ctrl-C',
    async () => {
      const start = startPlatform();
      await ready(start);
      const c = apiClient(firstKey);
      expect((await c.query(ViewerDocument)).viewer.isPlatformAdmin).toBe(true);
      await spreadTenantUids();

      const brand = await createBrand(c);
      const { shards } = await c.query(ListShardsDocument, { role: 'WEB' });
      const shardId = shards.find((shard) => shard.name === 'local-web')!.id;
      const { createTenant } = await c.mutate(CreateTenantDocument, {
        input: { brandId: brand.id, shardId, displayName: 'npm start' },
      });
      const tenantId = createTenant.tenant!.id;
      expect((await watchTenant(c, tenantId, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
      for (const runtime of ['PHP', 'NODE'] as const) {
        const { createWebroot } = await c.mutate(CreateWebrootDocument, { input: { tenantId, runtime } });
        expect(createWebroot.userErrors).toEqual([]);
        expect((await watchWebroot(c, createWebroot.webroot!.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
      }
      const daemons = await daemonPids();
      expect(daemons.map((d) => d.name)).toEqual(expect.arrayContaining(['nginx', 'haproxy', 'php-fpm']));

      process.kill(-start.child.pid!, 'SIGINT'); // what a terminal's Ctrl-C does
      expect(await exited(start.child, 60_000)).toBe(0);
      expect(await leftovers()).toEqual([]);
      for (const { name, pid } of daemons) expect(await goneSoon(pid), `${name} pid ${pid}`).toBe(true);
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    'starts again, and npm run admin-key replaces a lost key',
    async () => {
      const start = startPlatform();
      await ready(start);
      const keyCommand = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'admin-key.mjs')], { env });
      expect(await exited(keyCommand, 60_000)).toBe(0);
      const newKey = (await dotEnv()).HOSTING_API_KEY ?? '';
      expect(newKey).toMatch(/^hp_/);
      expect(newKey).not.toBe(firstKey);
      expect((await apiClient(newKey).query(ViewerDocument)).viewer.isPlatformAdmin).toBe(true);
      await expectCode(apiClient(firstKey).query(ViewerDocument), 'UNAUTHENTICATED');

      process.kill(-start.child.pid!, 'SIGTERM');
      expect(await exited(start.child, 60_000)).toBe(0);
      expect(await leftovers()).toEqual([]);
    },
    2 * START_TIMEOUT_MS,
  );
});

/** `node scripts/start.mjs` in a process group of its own, as a terminal runs `npm start`. */
function startPlatform() {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs')], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  return { child, output: () => text };
}

async function ready(start: ReturnType<typeof startPlatform>): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!start.output().includes('Hostplane is running')) {
    if (start.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not come up:\n${start.output().slice(-4_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`pid ${child.pid} still running after ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function apiClient(apiKey: string): HostplaneClient {
  const url = `http://127.0.0.1:${ports.API_PORT}/graphql`;
  const c = createHostplaneClient({ url, wsUrl: url.replace(/^http/, 'ws'), apiKey, webSocketImpl: WebSocket });
  clients.push(c);
  return c;
}

async function dotEnv(): Promise<Record<string, string>> {
  const text = await readFile(env.HOSTPLANE_ENV_FILE!, 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s, 2) as [string, string]),
  );
}

/** Tenant UIDs of this platform's own, apart from the shared test platform's (see global-setup). */
async function spreadTenantUids(): Promise<void> {
  const db = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${ports.POSTGRES_PORT}/hostplane`,
  });
  await db.connect();
  try {
    const start = 2_000_000 + Math.floor(Math.random() * 1_000) * 1_000;
    await db.query(`ALTER SEQUENCE tenant_uid_seq RESTART WITH ${start}`);
  } finally {
    await db.end();
  }
}

/** Processes whose command line names the run's folder: none may outlive a stop. */
async function leftovers(): Promise<string[]> {
  const parent = path.dirname(dataDir);
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(parent)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
  }
  return found;
}

/** The node's daemons by their pid files (nginx, HAProxy, php-fpm masters) while it runs. */
async function daemonPids(): Promise<Array<{ name: string; pid: number }>> {
  const runDir = path.join(dataDir, 'agent-web', 'run');
  const files = await readdir(runDir, { recursive: true });
  const daemons: Array<{ name: string; pid: number }> = [];
  for (const file of files.filter((name) => String(name).endsWith('.pid'))) {
    const pid = Number((await readFile(path.join(runDir, String(file)), 'utf8')).trim());
    const exe = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (exe) daemons.push({ name: exe.trim().replace(/^php-fpm.*/, 'php-fpm'), pid });
  }
  return daemons;
}

/**
 * Whether `pid` has ended within a few seconds. A daemon re-parented to init stays a zombie (its
 * command line already empty) until init reaps it, which a busy machine's init does lazily: a
 * zombie holds no port nor file and counts as ended.
 */
async function goneSoon(pid: number): Promise<boolean> {
  const ended = async () => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    return stat === null || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  };
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    if (await ended()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return ended();
}
