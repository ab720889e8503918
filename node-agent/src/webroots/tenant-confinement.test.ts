// Tenants attack each other through the web node, each attack run as the attacker's own Linux
// user against real nginx and php-fpm: tenant A swaps its document root for a symlink into
// tenant B's webroot, and reads the opcode cache that A's and B's pools share.
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from '../testing.js';
import { phpSpec, staticSpec } from './fixtures.js';
import { TenantWebroots } from './dirs.js';
import { WebNodeManager, type WebNodeOptions } from './manager.js';
import type { PhpWebrootSpec, WebrootSpec, WebrootTenant } from '@hostplane/contract/webroots';
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
/** A webroot of `tenant` named `web_<tag><8 of the tenant's name>`, served as `<tag>.<tenant>.test`. */
function site(runtime: 'STATIC' | 'PHP', tenant: WebrootTenant, tag: string, php?: PhpWebrootSpec['runtimeConfig']) {
  const fields = {
    tenant,
    name: `web_${tag}${tenant.name.slice(2, 10)}`,
    serverNames: [`${tag}.${tenant.name.replace('_', '-')}.test`],
    documentRoot: 'public',
  };
  if (runtime === 'STATIC') return staticSpec(fields);
  return php ? phpSpec({ ...fields, runtimeConfig: php }) : phpSpec(fields);
}

/** A site of tenant A and one of tenant B, both live. */
async function liveSites(runtime: 'STATIC' | 'PHP', tagA: string, tagB = tagA) {
  const sites = [site(runtime, a, tagA), site(runtime, b, tagB)] as const;
  for (const spec of sites) await web.ensureWebroot(spec);
  return sites;
}

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
      const [siteA, siteB] = await liveSites(runtime, runtime === 'STATIC' ? 'st' : 'ph');
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

describe("the opcode cache a PHP master shares between tenants' pools", () => {
  it("tenant A's page can neither list tenant B's cached scripts nor reset the cache", async () => {
    const [siteA, siteB] = await liveSites('PHP', 'oc');
    // Dated back: opcache skips files changed in the last 2 s (file_update_protection).
    const secretPage = dirOf(siteB, 'public', 'b-secret.php');
    await asTenant(b, `echo '<?php echo "secret page of B";' > ${secretPage} && touch -d '1 hour ago' ${secretPage}`);
    await expectHttp(nginxPort, siteB.serverNames[0]!, 200, 'secret page of B', '/b-secret.php');
    await asTenant(
      a,
      `cat > ${dirOf(siteA, 'public', 'spy.php')} <<'PHP'
<?php
$status = @opcache_get_status(true);
$enabled = ini_get('opcache.enable');
echo json_encode([
  'enabled' => $enabled,
  'scripts' => is_array($status) ? array_keys($status['scripts'] ?? []) : null,
  'reset' => @opcache_reset(),
]);
PHP
touch -d '1 hour ago' ${dirOf(siteA, 'public', 'spy.php')}`,
    );
    const res = await expectHttp(nginxPort, siteA.serverNames[0]!, 200, /^\{/, '/spy.php');
    const spy = JSON.parse(res.body) as { enabled: string; scripts: string[] | null; reset: boolean };
    expect(spy.enabled).toBe('1'); // the cache is on: the refusal below is the pool's doing
    expect(spy.scripts ?? []).not.toContain(secretPage);
    expect(spy.reset).toBe(false);
  });
});

describe("a PHP page's own limits", () => {
  it('cannot lift memory_limit or max_execution_time at run time', async () => {
    const limited = site('PHP', a, 'lm', { phpValues: { memory_limit: '96M' } });
    await web.ensureWebroot(limited);
    const page = dirOf(limited, 'public', 'unlimit.php');
    await asTenant(
      a,
      `echo '<?php ini_set("memory_limit", "-1"); set_time_limit(0); ini_set("max_execution_time", "0");` +
        ` echo ini_get("memory_limit"), " ", ini_get("max_execution_time");' > ${page}`,
    );
    await expectHttp(nginxPort, limited.serverNames[0]!, 200, '96M 30', '/unlimit.php');
  });
});

describe('deleting a webroot while its tenant fights back', () => {
  it('a subfolder swapped for a link into another tenant mid-delete takes none of that tenant’s files', async () => {
    const [doomed, victim] = await liveSites('STATIC', 'dm', 'vi');
    const names = Array.from({ length: 300 }, (_, i) => `f${i}.txt`);
    const target = dirOf(victim, 'public');
    await asTenant(b, `cd ${target} && for f in ${names.join(' ')}; do echo B > $f; done`);
    // A fills a folder with the same names, plants a link beside it, and keeps swapping the folder
    // for a link to B's files while the agent deletes the webroot.
    const tree = dirOf(doomed, 'public');
    const swapper = `const fs = require('fs'); process.chdir(${JSON.stringify(tree)});
      const end = Date.now() + 10000; const t = () => {};
      while (Date.now() < end) {
        try { fs.renameSync('sub', 'sub.real'); } catch { t(); }
        try { fs.symlinkSync(${JSON.stringify(target)}, 'sub'); } catch { t(); }
        try { fs.unlinkSync('sub'); } catch { t(); }
        try { fs.renameSync('sub.real', 'sub'); } catch { t(); }
      }`;
    // Rounds of the agent's own delete (what removeWebroot runs once the services are gone),
    // each against a fresh tree: A fills a folder with B's file names, plants a link beside it,
    // and keeps swapping the folder for a link to B's files while the agent deletes.
    for (let round = 0; round < 8; round++) {
      const dirs = await TenantWebroots.open(options.homeRoot, a.name, a.uid, null);
      try {
        await dirs.ensure(doomed.name, 'public');
        await asTenant(
          a,
          `mkdir ${tree}/sub && cd ${tree}/sub && for f in ${names.join(' ')}; do echo A > $f; done && ln -s ${target} ${tree}/planted`,
        );
        const child = spawn(process.execPath, ['-e', swapper], {
          uid: a.uid,
          gid: a.uid,
          cwd: '/',
          env: {},
          stdio: 'ignore',
        });
        await new Promise((resolve) => setTimeout(resolve, 300)); // swapping in full swing
        // Racing a live process it may not finish (a retry does); it must never reach B.
        await dirs.remove(doomed.name).catch(() => undefined);
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        await dirs.remove(doomed.name);
      } finally {
        await dirs.close();
      }
      expect((await readdir(target)).length, `B's files after round ${round}`).toBe(names.length);
    }
    for (const name of names.slice(0, 5)) expect(await readFile(path.join(target, name), 'utf8')).toBe('B\n');
    // Through the manager: services first, then the folder.
    await web.ensureWebroot(doomed);
    await web.removeWebroot({ name: doomed.name, tenant: a.name });
    await expect(readdir(dirOf(doomed))).rejects.toThrow(/ENOENT/);
    expect((await readdir(target)).length).toBe(names.length);
  }, 90_000); // eight rounds of 300 files, each a race against a tenant process
});
