// The agent's web wiring with real services: configured from the environment into a state
// folder, stopped with the agent, and brought back from the configs on disk at the next start.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from '../testing.js';
import { NodeCapabilities } from '../capabilities/node-capabilities.js';
import { webPrograms } from '../capabilities/catalog.js';
import { parseWebConfig, webPathsOf } from './config.js';
import { staticSpec } from './fixtures.js';
import { startWebHosting } from './start.js';
import { expectHttp, freePort, httpGet, makeTestRoot } from './test-harness.js';

const logger = pino({ level: 'silent' });
let root: string;
let lbPort: number;
let users: TenantUserManager;
const tenant = { name: randomTenantName(), uid: randomUid(), suspended: false };

beforeAll(async () => {
  root = await makeTestRoot('start');
  lbPort = await freePort();
  await mkdir(path.join(root, 'homes'), { mode: 0o755 });
  users = new TenantUserManager({
    homeRoot: path.join(root, 'homes'),
    shell: '/bin/bash',
    nologinShell: '/usr/sbin/nologin',
  });
  await users.ensure(tenant);
});

afterAll(async () => {
  await users?.remove(tenant).catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('startWebHosting', () => {
  it('stops its services with the agent and resumes them from disk at the next start', async () => {
    const webPort = await freePort();
    const config = parseWebConfig({
      HOSTPLANE_HOME_ROOT: path.join(root, 'homes'),
      HOSTPLANE_NGINX_LISTEN: `127.0.0.1:${webPort}`,
      HOSTPLANE_HAPROXY_BIND: `127.0.0.1:${lbPort}`,
    });
    const spec = staticSpec({
      tenant,
      serverNames: ['resume.example.test'],
      documentRoot: 'public',
    });
    const paths = webPathsOf(config);
    const capabilities = new NodeCapabilities({
      nodeId: 'start-test',
      programs: () => webPrograms(paths),
      timeoutMs: 5000,
      logger,
    });
    await capabilities.probeAll();
    const first = await startWebHosting(paths, logger, capabilities);
    await first.activities.ensureWebroot(spec);
    await writeFile(path.join(root, 'homes', tenant.name, 'webroots', spec.name, 'public', 'index.html'), 'back');
    const backends = [{ name: 'shard_web', servers: [{ name: 'web1', address: `127.0.0.1:${webPort}` }] }];
    await first.activities.convergeLb({
      backends,
      entries: [{ fqdn: 'resume.example.test', backend: 'shard_web' }],
    });
    await expectHttp(lbPort, 'resume.example.test', 200, 'back');

    await first.close();
    // Stopped: nothing listens any more (an exiting worker may still reset a connection).
    const down = (port: number) =>
      expect
        .poll(
          () =>
            httpGet(port, 'resume.example.test').then(
              () => 'up',
              (e: Error) => e.message,
            ),
          { timeout: 5000 },
        )
        .toMatch(/ECONNREFUSED/);
    await down(lbPort);
    await down(webPort);

    const second = await startWebHosting(webPathsOf(config), logger, capabilities);
    try {
      await expectHttp(lbPort, 'resume.example.test', 200, 'back');
    } finally {
      await second.close();
    }
  });
});
