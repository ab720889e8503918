// Websites end to end on the real node agent: nginx, php-fpm, supervisord and HAProxy of the
// local node (WEB shard local-web, LB shard local-lb), every request through HAProxy.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateWebrootDocument,
  GetTenantDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  UpdateWebrootDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { bindActive, createActiveWebroot, expectSite, watchWebroot, writeSiteFile } from '../support/web.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * What a tenant process reported after `prefix` in its answer (its own environment and working
 * folder, as the tenant's code reads them) holds the tenant's HOME and USER and nothing of the
 * node agent that started its daemons: no platform variables, nothing naming the agent's checkout.
 */
function expectOwnEnvironment(
  body: string,
  prefix: string,
  tenant: { name: string },
  dir: string,
): Record<string, string> {
  expect(body.startsWith(`${prefix} `), body.slice(0, 200)).toBe(true);
  const { env, cwd } = JSON.parse(body.slice(prefix.length + 1)) as { env: Record<string, string>; cwd: string };
  expect(Object.keys(env).filter((key) => /^(HOSTPLANE_|TEMPORAL_|npm_)|^DATABASE_URL$/.test(key))).toEqual([]);
  expect(Object.values(env).filter((value) => value.includes(repoRoot))).toEqual([]);
  expect(env).toMatchObject({ HOME: path.join(getPlatform().homeRoot, tenant.name), USER: tenant.name });
  expect([undefined, dir]).toContain(env.PWD);
  expect(cwd).toBe(dir);
  return env;
}

const siteDir = (tenant: { name: string }, webroot: string, ...rest: string[]) =>
  path.join(getPlatform().homeRoot, tenant.name, 'webroots', webroot, ...rest);

