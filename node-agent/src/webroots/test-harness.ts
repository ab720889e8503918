// Shared by the web tests and the benchmark: real nginx, php-fpm, supervisord and HAProxy under
// a temp prefix on loopback ports, run as root (the agent's production identity). Not used by
// the agent itself.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HaproxyOptions } from '../haproxy/manager.js';
import type { WebNodeManager, WebNodeOptions } from './manager.js';
import { waitFor } from './process.js';

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A temp prefix the services' unprivileged users can traverse (mkdtemp makes it 0700). */
export async function makeTestRoot(label: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `hp-${label}-`));
  await chmod(root, 0o755);
  return root;
}

/** Web node options with every path under `root` and nginx on a free loopback port. */
export async function webNodeTestOptions(root: string): Promise<{ options: WebNodeOptions; port: number }> {
  const port = await freePort();
  const homeRoot = path.join(root, 'homes');
  await mkdir(homeRoot, { mode: 0o755 });
  const options: WebNodeOptions = {
    homeRoot,
    nginx: {
      binary: '/usr/sbin/nginx',
      prefix: `${root}/nginx/`,
      confDir: path.join(root, 'nginx', 'conf'),
      logDir: path.join(root, 'log', 'nginx'),
      runDir: path.join(root, 'run'),
      tempDir: path.join(root, 'nginx', 'tmp'),
      listen: [`127.0.0.1:${port}`],
      user: 'www-data',
      workerProcesses: 1,
      mimeTypes: '/etc/nginx/mime.types',
    },
    phpFpm: {
      binaries: { '8.2': '/usr/sbin/php-fpm8.2' },
      confDir: path.join(root, 'php-fpm'),
      runDir: path.join(root, 'run', 'php-fpm'),
      logDir: path.join(root, 'log'),
      socketOwner: 'www-data',
      socketGroup: 'www-data',
    },
    apps: {
      runtimes: { NODE: { '20': path.dirname(process.execPath) } },
      basePath: '/usr/local/bin:/usr/bin:/bin',
      logDir: path.join(root, 'log', 'apps'),
      socketDir: path.join(root, 'run', 'apps'),
      webUser: 'www-data',
    },
    supervisor: {
      supervisord: '/usr/bin/supervisord',
      supervisorctl: '/usr/bin/supervisorctl',
      configFile: path.join(root, 'supervisor', 'supervisord.conf'),
      socket: path.join(root, 'run', 'supervisor.sock'),
      pidFile: path.join(root, 'run', 'supervisord.pid'),
      logDir: path.join(root, 'log', 'supervisor'),
      programsDir: path.join(root, 'supervisor', 'programs'),
    },
  };
  return { options, port };
}

/** HAProxy options under `root`, its frontend on a free loopback port. */
export async function lbTestOptions(root: string): Promise<{ options: HaproxyOptions; port: number }> {
  const port = await freePort();
  const dir = path.join(root, 'haproxy');
  return {
    port,
    options: {
      binary: '/usr/sbin/haproxy',
      configFile: path.join(dir, 'haproxy.cfg'),
      mapFile: path.join(dir, 'fqdn-to-shard.map'),
      adminSocket: path.join(root, 'run', 'haproxy-admin.sock'),
      pidFile: path.join(root, 'run', 'haproxy.pid'),
      bind: [`127.0.0.1:${port}`],
    },
  };
}

/** Stops every daemon a web node manager started and deletes `root`. */
export async function tearDownWebNode(web: WebNodeManager | undefined, root: string | undefined): Promise<void> {
  if (web) {
    await web.nginx.stop().catch(() => undefined);
    await web.phpFpm.stopAll().catch(() => undefined);
    await web.supervisor.stop().catch(() => undefined);
  }
  if (root) await rm(root, { recursive: true, force: true });
}

/** GET through 127.0.0.1:`port` with a Host header; no keep-alive, so nothing lingers. */
export function httpGet(port: number, host: string, urlPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { Host: host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

/**
 * Polls until a GET answers `status` (and `body`, when given). nginx and HAProxy apply a
 * reload asynchronously, so a test waits for the effect rather than sleeping.
 */
export function expectHttp(port: number, host: string, status: number, body?: string | RegExp, urlPath = '/') {
  let last = '';
  return waitFor(
    `${host}${urlPath} to answer ${status} (last: ${last})`,
    async () => {
      const res = await httpGet(port, host, urlPath).catch((e: Error) => ({
        status: 0,
        body: e.message,
      }));
      last = `${res.status} ${res.body.slice(0, 200)}`;
      const bodyOk = body === undefined || (typeof body === 'string' ? res.body === body : body.test(res.body));
      return res.status === status && bodyOk ? res : false;
    },
    10_000,
  ).catch(() => {
    throw new Error(`${host}${urlPath}: expected ${status}${body ? ` ${String(body)}` : ''}, last got ${last}`);
  });
}

const FIXTURES = new URL('../../test-fixtures/', import.meta.url);

/**
 * The golden copy of a rendered file (test-fixtures/<name>). `UPDATE_GOLDEN=1` rewrites it from
 * `actual` first — review the diff before committing.
 */
export async function golden(name: string, actual: string): Promise<string> {
  const file = new URL(name, FIXTURES);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(new URL('.', file), { recursive: true });
    await writeFile(file, actual);
  }
  return readFile(file, 'utf8');
}
