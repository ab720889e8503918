// Issue 11, env vars and vaulted secrets: a webroot's variables and secrets reach its running app
// (supervisord) and PHP pool (env[...]) through this run's real API, worker, node agent and
// HAProxy; an update rolls out to the app; secrets are write-only through the API; and no
// secret's plaintext is in the platform database (pg_dump), Temporal's history (its database
// file), the audit log or the services' logs. Another tenant's Linux user reads none of them.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteWebrootEnvVarDocument,
  GetWebrootEnvDocument,
  SetWebrootEnvDocument,
  UpdateWebrootDocument,
  type HostplaneClient,
  type SetWebrootEnvInput,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { readFileAs } from '../security/tenant-process.js';
import { admin, client, closeClients, createBrand, createKey, createTenant, uuidOf } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot, expectSite, getSite, watchWebroot, writeSiteFile } from '../support/web.js';

const run = promisify(execFile);
type Tenant = { id: string; name: string; uid: number };
type Site = { id: string; name: string; serviceHostname: string; runtimeVersion: string };

// Every secret value this file ever sets: none may show up where plaintext must not be.
const secrets: string[] = [];
const secret = (prefix: string) => {
  const value = `${prefix}-${randomBytes(12).toString('hex')}`;
  secrets.push(value);
  return value;
};

const APP = `require('http').createServer((q, s) => s.end(process.env.GREETING + '|' + process.env.API_TOKEN)).listen(process.env.PORT);`;
const PHP = `<?php echo getenv('GREETING'), '|', getenv('DB_PASSWORD');`;

async function setEnv(c: HostplaneClient, input: SetWebrootEnvInput) {
  const { setWebrootEnv } = await c.mutate(SetWebrootEnvDocument, { input });
  return setWebrootEnv;
}

