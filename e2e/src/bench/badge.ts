// How fast a committed status change reaches a badge in the panel (web/), hop by hop: the
// commit, the API's hops (HOSTPLANE_TRACE_EVENTS stamps in the frame), the WebSocket through the
// panel's proxy to the page, Apollo's cache write (web/src/lib/live-events.ts) and React's render.
import { randomBytes } from 'node:crypto';
import { CreateBrandDocument, CreateTenantDocument } from '@hostplane/schema/sdk';
import { createDb, type Db } from '@hostplane/server/db';
import { commitStamps, epochNow, setResourceStatus, type EventStamps } from '@hostplane/server/events';
import type { Page } from 'playwright-core';
import { watchTenant } from '../support/watch.js';
import type { InPage } from '../web/support/badge-history.js';
import { openPanel } from '../web/support/browser.js';
import { adminClient } from './admin-client.js';
import { Hops } from './hops.js';
import { load, ms, percentile, report } from './stats.js';

const BADGE_CHANGES = 50;

export interface BadgeEnv {
  apiUrl: string;
  wsUrl: string;
  adminKey: string;
  databaseUrl: string;
  shardId: string;
}

/** The badge figures alone (`npm run bench badge`). */
export async function benchBadge(env: BadgeEnv): Promise<void> {
  const panel = await openPanel(env.apiUrl, 'bench');
  const db = createDb(env.databaseUrl, { max: 2 });
  try {
    await benchBadgeLatency(env, db, await panel.newPage({ apiKey: env.adminKey }));
  } finally {
    await db.$disconnect();
    await panel.close();
  }
}

interface Frame {
  cursor: string;
  status: string | null;
  at: number;
  trace?: EventStamps;
}
interface PageTrace {
  __wsFrames: Frame[];
  __hostplaneEventTrace: { cursor: string; at: number }[];
  __badgeTimes: { status: string; at: number }[];
}

/**
 * Runs in the page before the panel's code: records when each graphql-ws `next` frame arrived
 * (with the API's stamps it carries), and gives the panel a sink for its cache writes.
 */
const PAGE_TRACER = `(() => {
  const Native = WebSocket;
  window.__wsFrames = [];
  window.__hostplaneEventTrace = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const at = performance.timeOrigin + performance.now();
        if (typeof e.data !== 'string' || !e.data.includes('"next"')) return;
        const payload = JSON.parse(e.data).payload;
        const field = payload && payload.data && Object.values(payload.data)[0];
        if (field && field.cursor)
          window.__wsFrames.push({ cursor: field.cursor, status: field.status ?? null, at, trace: payload.extensions && payload.extensions.trace });
      });
    }
  };
})();`;

/**
 * A tenant's page is open; its status is changed by committing straight through the event spine
 * (row + event + NOTIFY in one transaction), 50 times, alternating ACTIVE/SUSPENDED. The page
 * records when its badge changed; the figure is badge time − commit return time.
 */
