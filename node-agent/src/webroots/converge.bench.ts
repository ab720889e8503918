// Benchmark (not a test): convergence of one web node with 1,000 webroots / 2,000 FQDNs on real
// nginx, php-fpm and supervisord, and HAProxy map entries applied per second through the
// runtime API. Run as root: `npx tsc -b && node dist/webroots/converge.bench.js`.
// Prints figures; asserts nothing but the one-reload rule and a few sites answering.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LoadBalancerManager } from '../haproxy/manager.js';
import { TenantUserManager } from '../linux-users/tenant-user.manager.js';
import { randomTenantName, randomUid } from '../testing.js';
import { WebNodeManager } from './manager.js';
import type { WebrootSpec, WebrootTenant } from '@hostplane/contract/webroots';
import { expectHttp, lbTestOptions, makeTestRoot, tearDownWebNode, webNodeTestOptions } from './test-harness.js';

const WEBROOTS = Number(process.env.BENCH_WEBROOTS ?? 1000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const APPS = Number(process.env.BENCH_APPS ?? 10);
const MAP_ENTRIES = Number(process.env.BENCH_MAP_ENTRIES ?? 100_000);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  peakRss = process.memoryUsage().rss;
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${mb(peakRss)}`);
  return result;
}

function specFor(i: number, tenant: WebrootTenant): WebrootSpec {
  const name = `web_${i.toString(36).padStart(10, '0')}`;
  const base = {
    name,
    tenant,
    serverNames: [`site${i}.bench.test`, `www.site${i}.bench.test`, `${name}.${tenant.name}.hosting.test`],
    documentRoot: 'public',
  };
  if (i < APPS)
    return {
      ...base,
      runtime: 'NODE',
      runtimeVersion: '20',
      runtimeConfig: { command: ['node', 'server.js'] },
      documentRoot: '',
    };
  if (i % 3 === 0) return { ...base, runtime: 'STATIC', runtimeVersion: '', runtimeConfig: {} };
  return { ...base, runtime: 'PHP', runtimeVersion: '8.2', runtimeConfig: {} };
}

async function benchWebNode(root: string): Promise<void> {
  const { options, port } = await webNodeTestOptions(root);
  const users = new TenantUserManager({
    homeRoot: options.homeRoot,
    shell: '/bin/bash',
    nologinShell: '/usr/sbin/nologin',
  });
  const tenants = Array.from({ length: TENANTS }, () => ({
    name: randomTenantName(),
    uid: randomUid(),
    suspended: false,
  }));
  const web = new WebNodeManager(options);
  try {
    await timed(`create ${TENANTS} tenant users (setup)`, () => Promise.all(tenants.map((t) => users.ensure(t))));
    const specs = Array.from({ length: WEBROOTS }, (_, i) => specFor(i, tenants[i % TENANTS]!));
    for (const spec of specs.filter((s) => s.runtime === 'NODE')) {
      const dir = path.join(options.homeRoot, spec.tenant.name, 'webroots', spec.name);
      await mkdir(dir, { recursive: true });
      await writeFile(
        path.join(dir, 'server.js'),
        "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT);",
      );
    }
    const fqdns = specs.reduce((n, s) => n + s.serverNames.length - 1, 0);
    console.log(
      `\nweb node: ${WEBROOTS} webroots (${specs.filter((s) => s.runtime === 'PHP').length} PHP, ${specs.filter((s) => s.runtime === 'STATIC').length} static, ${APPS} Node.js), ${fqdns} FQDNs + ${WEBROOTS} service hostnames, ${TENANTS} tenants`,
    );
    await timed('converge 1 webroot (starts the daemons)', () =>
      web.convergeNode({ webroots: specs.slice(APPS, APPS + 1) }),
    );
    const reloadsBefore = web.nginx.stats.reloads;
    const full = await timed(`converge ${WEBROOTS} webroots (warm node)`, () => web.convergeNode({ webroots: specs }));
    report(full, web.nginx.stats.reloads - reloadsBefore);
    const php = specs.find((s) => s.runtime === 'PHP')!;
    const site = specs.find((s) => s.runtime === 'STATIC')!;
    const file = (s: WebrootSpec, name: string) =>
      path.join(options.homeRoot, s.tenant.name, 'webroots', s.name, 'public', name);
    await writeFile(file(php, 'index.php'), '<?php echo "php ", posix_geteuid();');
    await writeFile(file(site, 'index.html'), 'static');
    await timed('converge again (nothing to change)', () => web.convergeNode({ webroots: specs }));
    await rm(options.nginx.confDir, { recursive: true, force: true });
    const repaired = await timed('converge after wiping the nginx conf dir', () =>
      web.convergeNode({ webroots: specs }),
    );
    report(repaired, repaired.nginxReloads);
    await expectHttp(port, php.serverNames[0]!, 200, `php ${php.tenant.uid}`);
    await expectHttp(port, site.serverNames[1]!, 200, 'static');
    if (APPS > 0) await expectHttp(port, specs[0]!.serverNames[2]!, 200, 'ok');
  } finally {
    await tearDownWebNode(web, undefined);
    for (const t of tenants) await users.remove(t).catch(() => undefined);
  }
}

function report(result: { webroots: Array<{ ok: boolean; error?: string }>; nginxReloads: number }, reloads: number) {
  const failed = result.webroots.filter((w) => !w.ok);
  console.log(
    `  -> ok ${result.webroots.length - failed.length}/${result.webroots.length}, nginx reloads ${reloads}${failed[0] ? `, first error: ${failed[0].error}` : ''}`,
  );
  if (reloads !== 1) throw new Error(`expected exactly one nginx reload, saw ${reloads}`);
}

async function benchLoadBalancer(root: string): Promise<void> {
  const { options } = await lbTestOptions(root);
  const lb = new LoadBalancerManager(options);
  const backends = [1, 2, 3].map((n) => ({
    name: `shard_web${n}`,
    servers: [{ name: `web${n}a`, address: `127.0.0.1:${10_000 + n}` }],
  }));
  const entries = Array.from({ length: MAP_ENTRIES }, (_, i) => ({
    fqdn: `site${i}.lb.bench.test`,
    backend: `shard_web${(i % 3) + 1}`,
  }));
  console.log(`\nload balancer: ${MAP_ENTRIES} FQDN mappings`);
  try {
    await lb.converge({ backends, entries: [] });
    const measure = async (label: string, count: number, run: () => Promise<unknown>) => {
      const start = performance.now();
      await timed(label, run);
      console.log(`  -> ${Math.round(count / ((performance.now() - start) / 1000)).toLocaleString('en')} entries/s`);
    };
    await measure(`setFqdnMappings, ${MAP_ENTRIES} new (bulk replace)`, MAP_ENTRIES, () => lb.setMappings(entries));
    const moved = entries.map((e, i) => ({ ...e, backend: `shard_web${((i + 1) % 3) + 1}` }));
    await measure(`setFqdnMappings, ${MAP_ENTRIES} moved (bulk replace)`, MAP_ENTRIES, () => lb.setMappings(moved));
    await measure('setFqdnMappings, 50 moved (set map per entry)', 50, () => lb.setMappings(entries.slice(0, 50)));
    await measure(`convergeLb, whole map (prepare/add/commit)`, MAP_ENTRIES, () => lb.converge({ backends, entries }));
    await measure('removeFqdnMappings, 50 (del map per entry)', 50, () =>
      lb.removeMappings(entries.slice(0, 50).map((e) => e.fqdn)),
    );
    await measure(`removeFqdnMappings, the rest (bulk replace)`, MAP_ENTRIES - 50, () =>
      lb.removeMappings(entries.slice(50).map((e) => e.fqdn)),
    );
    console.log(`  -> HAProxy reloads ${lb.stats.reloads}`);
  } finally {
    await lb.stop();
  }
}

const root = await makeTestRoot('bench');
try {
  await benchWebNode(root);
  await benchLoadBalancer(root);
  console.log(`\nagent process max RSS over the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  clearInterval(sampler);
  await rm(root, { recursive: true, force: true });
}