async function activeAfter(c: HostplaneClient, site: Site, result: { userErrors: unknown[] }) {
  expect(result.userErrors).toEqual([]);
  expect((await watchWebroot(c, site.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
}

/** The tenant's processes whose command line holds `word`. */
async function pidsOf(uid: number, word: string): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-u', String(uid), '-f', word]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
}

describe('webroot environment and vaulted secrets', () => {
  let tenant: Tenant;
  let neighbour: Tenant;
  let app: Site;
  let php: Site;
  let brandId: string;
  let currentToken = '';
  const c = () => admin();

  beforeAll(async () => {
    const brand = await createBrand();
    brandId = brand.id;
    const activeTenant = async (name: string): Promise<Tenant> => {
      const t = await createTenant(admin(), brand.id, name);
      expect((await watchTenant(admin(), t.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
      return t;
    };
    [tenant, neighbour] = await Promise.all([activeTenant('env owner'), activeTenant('env neighbour')]);
    const staticSite = await createActiveWebroot(c(), { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
    await writeSiteFile(tenant, staticSite.name, 'server.js', APP);
    const { updateWebroot } = await c().mutate(UpdateWebrootDocument, {
      input: { id: staticSite.id, runtime: 'NODE', appCommand: ['node', 'server.js'] },
    });
    expect(updateWebroot.userErrors).toEqual([]);
    expect((await watchWebroot(c(), staticSite.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    app = { ...staticSite, runtimeVersion: updateWebroot.webroot!.runtimeVersion };
    php = await createActiveWebroot(c(), { tenantId: tenant.id, runtime: 'PHP' });
    await writeSiteFile(tenant, php.name, 'public/index.php', PHP);
  }, 180_000);
  afterAll(closeClients);

  it('delivers a variable and a secret to a Node.js app through HAProxy; the API never returns the secret', async () => {
    const token = secret('tok');
    const result = await setEnv(c(), {
      webrootId: app.id,
      variables: [{ name: 'GREETING', value: 'hello env' }],
      secrets: [{ name: 'API_TOKEN', value: token }],
    });
    expect(result.webroot!.env).toEqual([
      {
        name: 'API_TOKEN',
        secret: true,
        value: null,
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        updatedAt: expect.any(String),
      },
      { name: 'GREETING', secret: false, value: 'hello env', fingerprint: null, updatedAt: expect.any(String) },
    ]);
    await activeAfter(c(), app, result);
    await expectSite(app.serviceHostname, 200, `hello env|${token}`);
    currentToken = token;
    const { webroot } = await c().query(GetWebrootEnvDocument, { id: app.id });
    expect(JSON.stringify(webroot)).not.toContain(token);
  }, 120_000);

  it('rolls an updated secret out to the running app (time from mutation to the app answering it)', async () => {
    const timings: number[] = [];
    let fingerprint = '';
    for (let i = 0; i < 5; i++) {
      const token = secret(`rot${i}`);
      const started = performance.now();
      const result = await setEnv(c(), { webrootId: app.id, secrets: [{ name: 'API_TOKEN', value: token }] });
      expect(result.userErrors).toEqual([]);
      const next = result.webroot!.env.find((v) => v.name === 'API_TOKEN')!.fingerprint!;
      expect(next).not.toBe(fingerprint);
      fingerprint = next;
      for (;;) {
        const res = await getSite(app.serviceHostname).catch(() => ({ status: 0, body: '' }));
        if (res.body === `hello env|${token}`) break;
        if (performance.now() - started > 60_000) throw new Error(`app still answers ${res.status} ${res.body}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      timings.push(performance.now() - started);
      currentToken = token;
      expect((await watchWebroot(c(), app.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    }
    const sorted = [...timings].sort((a, b) => a - b);
    process.stdout.write(
      `[secrets] secret update → app answers it: p50 ${sorted[2]!.toFixed(0)} ms (${sorted.map((t) => t.toFixed(0)).join(', ')} ms)\n`,
    );
  }, 400_000);

  it('delivers them to a PHP pool (env[...]), quotes, $ and ${…} kept verbatim', async () => {
    const password = `${secret('pw')}"$x\\y\${HOME}`;
    secrets.push(password);
    const result = await setEnv(c(), {
      webrootId: php.id,
      variables: [{ name: 'GREETING', value: 'hello php' }],
      secrets: [{ name: 'DB_PASSWORD', value: password }],
    });
    await activeAfter(c(), php, result);
    await expectSite(php.serviceHostname, 200, `hello php|${password}`);
  }, 120_000);

  it('refuses reserved names and bad values with stable codes, writing nothing and starting nothing', async () => {
    const before = (await c().query(GetWebrootEnvDocument, { id: app.id })).webroot;
    const refused = await setEnv(c(), {
      webrootId: app.id,
      variables: [{ name: 'PATH', value: '/tmp/evil' }],
      secrets: [
        { name: 'OK_SECRET', value: 'fine' },
        { name: 'LD_PRELOAD', value: '/tmp/x.so' },
      ],
    });
    expect(refused.webroot).toBeNull();
    expect(refused.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.variables.0.name', 'RESERVED_NAME'],
      ['input.secrets.1.name', 'RESERVED_NAME'],
    ]);
    const bad = await setEnv(c(), { webrootId: app.id, secrets: [{ name: '9LIVES', value: 'a\nb' }] });
    expect(bad.userErrors.map((e) => e.code)).toEqual(['INVALID', 'INVALID']);
    const missing = await c().mutate(DeleteWebrootEnvVarDocument, { input: { webrootId: app.id, name: 'NOPE' } });
    expect(missing.deleteWebrootEnvVar.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const after = (await c().query(GetWebrootEnvDocument, { id: app.id })).webroot;
    expect(after).toEqual(before); // same variables, same status: no half-write, no rollout
  });

  it('keeps one brand’s and one tenant’s webroot environment from every other key', async () => {
    const otherBrand = await createBrand();
    const strangers = [
      client(await createKey(['webroots:read', 'webroots:write'], [otherBrand.id])),
      client(await createKey(['webroots:read', 'webroots:write', 'tenants:read'], [brandId], neighbour.id)),
    ];
    for (const stranger of strangers) {
      await expectCode(stranger.query(GetWebrootEnvDocument, { id: app.id }), 'NOT_FOUND');
      const set = await setEnv(stranger, {
        webrootId: app.id,
        secrets: [{ name: 'API_TOKEN', value: secret('evil') }],
      });
      expect(set.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const del = await stranger.mutate(DeleteWebrootEnvVarDocument, {
        input: { webrootId: app.id, name: 'API_TOKEN' },
      });
      expect(del.deleteWebrootEnvVar.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
    // The owner's own tenant key sees names and fingerprints, never a value.
    const own = client(await createKey(['webroots:read'], [brandId], tenant.id));
    const { webroot } = await own.query(GetWebrootEnvDocument, { id: app.id });
    expect(webroot.env.map((v) => [v.name, v.value])).toEqual([
      ['API_TOKEN', null],
      ['GREETING', 'hello env'],
    ]);
  });

  it('lets another tenant’s Linux user read neither the app’s environ nor the program and pool files', async () => {
    const { webStateDir } = getPlatform();
    const [pid] = await pidsOf(tenant.uid, 'server.js');
    expect(pid).toBeGreaterThan(0);
    const environ = `/proc/${pid}/environ`;
    expect(await readFileAs(tenant.uid, environ)).toBe('OK'); // the app's own environment is its tenant's
    const files = [
      environ,
      path.join(webStateDir, 'etc', 'supervisor', 'programs', `${app.name}.conf`),
      path.join(webStateDir, 'etc', 'php-fpm', php.runtimeVersion, 'pools', `${php.name}.conf`),
    ];
    for (const file of files) {
      expect(await readFileAs(neighbour.uid, file), file).toBe('EACCES');
      expect((await readFile(file, 'utf8').catch(() => '')).length).toBeGreaterThan(0); // it exists
    }
    for (const file of files.slice(1)) expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('removes a variable: the app restarts without it', async () => {
    const { deleteWebrootEnvVar } = await c().mutate(DeleteWebrootEnvVarDocument, {
      input: { webrootId: app.id, name: 'GREETING' },
    });
    await activeAfter(c(), app, deleteWebrootEnvVar);
    expect(deleteWebrootEnvVar.webroot!.env.map((v) => v.name)).toEqual(['API_TOKEN']);
    await expectSite(app.serviceHostname, 200, `undefined|${currentToken}`);
  }, 120_000);

  it('leaves no secret’s plaintext in pg_dump, Temporal’s history, or the services’ logs', async () => {
    const { databaseUrl, homeRoot } = getPlatform();
    const { stdout: dump } = await run('pg_dump', ['--data-only', databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
    expect(dump).toContain('WebrootEnvVar'); // the dump covers the table
    expect(dump).toContain('hello php'); // plain variables are plain
    const runDir = path.dirname(homeRoot);
    const temporalFiles = (await readdir(runDir)).filter((f) => f.startsWith('temporal.sqlite'));
    expect(temporalFiles.length).toBeGreaterThan(0);
    const temporal = Buffer.concat(await Promise.all(temporalFiles.map((f) => readFile(path.join(runDir, f)))));
    // The webroot's UPDATE histories are there (their workflow ids are stored in clear)…
    expect(temporal.includes(Buffer.from(`webroot-update-${uuidOf(app.id)}`))).toBe(true);
    const logs = await serviceLogs();
    for (const value of secrets) {
      expect(dump.includes(value), 'pg_dump').toBe(false);
      expect(temporal.includes(Buffer.from(value)), 'temporal.sqlite').toBe(false); // …sealed
      expect(logs.includes(value), 'service logs').toBe(false);
    }
  });
});

/**
 * The API's, worker's and agents' logs of this run (test-artifacts/platform/<run>/): the run whose
 * API log names this platform's API URL (other runs may be going on side by side).
 */
async function serviceLogs(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'platform');
  const { apiUrl } = getPlatform();
  for (const run of await readdir(root)) {
    const dir = path.join(root, run);
    const api = await readFile(path.join(dir, 'api.log'), 'utf8').catch(() => '');
    if (!api.includes(`"url":"${apiUrl}"`)) continue;
    const files = await readdir(dir);
    return (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
  }
  throw new Error(`no service logs of the run whose API is ${apiUrl}`);
}
