import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  BindFqdnDocument,
  CreateBrandDocument,
  CreateTenantDocument,
  ListShardsDocument,
  createHostplaneClient,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { fromGlobalId } from '@hostplane/schema';
import pg from 'pg';
import WebSocket from 'ws';
import type { Platform } from '../harness/platform.js';
import { convergeAndWait } from '../support/convergence.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot, getSite, writeSiteFile } from '../support/web.js';
import { ms, percentile, report } from './stats.js';

const BINDS = 20;
const WEBROOTS = Number(process.env.BENCH_WEBROOTS ?? 1000);
const FQDNS_PER_WEBROOT = 2;
const TENANTS = 50;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const shortName = () => `web_${[...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/** Peak resident memory of a process so far (VmHWM), in MiB. */
async function peakMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** bindFqdn → the first HTTP 200 for the name through HAProxy, `BINDS` times; milliseconds each. */
async function bindToFirst200(c: HostplaneClient, lbUrl: string, webrootId: string, tag: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < BINDS; i++) {
    const hostname = `b${i}-${tag}.bench.test`;
    const start = performance.now();
    const { bindFqdn } = await c.mutate(BindFqdnDocument, { input: { webrootId, hostname } });
    if (!bindFqdn.fqdn) throw new Error(JSON.stringify(bindFqdn.userErrors));
    for (;;) {
      if ((await getSite(hostname, lbUrl).catch(() => ({ status: 0 }))).status === 200) break;
      if (performance.now() - start > 30_000) throw new Error(`${hostname} never answered 200`);
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - start);
  }
  return times;
}

/** Writes `WEBROOTS` webroots (2/3 PHP, 1/3 static) with two FQDNs each straight into the database. */
async function seedWebroots(databaseUrl: string, tenantIds: string[], tag: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = Array.from({ length: WEBROOTS }, (_, i) => ({
      name: shortName(),
      tenant: tenantIds[i % tenantIds.length]!,
      php: i % 3 !== 0,
    }));
    await db.query(
      `INSERT INTO "Webroot" (id, name, "tenantId", runtime, "runtimeVersion", status, "updatedAt")
       SELECT gen_random_uuid(), n, t::uuid, r::"WebRuntime", v, 'ACTIVE', now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(n, t, r, v)`,
      [
        rows.map((r) => r.name),
        rows.map((r) => r.tenant),
        rows.map((r) => (r.php ? 'PHP' : 'STATIC')),
        rows.map((r) => (r.php ? '8.2' : '')),
      ],
    );
    await db.query(
      `INSERT INTO "Fqdn" (id, hostname, "webrootId", "tenantId", status, "updatedAt")
       SELECT gen_random_uuid(), 'site' || w.rn || '-' || k || '.' || $1, w.id, w."tenantId", 'ACTIVE', now()
       FROM (SELECT id, "tenantId", row_number() OVER (ORDER BY name) AS rn FROM "Webroot" WHERE name = ANY($2)) w,
            generate_series(1, ${FQDNS_PER_WEBROOT}) AS k`,
      [`${tag}.bench.test`, rows.map((r) => r.name)],
    );
  } finally {
    await db.end();
  }
}

/** Wall time between a step's STARTED and its last SUCCEEDED event, in ms. */
function stepMs(events: ResourceEventFieldsFragment[], step: string): number {
  const of = events.filter((e) => e.step === step);
  const start = of.find((e) => e.stepState === 'STARTED');
  const end = of.findLast((e) => e.stepState !== 'STARTED');
  return start && end ? new Date(end.at).getTime() - new Date(start.at).getTime() : NaN;
}

/**
 * (5) Web hosting through the whole platform: bind → first 200 through HAProxy, and a WEB shard
 * convergence of 1,000 webroots / 2,000 FQDNs (plus 1,000 service hostnames) on the local node.
 */
export async function benchWebHosting(env: Platform & { agentPid: number }): Promise<void> {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
  const tag = Date.now().toString(36);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `web-${tag}`,
      baseHostname: `${tag}.sites.test`,
      nsHostnames: [`ns1.${tag}.test`, `ns2.${tag}.test`],
      hostmasterEmail: `h@${tag}.test`,
    },
  });
  const shardId = Buffer.from(`Shard:${env.shardId}`).toString('base64url');
  const tenants = [];
  for (let i = 0; i < TENANTS; i++) {
    const { createTenant } = await c.mutate(CreateTenantDocument, {
      input: { brandId: createBrand.brand!.id, shardId },
    });
    tenants.push(createTenant.tenant!);
  }
  for (const t of tenants) await watchTenant(c, t.id, ['ACTIVE']);
  const site = await createActiveWebroot(c, { tenantId: tenants[0]!.id, runtime: 'STATIC' });
  await writeSiteFile(tenants[0]!, site.name, 'public/index.html', 'bench', env.homeRoot);
  const empty = await bindToFirst200(c, env.lbUrl, site.id, `${tag}-a`);

  await seedWebroots(
    env.databaseUrl,
    tenants.map((t) => fromGlobalId(t.id)!.id),
    tag,
  );
  const peakBefore = await peakMiB(env.agentPid);
  const started = performance.now();
  const run = await convergeAndWait(shardId, c, 15 * 60_000);
  const wall = performance.now() - started;
  const peakAfter = await peakMiB(env.agentPid);
  const node = run.events.find((e) => e.step === 'web node converged' && e.stepState !== 'STARTED')?.message ?? '';
  const lbMessage =
    run.events.find((e) => e.step === 'load balancer converged' && e.stepState !== 'STARTED')?.message ?? '';
  const lbEntries = Number(/(\d+) host names/.exec(lbMessage)?.[1] ?? NaN);
  const full = await bindToFirst200(c, env.lbUrl, site.id, `${tag}-b`);
  const { shards } = await c.query(ListShardsDocument, { role: 'LB' });
  const lbShard = shards.find((s) => s.name === 'local-lb')!;
  const lbRun = await convergeAndWait(lbShard.id, c);
  await c.close();

  report(`Web hosting: bindFqdn → first HTTP 200 through HAProxy (${BINDS} binds, one after another)`, [
    [
      'on a node with 1 webroot: p50 / p99 / max',
      `${ms(percentile(empty, 50))} / ${ms(percentile(empty, 99))} / ${ms(Math.max(...empty))}`,
    ],
    [
      `with ${WEBROOTS + 1} webroots: p50 / p99 / max`,
      `${ms(percentile(full, 50))} / ${ms(percentile(full, 99))} / ${ms(Math.max(...full))}`,
    ],
  ]);
  report(
    `Web hosting: convergeShard of ${WEBROOTS} webroots / ${WEBROOTS * FQDNS_PER_WEBROOT} FQDNs through the API (1 node, real nginx/php-fpm/HAProxy)`,
    [
      ['outcome', `${run.status}, ${run.errors.length} errors`],
      ['wall time (mutation → final event)', ms(wall)],
      ['web node step (convergeWebNode)', `${ms(stepMs(run.events, 'web node converged'))}: ${node}`],
      ['load balancer step (convergeLb)', `${ms(stepMs(run.events, 'load balancer converged'))}: ${lbMessage}`],
      [
        'HAProxy map entries / s (LB step, runtime API)',
        `${Math.round(lbEntries / (stepMs(run.events, 'load balancer converged') / 1000))}`,
      ],
      ['agent peak RSS before → after (VmHWM)', `${peakBefore.toFixed(0)} MiB → ${peakAfter.toFixed(0)} MiB`],
      [
        'LB shard converge alone (whole map replace)',
        `${ms(stepMs(lbRun.events, 'load balancer converged'))}, ${lbRun.status}`,
      ],
    ],
  );
}
