// The node agent process (dist/main.js) with a web state folder: the daemons it brings up (nginx,
// HAProxy, a php-fpm master, the app supervisord and its app, the Valkey supervisord) all end
// when it is told to stop — on Ctrl-C under `npm start` (SIGINT to the process group, then SIGTERM
// from start.mjs) and on a lone SIGTERM — well within start.mjs's 10 s before SIGKILL, even with
// a tenant's app that ignores SIGTERM and a PHP request that sleeps. Started from a root-only
// folder, the agent hands none of them its environment or working folder.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';
import { LoadBalancerManager } from './haproxy/manager.js';
import { TenantUserManager } from './linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from './testing.js';
import { parseWebConfig, webPathsOf, type WebPaths } from './webroots/config.js';
import { nodeSpec, phpSpec } from './webroots/fixtures.js';
import { WebNodeManager } from './webroots/manager.js';
import { isAlive, runningPid, stopProcess, waitFor } from './webroots/process.js';
import type { WebrootTenant } from '@hostplane/contract/webroots';
import { freePort, httpGet, makeTestRoot, tearDownWebNode } from './webroots/test-harness.js';

const run = promisify(execFile);

const agentMain = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let root: string;
let env: NodeJS.ProcessEnv;
let paths: WebPaths;
let web: WebNodeManager;
let lb: LoadBalancerManager;
let users: TenantUserManager;
let tenant: WebrootTenant;
const app = () => nodeSpec({ tenant, name: 'web_stopapp001' });
const nginxPort = () => Number(paths.web.nginx.listen[0]!.split(':')[1]);

beforeAll(async () => {
  const platform = getPlatform();
  root = await makeTestRoot('agent-stop');
  const homeRoot = path.join(root, 'homes');
  await mkdir(homeRoot, { mode: 0o755 });
  // Run from a checkout only root may enter (a clone in /root): nothing may depend on it.
  const checkout = path.join(root, 'checkout');
  await mkdir(checkout, { mode: 0o700 });
  const { DATABASE_URL: _agentsNeverGetIt, ...inherited } = process.env;
  env = {
    ...inherited,
    NODE_ID: `stop-test-${randomBytes(4).toString('hex')}`,
    TEMPORAL_ADDRESS: platform.temporalAddress,
    HOSTPLANE_PAYLOAD_KEY: platform.payloadKey,
    HOSTPLANE_HOME_ROOT: homeRoot,
    HOSTPLANE_STATE_DIR: path.join(root, 'agent-state'),
    HOSTPLANE_WEB_STATE_DIR: path.join(root, 'agent-web'),
    HOSTPLANE_NGINX_LISTEN: `127.0.0.1:${await freePort()}`,
    HOSTPLANE_HAPROXY_BIND: `127.0.0.1:${await freePort()}`,
    HOSTPLANE_WEB_STOP_ON_EXIT: 'true',
    LOG_LEVEL: 'info',
    PWD: checkout,
  };
  // The node's last converged state, as the agent finds it on disk after a restart: a PHP site,
  // a Node.js app and a load balancer. Everything is stopped again: the agent brings it back.
  paths = webPathsOf(parseWebConfig(env));
  web = new WebNodeManager(paths.web);
  lb = new LoadBalancerManager(paths.haproxy);
  users = new TenantUserManager({ homeRoot, shell: '/bin/bash', nologinShell: '/usr/sbin/nologin' });
  tenant = { name: randomTenantName(), uid: randomUid(), suspended: false };
  await users.ensure(tenant);
  await web.ensureWebroot(phpSpec({ tenant }));
  await writeFile(
    path.join(homeRoot, tenant.name, 'webroots', phpSpec().name, 'public', 'index.php'),
    '<?php sleep(60);',
  );
  const appDir = path.join(homeRoot, tenant.name, 'webroots', app().name);
  await mkdir(appDir, { recursive: true });
  const server =
    "process.on('SIGTERM', () => {}); require('http').createServer((q, s) => s.end('up')).listen(process.env.PORT);";
  await writeFile(path.join(appDir, 'server.js'), server);
  await web.ensureWebroot(app());
  await lb.converge({
    backends: [{ name: 'shard_web1', servers: [{ name: 'web1', address: paths.web.nginx.listen[0]! }] }],
    entries: [],
  });
  await stopEverything();
});

afterAll(async () => {
  if (web) await stopEverything();
  if (tenant) await users.remove(tenant);
  await tearDownWebNode(undefined, root);
});

