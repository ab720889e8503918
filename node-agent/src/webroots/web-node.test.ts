// End to end on one node, with real services: a tenant's Linux user, nginx, php-fpm,
// supervisord and HAProxy, all under a temp prefix on loopback ports.
import { access, lchown, lstat, mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLbActivities } from '../haproxy/activities.js';
import { LoadBalancerManager } from '../haproxy/manager.js';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { probeNginx } from '../nginx/probe.js';
import { renderServerBlock } from '../nginx/render.js';
import { randomTenantName, randomUid } from '../testing.js';
import { createWebActivities } from './activities.js';
import { nodeSpec, phpSpec, staticSpec } from './fixtures.js';
import { childrenOf, isAlive, waitFor } from './process.js';
import { WebNodeManager, type WebNodeOptions } from './manager.js';
import type { WebrootSpec, WebrootTenant } from '@hostplane/contract/webroots';
import { expectHttp, lbTestOptions, makeTestRoot, tearDownWebNode, webNodeTestOptions } from './test-harness.js';

const logger = pino({ level: 'silent' });
let root: string;
let options: WebNodeOptions;
let nginxPort: number;
let lbPort: number;
let web: WebNodeManager;
let lb: LoadBalancerManager;
let users: TenantUserManager;
let tenant: WebrootTenant;
let specs: { php: WebrootSpec; app: WebrootSpec; site: WebrootSpec };

const dirOf = (spec: WebrootSpec, ...rest: string[]) =>
  path.join(options.homeRoot, tenant.name, 'webroots', spec.name, ...rest);
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as ApplicationFailure,
  );
const suspended = (spec: WebrootSpec, value: boolean) =>
  ({ ...spec, tenant: { ...spec.tenant, suspended: value } }) as WebrootSpec;

beforeAll(async () => {
  root = await makeTestRoot('web');
  ({ options, port: nginxPort } = await webNodeTestOptions(root));
  const lbSetup = await lbTestOptions(root);
  lbPort = lbSetup.port;
  lb = new LoadBalancerManager(lbSetup.options);
  web = new WebNodeManager(options);
  users = new TenantUserManager({
    homeRoot: options.homeRoot,
    shell: '/bin/bash',
    nologinShell: '/usr/sbin/nologin',
  });
  tenant = { name: randomTenantName(), uid: randomUid(), suspended: false };
  await users.ensure(tenant);
  specs = {
    php: phpSpec({
      tenant,
      serverNames: ['shop.example.test', `web_php0000001.${tenant.name}.hosting.test`],
    }),
    app: nodeSpec({
      tenant,
      runtimeConfig: { command: ['node', 'server.js'] },
    }),
    site: staticSpec({ tenant }),
  };
});

