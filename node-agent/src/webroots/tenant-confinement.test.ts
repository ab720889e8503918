// Tenants attack each other through the web node, each attack run as the attacker's own Linux
// user against real nginx and php-fpm: tenant A swaps its document root for a symlink into
// tenant B's webroot, and reads the opcode cache that A's and B's pools share.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from '../testing.js';
import { phpSpec, staticSpec } from './fixtures.js';
import { WebNodeManager, type WebNodeOptions } from './manager.js';
import type { WebrootSpec, WebrootTenant } from './spec.js';
import { expectHttp, httpGet, makeTestRoot, tearDownWebNode, webNodeTestOptions } from './test-harness.js';

const run = promisify(execFile);
let root: string;
let options: WebNodeOptions;
let nginxPort: number;
let web: WebNodeManager;
let users: TenantUserManager;
let a: WebrootTenant;
let b: WebrootTenant;

const dirOf = (spec: WebrootSpec, ...rest: string[]) =>
  path.join(options.homeRoot, spec.tenant.name, 'webroots', spec.name, ...rest);
/** Runs a shell command as the tenant: what a tenant with SSH access can do. */
const asTenant = (tenant: WebrootTenant, script: string) =>
  run('runuser', ['-u', tenant.name, '--', '/bin/sh', '-c', script], { cwd: '/' });

beforeAll(async () => {
  root = await makeTestRoot('confine');
  ({ options, port: nginxPort } = await webNodeTestOptions(root));
  web = new WebNodeManager(options);
  users = new TenantUserManager({ homeRoot: options.homeRoot, shell: '/bin/sh', nologinShell: '/usr/sbin/nologin' });
  a = { name: randomTenantName(), uid: randomUid(), suspended: false };
  b = { name: randomTenantName(), uid: randomUid(), suspended: false };
  await users.ensure(a);
  await users.ensure(b);
});

afterAll(async () => {
  await tearDownWebNode(web, undefined);
  for (const tenant of [a, b]) if (tenant) await users.remove(tenant).catch(() => undefined);
  if (root) await run('rm', ['-rf', '--one-file-system', root]);
});

describe('a document root swapped for a symlink into another tenant', () => {
  for (const runtime of ['STATIC', 'PHP'] as const) {
    it(`${runtime}: tenant A's site does not serve tenant B's files`, async () => {
      const make = (tenant: WebrootTenant, host: string) => {
        const name = `web_${runtime === 'STATIC' ? 'st' : 'ph'}${tenant.name.slice(2, 10)}`;
        return runtime === 'STATIC'
          ? staticSpec({ tenant, name, serverNames: [host], documentRoot: 'public' })
          : phpSpec({ tenant, name, serverNames: [host], documentRoot: 'public' });
      };
      const siteA = make(a, `a-${runtime.toLowerCase()}.confine.test`);
      const siteB = make(b, `b-${runtime.toLowerCase()}.confine.test`);
      await web.ensureWebroot(siteA);
      await web.ensureWebroot(siteB);
      const secret = `DB_PASSWORD=${runtime}-of-${b.name}`;
      await asTenant(b, `echo '${secret}' > ${dirOf(siteB, 'public', 'wp-config.txt')}`);
      await asTenant(b, `echo '<?php echo "B:" . getenv("USER");' > ${dirOf(siteB, 'public', 'who.php')}`);
      await expectHttp(nginxPort, siteB.serverNames[0]!, 200, `${secret}\n`, '/wp-config.txt');

      // The attack, as A: the whole document root becomes a link to B's.
      await asTenant(a, `cd ${dirOf(siteA)} && rm -rf public && ln -s ${dirOf(siteB, 'public')} public`);
      const stolen = await httpGet(nginxPort, siteA.serverNames[0]!, '/wp-config.txt');
      expect(stolen.body).not.toContain(secret);
      expect([403, 404]).toContain(stolen.status);
      if (runtime === 'PHP') {
        const script = await httpGet(nginxPort, siteA.serverNames[0]!, '/who.php');
        expect(script.body).not.toContain('B:');
      }
      // B's own site is untouched, and A's own links inside its tree still work.
      await expectHttp(nginxPort, siteB.serverNames[0]!, 200, `${secret}\n`, '/wp-config.txt');
      await asTenant(
        a,
        `cd ${dirOf(siteA)} && rm public && mkdir -p real && echo mine > real/own.txt && ln -s real public`,
      );
      await expectHttp(nginxPort, siteA.serverNames[0]!, 200, 'mine\n', '/own.txt');
      expect(await readFile(dirOf(siteB, 'public', 'wp-config.txt'), 'utf8')).toBe(`${secret}\n`);
    });
  }
});