export async function benchBadgeLatency(env: BadgeEnv, db: Db, page: Page): Promise<void> {
  const rowId = await activeTenant(env);
  const tenantId = Buffer.from(`Tenant:${rowId}`).toString('base64url');
  await page.addInitScript({ content: PAGE_TRACER });
  await page.goto(`/admin/tenants/${encodeURIComponent(tenantId)}`);
  await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor();
  await page.evaluate(() => {
    const w = globalThis as unknown as InPage & PageTrace;
    w.__badgeTimes = [];
    let last: string | null = null;
    new w.MutationObserver(() => {
      const status =
        w.document.querySelector('[role="status"][aria-label^="Tenant status"]')?.getAttribute('data-status') ?? null;
      if (status && status !== last)
        w.__badgeTimes.push({ status, at: w.performance.timeOrigin + w.performance.now() });
      last = status;
    }).observe(w.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  const hops = new Hops();
  const latencies: number[] = [];
  const loadAtStart = load();
  for (let i = 0; i < BADGE_CHANGES; i++) {
    const status = i % 2 === 0 ? 'SUSPENDED' : 'ACTIVE';
    const before = epochNow();
    await setResourceStatus(db, {
      resourceType: 'Tenant',
      resourceId: rowId,
      status,
      suspendReason: status === 'SUSPENDED' ? 'bench' : null,
    });
    const committed = epochNow();
    const shown = await page.waitForFunction(
      ([expected, after]) => {
        const w = globalThis as unknown as PageTrace;
        const badge = w.__badgeTimes.find((t) => t.status === expected && t.at >= after);
        const frame = w.__wsFrames.find((f) => f.status === expected && f.at >= after);
        if (!badge || !frame) return false;
        const cached = w.__hostplaneEventTrace.find((c) => c.cursor === frame.cursor);
        return { badge: badge.at, frame, cached: cached?.at ?? null };
      },
      [status, before] as const,
      { polling: 10, timeout: 10_000 },
    );
    const { badge, frame, cached } = (await shown.jsonValue()) as {
      badge: number;
      frame: Frame;
      cached: number | null;
    };
    latencies.push(badge - committed);
    addHops(hops, { before, committed, badge, frame, cached });
  }
  report(`status commit → badge in the browser (${BADGE_CHANGES} changes, detail page open)`, [
    [
      'p50 / p90 / p99',
      `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 90))} / ${ms(percentile(latencies, 99))}`,
    ],
    ['load average (1/5/15 min) at start', loadAtStart],
  ]);
  hops.report('  per hop, p50 / p99 (API hops need HOSTPLANE_TRACE_EVENTS=1)');
}

function addHops(
  hops: Hops,
  t: { before: number; committed: number; badge: number; frame: Frame; cached: number | null },
): void {
  const stamps = commitStamps(t.frame.cursor);
  hops.add('commit (status update + event insert + NOTIFY)', t.committed - t.before);
  if (stamps) {
    hops.add('  status update (before appendEvent)', stamps.appending - t.before);
    hops.add('  advisory lock + event insert + pg_notify', stamps.notifyQueued - stamps.appending);
    hops.add('  COMMIT', t.committed - stamps.notifyQueued);
  }
  const trace = t.frame.trace;
  if (trace) {
    hops.add('commit returned → hub doorbell (NOTIFY)', trace.notified - t.committed);
    hops.add('hub read of the events table', trace.read - trace.notified);
    hops.add('fan-out + authorization', trace.authorized! - trace.read);
    hops.add('execution', trace.executed! - trace.authorized!);
    hops.add('API → panel proxy → page WebSocket', t.frame.at - trace.executed!);
  } else {
    hops.add('commit returned → page WebSocket', t.frame.at - t.committed);
  }
  if (t.cached !== null) {
    hops.add('page receipt → Apollo cache written', t.cached - t.frame.at);
    hops.add('cache written → badge rendered (React)', t.badge - t.cached);
  }
}

/** A fresh brand with one ACTIVE tenant; its row id. */
async function activeTenant(env: BadgeEnv): Promise<string> {
  const c = adminClient(env);
  try {
    const tag = randomBytes(4).toString('hex');
    const { createBrand } = await c.mutate(CreateBrandDocument, {
      input: {
        name: `bench-web-${tag}`,
        baseHostname: `${tag}.bench.test`,
        nsHostnames: [`ns1.${tag}.bench.test`, `ns2.${tag}.bench.test`],
        hostmasterEmail: `h@${tag}.bench.test`,
      },
    });
    const shardId = Buffer.from(`Shard:${env.shardId}`).toString('base64url');
    const { createTenant } = await c.mutate(CreateTenantDocument, {
      input: { brandId: createBrand.brand!.id, shardId, displayName: 'Badge bench' },
    });
    const tenantId = createTenant.tenant!.id;
    await watchTenant(c, tenantId, ['ACTIVE']);
    return Buffer.from(tenantId, 'base64url').toString().split(':')[1]!;
  } finally {
    await c.close();
  }
}
