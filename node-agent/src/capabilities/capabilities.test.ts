// The probe and the activity guard with real programs: a binary configured at a path that does
// not exist is reported missing with its package, an activity that needs it fails fast and for
// good, and once the path exists the next call finds it (no agent restart).
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { parseWebConfig, webPathsOf } from '../webroots/config.js';
import { staticSpec } from '../webroots/fixtures.js';
import { startWebHosting } from '../webroots/start.js';
import { makeTestRoot } from '../webroots/test-harness.js';
import { webPrograms } from './catalog.js';
import { CAPABILITY_MISSING, type CapabilityReport } from '@hostplane/contract/capabilities';
import { NodeCapabilities } from './node-capabilities.js';
import { probeNodeCapabilities } from './start.js';

const logger = pino({ level: 'silent' });
let root: string;

beforeAll(async () => {
  root = await makeTestRoot('capabilities');
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('node capabilities', () => {
  it('reports a binary at a path that does not exist as missing, and a guarded activity fails with CapabilityMissing', async () => {
    const nginx = path.join(root, 'bin', 'nginx');
    const paths = webPathsOf(
      parseWebConfig({
        HOSTPLANE_HOME_ROOT: path.join(root, 'homes'),
        HOSTPLANE_NGINX_BINARY: nginx,
        HOSTPLANE_PYTHON_RUNTIMES: '',
        HOSTPLANE_RUBY_RUNTIMES: '',
      }),
    );
    const capabilities = new NodeCapabilities({
      nodeId: 'probe-test',
      programs: () => webPrograms(paths),
      timeoutMs: 5_000,
      logger,
    });
    const changes: CapabilityReport[][] = [];
    capabilities.onChange((changed) => changes.push(changed));
    const all = await capabilities.probeAll();

    expect(all.find((c) => c.name === 'nginx')).toEqual({
      name: 'nginx',
      available: false,
      version: null,
      path: nginx,
      package: 'nginx',
      reason: `${nginx} not found`,
    });
    expect(all.find((c) => c.name === 'php-fpm 8.2')).toMatchObject({ available: true, package: 'php8.2-fpm' });
    expect(all.find((c) => c.name === 'haproxy')).toMatchObject({
      available: true,
      version: expect.stringMatching(/^2\./),
    });

    const web = await startWebHosting(paths, logger, capabilities);
    try {
      const failure = await web.activities.ensureWebroot(staticSpec()).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({
        type: CAPABILITY_MISSING,
        nonRetryable: true,
        message: `nginx is not available on node probe-test: ${nginx} not found (Debian package nginx)`,
      });

      // Installed meanwhile: the guard probes again at the call, and listeners hear of it.
      await mkdir(path.dirname(nginx));
      await symlink('/usr/sbin/nginx', nginx);
      await expect(capabilities.require(['nginx'])).resolves.toBeUndefined();
      expect(capabilities.get('nginx')).toMatchObject({ available: true, version: expect.stringMatching(/^1\./) });
      expect(changes.at(-1)?.map((c) => c.name)).toEqual(['nginx']);
    } finally {
      await web.close();
    }
  });

  it('serves the Python and Ruby the node has when their runtimes are not configured (gunicorn, puma)', async () => {
    const config = parseConfig({ NODE_ID: 'detect-test', HOSTPLANE_HOME_ROOT: path.join(root, 'homes') });
    const paths = webPathsOf(config);
    const capabilities = await probeNodeCapabilities(config, paths, logger);
    // This machine has Debian's gunicorn and puma (infra/debian-packages.txt).
    const [python] = Object.keys(paths.web.apps.runtimes.PYTHON ?? {});
    const [ruby] = Object.keys(paths.web.apps.runtimes.RUBY ?? {});
    expect(python).toMatch(/^3\.\d+$/);
    expect(ruby).toMatch(/^\d+\.\d+$/);
    expect(capabilities.get(`python ${python}`)).toMatchObject({ available: true, path: '/usr/bin/python3' });
    expect(capabilities.get(`ruby ${ruby}`)).toMatchObject({ available: true, path: '/usr/bin/ruby' });
    expect(capabilities.get('mysqldump')).toMatchObject({ available: true, package: 'mariadb-client' });
  });
});
