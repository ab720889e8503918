// What a tenant's processes inherit from the agent, read by the tenant itself: a Node.js app, a
// Ruby app under puma and a PHP pool on real supervisord, php-fpm and nginx, started by an "agent"
// (this test process) holding platform secrets and working in a folder only root may enter.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from '../testing.js';
import { nodeSpec, phpSpec } from './fixtures.js';
import { WebNodeManager, type WebNodeOptions } from './manager.js';
import type { AppWebrootSpec, WebrootSpec, WebrootTenant } from '@hostplane/contract/webroots';
import { expectHttp, makeTestRoot, tearDownWebNode, webNodeTestOptions } from './test-harness.js';

const run = promisify(execFile);
const repoRoot = path.resolve(new URL('../../..', import.meta.url).pathname);
// Planted in the agent's environment: none of them may reach a tenant.
const AGENT_ENV = {
  HOSTPLANE_PAYLOAD_KEY: 'agent-secret-payload-key',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  DATABASE_URL: 'postgresql://agent:secret@127.0.0.1/hostplane',
  npm_lifecycle_event: 'test',
};

let root: string;
let privateCwd: string;
let options: WebNodeOptions;
let nginxPort: number;
let web: WebNodeManager;
let users: TenantUserManager;
let tenant: WebrootTenant;
const saved = { cwd: process.cwd(), env: { ...process.env } };

const dirOf = (spec: WebrootSpec) => path.join(options.homeRoot, tenant.name, 'webroots', spec.name);
const home = () => path.join(options.homeRoot, tenant.name);

/** KEY=value pairs of a NUL-separated environ block. */
const parseEnviron = (block: string) =>
  Object.fromEntries(
    block
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  ) as Record<string, string>;

/** What the tenant must (HOME, USER) and must not (the agent's variables, folders) see. */
function expectTenantOnly(env: Record<string, string>, cwd: string, dir: string) {
  expect(Object.keys(env).filter((key) => /^(HOSTPLANE_|TEMPORAL_|npm_)|^DATABASE_URL$/.test(key))).toEqual([]);
  for (const value of Object.values(env)) {
    expect(value).not.toContain(privateCwd);
    expect(value).not.toContain(repoRoot);
  }
  expect(env).toMatchObject({ HOME: home(), USER: tenant.name });
  expect([undefined, dir]).toContain(env.PWD);
  expect(cwd).toBe(dir);
}

