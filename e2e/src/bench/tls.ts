// HTTPS figures (issue 12): bindFqdn → the first HTTPS 200 with a certificate valid against the
// ACME root (Pebble validating HTTP-01 through HAProxy), and a load balancer holding 1,000
// certificates: HAProxy's memory, the time to add them and to replace one (runtime API, no reload).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LoadBalancerManager, selfSignedCertificate } from '@hostplane/node-agent';
import {
  BindFqdnDocument,
  CreateBrandDocument,
  CreateTenantDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { freePort } from '@hostplane/scripts/lib';
import { handshakeAt, requestOn } from '../certificates/tls-client.js';
import type { Platform } from '../harness/platform.js';
import { pointHere } from '../support/dns.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot, writeSiteFile } from '../support/web.js';
import { adminClient } from './admin-client.js';
import { ms, percentile, report, rssMiB } from './stats.js';

const BINDS = 20;
const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 1000);
const REPLACEMENTS = 20;

export async function benchTls(env: Platform): Promise<void> {
  const c = adminClient(env);
  try {
    await bindToFirstHttps(c, env);
  } finally {
    await c.close();
  }
  await thousandCertificates();
}

/** bindFqdn → first HTTPS 200 whose certificate verifies against the ACME root for that name. */
async function bindToFirstHttps(c: HostplaneClient, env: Platform): Promise<void> {
  const tag = Date.now().toString(36);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `tls-${tag}`,
      baseHostname: `${tag}.tls.test`,
      nsHostnames: [`ns1.${tag}.test`, `ns2.${tag}.test`],
      hostmasterEmail: `h@${tag}.test`,
    },
  });
  const shardId = Buffer.from(`Shard:${env.shardId}`).toString('base64url');
  const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId: createBrand.brand!.id, shardId } });
  const tenant = createTenant.tenant!;
  await watchTenant(c, tenant.id, ['ACTIVE']);
  const site = await createActiveWebroot(c, { tenantId: tenant.id, runtime: 'STATIC' });
  await writeSiteFile(tenant, site.name, 'public/index.html', 'bench', env.homeRoot);
  const ca = await readFile(env.acmeRootFile, 'utf8');
  const port = Number(new URL(env.lbHttpsUrl).port);
  const times: number[] = [];
  for (let i = 0; i < BINDS; i++) {
    const hostname = `s${i}-${tag}.bench.test`;
    // Automatic TLS waits for the name's DNS to point here: published before the clock starts.
    await pointHere(hostname, env);
    const start = performance.now();
    const { bindFqdn } = await c.mutate(BindFqdnDocument, { input: { webrootId: site.id, hostname } });
    if (!bindFqdn.fqdn) throw new Error(JSON.stringify(bindFqdn.userErrors));
    for (;;) {
      const ok = await handshakeAt(port, ca, hostname)
        .then(async (tls) => {
          const answer = tls.authorized ? await requestOn(tls.socket, hostname) : null;
          tls.socket.destroy();
          return answer?.status === 200;
        })
        .catch(() => false);
      if (ok) break;
      if (performance.now() - start > 60_000) throw new Error(`${hostname} never answered HTTPS 200`);
      await new Promise((r) => setTimeout(r, 20));
    }
    times.push(performance.now() - start);
  }
  report(`TLS: bindFqdn → first HTTPS 200 with a valid ACME certificate (${BINDS} binds, one after another)`, [
    ['p50 / p99 / max', `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))} / ${ms(Math.max(...times))}`],
  ]);
}

/** A HAProxy of its own (the node agent's code), filled with CERTIFICATES certificates one by one. */
async function thousandCertificates(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'hp-bench-tls-'));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const lb = new LoadBalancerManager({
    binary: '/usr/sbin/haproxy',
    configFile: path.join(root, 'haproxy', 'haproxy.cfg'),
    mapFile: path.join(root, 'haproxy', 'fqdn-to-shard.map'),
    adminSocket: path.join(root, 'run', 'haproxy-admin.sock'),
    pidFile: path.join(root, 'run', 'haproxy.pid'),
    bind: [`127.0.0.1:${httpPort}`],
    tls: { bind: [`127.0.0.1:${httpsPort}`], dir: path.join(root, 'haproxy', 'tls') },
  });
  try {
    await lb.converge({
      backends: [{ name: 'shard_bench', servers: [{ name: 'web1', address: '127.0.0.1:1' }] }],
      entries: [],
    });
    const pid = Number((await lb.runtime.execute([{ line: 'show info' }]))[0]!.match(/^Pid: (\d+)$/m)![1]);
    const rssBefore = await rssMiB(pid);
    const names = Array.from({ length: CERTIFICATES }, (_, i) => `c${i}.bench.test`);
    const pems: string[] = [];
    for (let i = 0; i < names.length; i += 8) {
      pems.push(...(await Promise.all(names.slice(i, i + 8).map(async (n) => (await selfSignedCertificate(n)).pem))));
    }
    const addStart = performance.now();
    for (let i = 0; i < names.length; i++) {
      await lb.tls!.install({ hostname: names[i]!, pem: pems[i]!, httpsRedirect: false, hstsMaxAge: null });
    }
    const addMs = performance.now() - addStart;
    const rssAfter = await rssMiB(pid);
    const replace: number[] = [];
    for (let i = 0; i < REPLACEMENTS; i++) {
      const name = names[(i * 37) % names.length]!;
      const { pem } = await selfSignedCertificate(name);
      const start = performance.now();
      await lb.tls!.install({ hostname: name, pem, httpsRedirect: false, hstsMaxAge: null });
      replace.push(performance.now() - start);
    }
    const samePid = Number((await lb.runtime.execute([{ line: 'show info' }]))[0]!.match(/^Pid: (\d+)$/m)![1]);
    report(`TLS: ${CERTIFICATES} certificates in one HAProxy (runtime API, one by one; files 0600 on disk)`, [
      ['HAProxy worker RSS: empty → with all', `${rssBefore.toFixed(1)} MiB → ${rssAfter.toFixed(1)} MiB`],
      ['per certificate', `${(((rssAfter - rssBefore) * 1024) / CERTIFICATES).toFixed(1)} KiB`],
      ['adding them all (new + set + commit + crt-list each)', `${ms(addMs)} (${ms(addMs / CERTIFICATES)} each)`],
      [
        `replacing one among ${CERTIFICATES}: p50 / p99 (${REPLACEMENTS} swaps)`,
        `${ms(percentile(replace, 50))} / ${ms(percentile(replace, 99))}`,
      ],
      ['reloads / worker pid unchanged', `${lb.stats.reloads} / ${samePid === pid}`],
    ]);
  } finally {
    await lb.stop();
    await rm(root, { recursive: true, force: true });
  }
}