async function stopEverything() {
  await lb.stop().catch(() => undefined);
  await tearDownWebNode(web, undefined);
  const valkeySupervisord = await runningPid(...pidFiles()['valkey supervisord']);
  if (valkeySupervisord !== null) await stopProcess(valkeySupervisord, 'SIGTERM');
}

/** The pid files of every daemon the agent runs: each under the agent's state folders. */
const pidFiles = () => {
  const valkeySupervisor = path.join(env.HOSTPLANE_STATE_DIR!, 'supervisor');
  return {
    nginx: [web.nginx.pidFile, web.nginx.mainConf],
    haproxy: [paths.haproxy.pidFile, paths.haproxy.configFile],
    'php-fpm': [web.phpFpm.pidFile('8.2'), web.phpFpm.confFile('8.2')],
    'app supervisord': [paths.web.supervisor.pidFile, paths.web.supervisor.configFile],
    'valkey supervisord': [
      path.join(valkeySupervisor, 'supervisord.pid'),
      path.join(valkeySupervisor, 'supervisord.conf'),
    ],
  } satisfies Record<string, [pidFile: string, marker: string]>;
};

/** Starts the agent in a process group of its own (as a terminal's foreground job) and waits until it runs. */
async function startAgent(): Promise<{
  agent: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output: () => string;
}> {
  const agent = spawn(process.execPath, [agentMain], {
    env,
    cwd: env.PWD,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [agent.stdout, agent.stderr])
    stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    agent.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitFor(
    'the agent to start',
    () => output.includes('"msg":"node agent started"') || agent.exitCode !== null,
    30_000,
  );
  if (agent.exitCode !== null) throw new Error(`the agent exited at start:\n${output}`);
  return { agent, exited, output: () => output };
}

/** Every daemon pid the agent's node runs now, with the tenant's app and pool processes. */
async function daemonPids(): Promise<Map<string, number>> {
  const pids = new Map<string, number>();
  for (const [name, [file, marker]] of Object.entries(pidFiles())) {
    expect(file.startsWith(`${root}/`), `${name}'s pid file ${file} is under the agent's state folders`).toBe(true);
    pids.set(name, await waitFor(`${name} to run`, () => runningPid(file, marker).then((pid) => pid ?? false)));
  }
  const appPid = await waitFor(
    'the app to run',
    async () => (await web.supervisor.status()).get(app().name)?.pid ?? false,
  );
  pids.set('app', appPid);
  return pids;
}

/**
 * Each daemon runs in `/` with the daemon environment, and the tenant's app with its own: none
 * holds the agent's variables (its Temporal address, payload key, npm's) or its working folder.
 */
async function expectOwnEnvironments(pids: Map<string, number>) {
  for (const [name, pid] of pids) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    const keys = environ
      .split('\0')
      .filter(Boolean)
      .map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(
      keys.filter((key) => /^(HOSTPLANE_|TEMPORAL_|npm_)/.test(key)),
      name,
    ).toEqual([]);
    expect(environ, name).not.toContain(env.PWD);
    if (name !== 'app') expect(await readlink(`/proc/${pid}/cwd`), name).toBe('/');
  }
}

describe('the node agent stops every daemon it started', () => {
  const cases: Array<{ label: string; send: (agent: ChildProcess) => void }> = [
    {
      // Ctrl-C: the terminal signals the whole foreground group, start.mjs follows with SIGTERM.
      label: 'SIGINT to its process group, then SIGTERM',
      send: (agent) => {
        process.kill(-agent.pid!, 'SIGINT');
        setTimeout(() => agent.kill('SIGTERM'), 20);
      },
    },
    { label: 'SIGTERM alone', send: (agent) => agent.kill('SIGTERM') },
  ];

  for (const { label, send } of cases) {
    it(`on ${label}, within a few seconds`, async () => {
      const { agent, exited, output } = await startAgent();
      const pids = await daemonPids();
      await expectOwnEnvironments(pids);
      void httpGet(nginxPort(), 'shop.example.test').catch(() => null); // held by the sleeping script
      await waitFor('a PHP worker to take the request', () =>
        run('pgrep', ['-u', String(tenant.uid), '-f', 'php-fpm: pool']).then(
          () => true,
          () => false,
        ),
      );
      const started = Date.now();
      send(agent);
      const result = await exited;
      const tookMs = Date.now() - started;
      expect(result, output()).toEqual({ code: 0, signal: null });
      expect(tookMs).toBeLessThan(8_000); // the app's 5 s stopwaitsecs, then SIGKILL
      const alive = [...pids].filter(([, pid]) => isAlive(pid)).map(([name]) => name);
      expect(alive, output()).toEqual([]);
    }, 60_000);
  }
});