describe('websites through the load balancer', () => {
  const tag = randomUUID().slice(0, 8);
  const host = (name: string) => `${name}-${tag}.example.test`;
  let tenant: { id: string; name: string; uid: number };
  const sites: Record<'php' | 'app' | 'static', { id: string; name: string; serviceHostname: string }> = {} as never;

  beforeAll(async () => {
    const brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'web tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
  }, 60_000);
  afterAll(closeClients);

  it('serves PHP bound to an FQDN, executed as the tenant’s UID, and its service hostname', async () => {
    const c = admin();
    const php = await createActiveWebroot(c, {
      tenantId: tenant.id,
      runtime: 'PHP',
      phpSettings: {
        phpValues: [{ key: 'memory_limit', value: '96M' }],
        phpAdminValues: [{ key: 'max_execution_time', value: '20' }],
      },
    });
    sites.php = php;
    expect(php).toMatchObject({
      runtimeVersion: '8.2',
      documentRoot: 'public',
      serviceHostnameEnabled: true,
    });
    expect(php.serviceHostname).toBe(`${php.name}.${tenant.name}.${php.serviceHostname.split('.').slice(2).join('.')}`);
    expect(php.phpSettings?.phpValues).toEqual([{ key: 'memory_limit', value: '96M' }]);
    await writeSiteFile(
      tenant,
      php.name,
      'public/index.php',
      '<?php echo posix_geteuid(), " ", ini_get("memory_limit"), " ", json_encode(["env" => getenv(), "cwd" => getcwd()]);',
    );
    const fqdn = await bindActive(c, php.id, host('SHOP'));
    expect(fqdn.hostname).toBe(host('shop'));
    const prefix = `${tenant.uid} 96M`;
    const { body } = await expectSite(host('shop'), 200, new RegExp(`^${prefix} `));
    // PHP runs in the script's folder; its pool starts with an empty environment (clear_env).
    expectOwnEnvironment(body, prefix, tenant, siteDir(tenant, php.name, 'public'));
    await expectSite(php.serviceHostname, 200, new RegExp(`^${prefix} `));
  });

  it('runs a Node.js app (switched from static, on its Unix socket) and a static site', async () => {
    const c = admin();
    const app = await createActiveWebroot(c, {
      tenantId: tenant.id,
      runtime: 'STATIC',
      documentRoot: '',
    });
    // Answers with its uid and what it reads of its own environment (/proc/self/environ) and folder.
    const server = [
      "const env = Object.fromEntries(require('fs').readFileSync('/proc/self/environ', 'utf8').split('\\0')",
      "  .filter(Boolean).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));",
      "const body = 'node ' + process.getuid() + ' ' + JSON.stringify({ env, cwd: process.cwd() });",
      // PORT is the app's socket: Node's listen() takes a path as well as a port.
      "require('http').createServer((q, s) => s.end(body)).listen(process.env.PORT);",
    ].join('\n');
    await writeSiteFile(tenant, app.name, 'server.js', server);
    const { updateWebroot } = await c.mutate(UpdateWebrootDocument, {
      input: { id: app.id, runtime: 'NODE', appCommand: ['node', 'server.js'] },
    });
    expect(updateWebroot.userErrors).toEqual([]);
    expect(updateWebroot.webroot).toMatchObject({
      status: 'PENDING',
      runtime: 'NODE',
      runtimeVersion: '20',
      appCommand: ['node', 'server.js'],
    });
    expect((await watchWebroot(c, app.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    sites.app = app;
    await bindActive(c, app.id, host('app'));
    const { body } = await expectSite(host('app'), 200, new RegExp(`^node ${tenant.uid} `));
    const env = expectOwnEnvironment(body, `node ${tenant.uid}`, tenant, siteDir(tenant, app.name));
    // Its socket, in its tenant's folder of the agent's (nginx proxies there; sockets.ts).
    const socket = path.join(getPlatform().webStateDir, 'run', 'apps', tenant.name, 's', `${app.name}.sock`);
    expect(env).toMatchObject({ PORT: socket, APP_SOCKET: socket });

    const site = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'STATIC' });
    sites.static = site;
    await writeSiteFile(tenant, site.name, 'public/index.html', 'hello static');
    await bindActive(c, site.id, host('static'));
    await expectSite(host('static'), 200, 'hello static');
    await expectSite(site.serviceHostname, 200, 'hello static');
  });

  for (const { label, runtime, file, source, command } of [
    {
      label: 'a Python app under Debian’s gunicorn',
      runtime: 'PYTHON' as const,
      file: 'app.py',
      source: [
        'import json, os',
        "env = dict(e.split('=', 1) for e in open('/proc/self/environ').read().split('\\0') if e)",
        'def app(environ, start_response):',
        "    start_response('200 OK', [('Content-Type', 'text/plain')])",
        "    return [('python %d %s' % (os.getuid(), json.dumps({'env': env, 'cwd': os.getcwd()}))).encode()]",
      ].join('\n'),
      command: ['gunicorn', '--bind', 'unix:{socket}', 'app:app'],
    },
    {
      label: 'a Ruby app under Debian’s puma',
      runtime: 'RUBY' as const,
      file: 'config.ru',
      // puma stats $PWD at start: the agent's PWD in a root-only checkout made it die with EACCES.
      source: [
        'require "json"',
        'own = File.read("/proc/self/environ").split("\\0").to_h { |e| e.split("=", 2) }',
        'run ->(_) { [200, { "content-type" => "text/plain" }, ["ruby #{Process.uid} #{JSON.generate(env: own, cwd: Dir.pwd)}"]] }',
      ].join('\n'),
      command: ['puma', '--bind', 'unix://{socket}', 'config.ru'],
    },
  ]) {
    it(`runs ${label} as the tenant’s UID`, async () => {
      const c = admin();
      const app = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
      await writeSiteFile(tenant, app.name, file, source);
      const { updateWebroot } = await c.mutate(UpdateWebrootDocument, {
        input: { id: app.id, runtime, appCommand: command },
      });
      expect(updateWebroot.userErrors).toEqual([]);
      // The version is the machine's: the node agent reports what is installed (node-agent/src/capabilities).
      expect(updateWebroot.webroot).toMatchObject({
        runtime,
        runtimeVersion: expect.stringMatching(/^\d+\.\d+$/),
        appCommand: command,
      });
      expect((await watchWebroot(c, app.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
      const name = runtime.toLowerCase();
      await bindActive(c, app.id, host(name));
      const { body } = await expectSite(host(name), 200, new RegExp(`^${name} ${tenant.uid} `));
      expectOwnEnvironment(body, `${name} ${tenant.uid}`, tenant, siteDir(tenant, app.name));
    });
  }

  it('toggles the service hostname off and on; bound FQDNs keep answering', async () => {
    const c = admin();
    const toggle = async (serviceHostnameEnabled: boolean) => {
      const { updateWebroot } = await c.mutate(UpdateWebrootDocument, {
        input: { id: sites.static.id, serviceHostnameEnabled },
      });
      expect(updateWebroot.webroot?.serviceHostnameEnabled).toBe(serviceHostnameEnabled);
      expect((await watchWebroot(c, sites.static.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    };
    await toggle(false);
    await expectSite(sites.static.serviceHostname, 404, 'no site is bound to this host name');
    await expectSite(host('static'), 200, 'hello static');
    await toggle(true);
    await expectSite(sites.static.serviceHostname, 200, 'hello static');
  });

  it('answers 503 while the tenant is suspended and serves again after unsuspend', async () => {
    const c = admin();
    await c.mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'unpaid invoice' } });
    const suspended = await watchTenant(c, tenant.id, ['SUSPENDED', 'FAILED']);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.events.some((e) => e.step === 'sites suspended (503)' && e.stepState === 'SUCCEEDED')).toBe(true);
    for (const name of ['shop', 'app', 'static']) await expectSite(host(name), 503);
    await expectSite(sites.php.serviceHostname, 503);
    const refused = await c.mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'STATIC' },
    });
    expect(refused.createWebroot.userErrors[0]).toMatchObject({
      code: 'INVALID_STATE',
      field: ['input', 'tenantId'],
    });

    await c.mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    await expectSite(host('shop'), 200, new RegExp(`^${tenant.uid} 96M `));
    await expectSite(host('app'), 200, new RegExp(`^node ${tenant.uid} `));
    await expectSite(host('static'), 200, 'hello static');
  }, 60_000); // a suspend and an unsuspend, each a rollout to every site of the tenant

  it('refuses a runtime version the node lacks, naming what it has; the other sites keep answering', async () => {
    // The versions a webroot may use are those its shard's nodes report; a webroot failing on a
    // node that lacks a program, and its retry, are in node-capabilities.test.ts.
    const c = admin();
    const { createWebroot } = await c.mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'PHP', runtimeVersion: '8.1' },
    });
    expect(createWebroot.webroot).toBeNull();
    expect(createWebroot.userErrors[0]?.message).toBe('PHP 8.1 is not available; available: 8.2.');
    const php = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'PHP', runtimeVersion: '8.2' });
    const broken = await c.mutate(UpdateWebrootDocument, { input: { id: php.id, runtimeVersion: '8.3' } });
    expect(broken.updateWebroot.userErrors[0]?.field).toEqual(['input', 'runtimeVersion']);
    const { tenant: read } = await c.query(GetTenantDocument, { id: tenant.id });
    expect(read.status).toBe('ACTIVE');
    await expectSite(host('shop'), 200, new RegExp(`^${tenant.uid} 96M `));
    await expectSite(host('static'), 200, 'hello static');
  });
});