afterAll(async () => {
  await lb?.stop().catch(() => undefined);
  await tearDownWebNode(web, undefined);
  if (tenant) await users.remove(tenant);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a web node behind the load balancer', () => {
  const activities = () => ({
    ...createWebActivities({ web, logger }),
    ...createLbActivities({ lb, logger }),
  });

  it('serves a PHP webroot as the tenant user through HAProxy', async () => {
    const act = activities();
    expect(await act.ensureWebroot(specs.php)).toEqual({ changed: true });
    await writeFile(dirOf(specs.php, 'public', 'index.php'), '<?php echo posix_geteuid();');
    await act.convergeLb({
      backends: [{ name: 'shard_web1', servers: [{ name: 'web1', address: `127.0.0.1:${nginxPort}` }] }],
      entries: [],
    });
    expect(
      await act.setFqdnMappings({
        entries: [{ fqdn: 'shop.example.test', backend: 'shard_web1' }],
      }),
    ).toEqual({ changed: 1 });
    await expectHttp(lbPort, 'shop.example.test', 200, String(tenant.uid));
    await expectHttp(lbPort, 'Shop.Example.Test:80', 200, String(tenant.uid)); // case and port normalised
    expect(lb.stats).toEqual({ reloads: 0, starts: 1 }); // the mapping needed no reload
    expect(await act.ensureWebroot(specs.php)).toEqual({ changed: false });
  });

  it('serves a Node.js app under supervisord as the tenant, and a static site', async () => {
    await mkdir(dirOf(specs.app), { recursive: true });
    const server =
      "require('http').createServer((q, s) => s.end(`node ${process.getuid()} ${process.env.HOME}`)).listen(process.env.PORT);";
    await writeFile(dirOf(specs.app, 'server.js'), server);
    await web.ensureWebroot(specs.app);
    await web.ensureWebroot(specs.site);
    await writeFile(dirOf(specs.site, 'site', 'html', 'index.html'), 'hello static');
    await expectHttp(nginxPort, 'app.example.test', 200, `node ${tenant.uid} ${options.homeRoot}/${tenant.name}`);
    await expectHttp(nginxPort, 'static.example.test', 200, 'hello static');
    await expectHttp(nginxPort, 'static.example.test', 403, undefined, '/.git/config');
    // A tenant's symlink to a file it does not own (another tenant's config) is not served.
    const link = dirOf(specs.site, 'site', 'html', 'stolen.txt');
    await symlink('/etc/hostname', link);
    await lchown(link, tenant.uid, tenant.uid);
    await expectHttp(nginxPort, 'static.example.test', 404, undefined, '/stolen.txt'); // 200 without disable_symlinks
    await waitFor(
      'the app to be RUNNING',
      async () => (await web.supervisor.status()).get(specs.app.name)?.state === 'RUNNING',
    );
  });

  it('answers 503 for a suspended tenant and restores the sites on unsuspend', async () => {
    for (const spec of Object.values(specs)) await web.ensureWebroot(suspended(spec, true));
    await expectHttp(lbPort, 'shop.example.test', 503);
    await expectHttp(nginxPort, 'app.example.test', 503);
    expect((await web.supervisor.status()).has(specs.app.name)).toBe(false); // the app is stopped
    for (const spec of Object.values(specs)) await web.ensureWebroot(suspended(spec, false));
    await expectHttp(lbPort, 'shop.example.test', 200, String(tenant.uid));
    await expectHttp(nginxPort, 'app.example.test', 200, /^node /);
  });

  it('refuses a blocklisted php_admin_value and a server name smuggling a directive', async () => {
    const act = activities();
    const bad = phpSpec({ tenant, runtimeConfig: { phpAdminValues: { disable_functions: '' } } });
    const failure = await failureOf(act.ensureWebroot(bad));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'InvalidWebrootSpec',
      nonRetryable: true,
      message:
        'runtimeConfig.phpAdminValues.disable_functions: disable_functions is managed by the platform and cannot be set',
    });
    const smuggled = {
      ...specs.site,
      serverNames: ['static.example.test;\n    root /etc'],
    } as WebrootSpec;
    expect(await failureOf(act.ensureWebroot(smuggled))).toMatchObject({
      type: 'InvalidWebrootSpec',
      message: expect.stringMatching(/^serverNames.0: "static.example.test;\\n {4}root \/etc" is not a valid/),
    });
    await expectHttp(nginxPort, 'static.example.test', 200, 'hello static');
  });

  it('keeps the live config when nginx -t refuses a rendered block; other sites keep answering', async () => {
    const broken = new WebNodeManager(options, {
      renderServerBlock: (spec, ctx) =>
        renderServerBlock(spec, ctx).replace(
          '    index ',
          spec.name === specs.site.name ? '    bogus_directive ' : '    index ',
        ),
    });
    const before = (await probeNginx(web.nginx)).blocks.get(specs.site.name);
    const reloads = web.nginx.stats.reloads + broken.nginx.stats.reloads;
    const failure = await failureOf(
      createWebActivities({ web: broken, logger }).ensureWebroot({
        ...specs.site,
        serverNames: ['static.example.test', 'new.example.test'],
      }),
    );
    expect(failure).toMatchObject({ type: 'NginxConfigRejected', nonRetryable: true });
    expect(failure?.message).toMatch(
      new RegExp(`unknown directive "bogus_directive" in ${options.nginx.confDir}/sites/${specs.site.name}.conf:\\d+`),
    );
    expect((await probeNginx(web.nginx)).blocks.get(specs.site.name)).toBe(before);
    // Convergence leaves the bad one out (reported), everything else goes live in one reload.
    const report = await broken.convergeNode({ webroots: Object.values(specs) });
    expect(report.webroots.find((w) => w.name === specs.site.name)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/bogus_directive/),
    });
    expect(report.webroots.filter((w) => w.ok).length).toBe(2);
    expect(web.nginx.stats.reloads + broken.nginx.stats.reloads - reloads).toBeLessThanOrEqual(1);
    await expectHttp(nginxPort, 'static.example.test', 200, 'hello static');
    await expectHttp(lbPort, 'shop.example.test', 200, String(tenant.uid));
  });

  it('repairs a node whose nginx config folder was wiped, with exactly one reload', async () => {
    await rm(options.nginx.confDir, { recursive: true, force: true });
    const reloads = web.nginx.stats.reloads;
    const oldWorkers = childrenOf((await probeNginx(web.nginx)).pid!);
    expect(oldWorkers.length).toBeGreaterThan(0);
    const report = await web.convergeNode({ webroots: Object.values(specs) });
    // Done means the new config answers: no worker of the old one is left to serve a reused connection.
    expect(oldWorkers.filter(isAlive)).toEqual([]);
    expect(report).toEqual({
      webroots: Object.values(specs).map(({ name }) => ({ name, ok: true })),
      removed: [],
      nginxReloads: 1,
    });
    expect(web.nginx.stats.reloads - reloads).toBe(1);
    await expectHttp(lbPort, 'shop.example.test', 200, String(tenant.uid));
    await expectHttp(nginxPort, 'app.example.test', 200, /^node /);
    await expectHttp(nginxPort, 'static.example.test', 200, 'hello static');
    expect((await web.convergeNode({ webroots: Object.values(specs) })).nginxReloads).toBe(0); // nothing to do
  });

  it('stops routing an unbound FQDN at the load balancer', async () => {
    expect(await activities().removeFqdnMappings({ fqdns: ['shop.example.test'] })).toEqual({
      changed: 1,
    });
    await expectHttp(lbPort, 'shop.example.test', 404, 'no site is bound to this host name');
    expect(await activities().removeFqdnMappings({ fqdns: ['shop.example.test'] })).toEqual({
      changed: 0,
    });
  });

  it('removes orphans on convergence and a webroot with everything it had', async () => {
    const report = await web.convergeNode({ webroots: [specs.php, specs.app] });
    expect(report.removed).toEqual([specs.site.name]);
    await expectHttp(nginxPort, 'static.example.test', 404);
    expect(await activities().removeWebroot({ name: specs.php.name, tenant: tenant.name })).toEqual({ changed: true });
    expect((await probeNginx(web.nginx)).sites).toEqual([specs.app.name]);
    const pools = await readdir(web.phpFpm.pools('8.2').linkPath).catch(() => []);
    expect(pools).toEqual([]);
    await expect(access(web.phpFpm.socketPath('8.2', specs.php.name))).rejects.toThrow();
    await expect(access(dirOf(specs.php))).rejects.toThrow();
    await expectHttp(nginxPort, 'shop.example.test', 404);
    expect(await web.removeWebroot({ name: specs.php.name, tenant: tenant.name })).toEqual({
      changed: false,
    });
  });

  it('removes an app’s socket with the app, and the tenant’s socket folder once no app is left', async () => {
    const socket = web.apps.sockets.pathOf(tenant.name, specs.app.name);
    expect((await stat(socket)).isSocket()).toBe(true);
    expect(await web.removeWebroot({ name: specs.app.name, tenant: tenant.name })).toEqual({ changed: true });
    await expect(lstat(socket)).rejects.toThrow(/ENOENT/);
    expect(await web.convergeNode({ webroots: [] })).toMatchObject({ webroots: [] });
    await expect(lstat(web.apps.sockets.dirOf(tenant.name))).rejects.toThrow(/ENOENT/);
  });
});