/** Each environment and working folder a tenant process of `tenant` reports over HTTP. */
async function selfReport(host: string): Promise<{ env: Record<string, string>; cwd: string }> {
  const res = await expectHttp(nginxPort, host, 200, /^\{/);
  return JSON.parse(res.body) as { env: Record<string, string>; cwd: string };
}

beforeAll(async () => {
  // The agent as `npm start` runs it from a root-only checkout: secrets in its environment,
  // its working folder (and PWD) one no tenant may enter.
  privateCwd = await mkdtemp(path.join(tmpdir(), 'hp-agent-cwd-'));
  process.chdir(privateCwd);
  Object.assign(process.env, AGENT_ENV, { PWD: privateCwd });
  root = await makeTestRoot('tenant-env');
  ({ options, port: nginxPort } = await webNodeTestOptions(root));
  options.apps.runtimes.RUBY = { '3.1': '/usr/bin' };
  web = new WebNodeManager(options);
  users = new TenantUserManager({ homeRoot: options.homeRoot, shell: '/bin/bash', nologinShell: '/usr/sbin/nologin' });
  tenant = { name: randomTenantName(), uid: randomUid(), suspended: false };
  await users.ensure(tenant);
});

afterAll(async () => {
  process.chdir(saved.cwd);
  for (const key of Object.keys(process.env)) if (!(key in saved.env)) delete process.env[key];
  Object.assign(process.env, saved.env);
  await tearDownWebNode(web, undefined);
  if (tenant) await users.remove(tenant);
  for (const dir of [root, privateCwd]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('tenant processes get their own environment, not the agent’s', () => {
  const apps: Array<{ label: string; spec: () => AppWebrootSpec; file: string; source: string }> = [
    {
      label: 'a Node.js app',
      spec: () => nodeSpec({ tenant, name: 'web_envnode001', serverNames: ['node.env.test'] }),
      file: 'server.js',
      source: [
        "const fs = require('fs');",
        "const env = Object.fromEntries(fs.readFileSync('/proc/self/environ', 'utf8').split('\\0').filter(Boolean)",
        "  .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));",
        "require('http').createServer((q, s) => s.end(JSON.stringify({ env, cwd: process.cwd() })))",
        '  .listen(process.env.PORT);',
      ].join('\n'),
    },
    {
      // puma stats $PWD at start: the agent's root-only folder made it die with EACCES.
      label: 'a Ruby app under puma',
      spec: () =>
        nodeSpec({
          tenant,
          name: 'web_envruby001',
          runtime: 'RUBY',
          runtimeVersion: '3.1',
          serverNames: ['ruby.env.test'],
          runtimeConfig: { command: ['puma', '--bind', 'unix://{socket}', 'config.ru'] },
        }),
      file: 'config.ru',
      source: [
        'require "json"',
        'env = File.read("/proc/self/environ").split("\\0").to_h { |e| e.split("=", 2) }',
        'run ->(_) { [200, { "content-type" => "application/json" }, [JSON.generate(env: env, cwd: Dir.pwd)]] }',
      ].join('\n'),
    },
  ];

  for (const { label, spec, file, source } of apps) {
    it(`${label}: its own /proc/self/environ and working folder`, async () => {
      const app = spec();
      await mkdir(dirOf(app), { recursive: true });
      await writeFile(path.join(dirOf(app), file), source);
      await web.ensureWebroot(app);
      const { env, cwd } = await selfReport(app.serverNames[0]!);
      expectTenantOnly(env, cwd, dirOf(app));
      const socket = web.apps.sockets.pathOf(tenant.name, app.name);
      expect(env).toMatchObject({ LOGNAME: tenant.name, PORT: socket, APP_SOCKET: socket });
      expect(env.PATH?.split(':').slice(1).join(':')).toBe(options.apps.basePath);
    });
  }

  it('a PHP pool: getenv() and working folder', async () => {
    const php = phpSpec({ tenant, name: 'web_envphp0001', serverNames: ['php.env.test'] });
    await web.ensureWebroot(php);
    await writeFile(
      path.join(dirOf(php), 'public', 'index.php'),
      '<?php echo json_encode(["env" => getenv(), "cwd" => getcwd()]);',
    );
    const { env, cwd } = await selfReport('php.env.test');
    expectTenantOnly(env, cwd, path.join(dirOf(php), 'public')); // PHP runs in the script's folder
  });

  it('every process of the tenant whose environ the tenant can read holds nothing of the agent', async () => {
    const { stdout } = await run('pgrep', ['-u', String(tenant.uid)]);
    const readable: Array<Record<string, string>> = [];
    for (const pid of stdout.split('\n').filter(Boolean)) {
      // As the tenant: what its shell or any of its programs could read. php-fpm workers are not
      // dumpable after their setuid, so the kernel keeps their environ from the tenant.
      const read = await run('runuser', ['-u', tenant.name, '--', 'cat', `/proc/${pid}/environ`]).catch(() => null);
      if (read) readable.push(parseEnviron(read.stdout));
    }
    expect(readable.length).toBeGreaterThanOrEqual(2); // node and puma at least
    for (const env of readable) {
      expect(Object.keys(env).filter((key) => /^(HOSTPLANE_|TEMPORAL_|npm_)|^DATABASE_URL$/.test(key))).toEqual([]);
      expect(Object.values(env).join('\n')).not.toContain(privateCwd);
    }
  });
});
