// The control panel's figures (web/): how fast a committed status change reaches a badge in a
// real browser, how much JavaScript the tenant list route ships, and how long a 1,000-tenant
// list takes to render page by page. Headless Chromium against `next start` and the bench's API.
import { randomBytes, randomUUID } from 'node:crypto';
import { CreateBrandDocument, CreateTenantDocument, createHostplaneClient } from '@hostplane/schema/sdk';
import { createDb, type Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/events';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { watchTenant } from '../support/watch.js';
import type { InPage } from '../web/support/badge-history.js';
import { openPanel } from '../web/support/browser.js';
import { ms, percentile, report } from './stats.js';

const BADGE_CHANGES = 20;
const LIST_TENANTS = 1_000;
const LIST_PAGE_SIZE = 100;

interface Env {
  apiUrl: string;
  wsUrl: string;
  adminKey: string;
  databaseUrl: string;
  shardId: string;
}

export async function benchWeb(env: Env): Promise<void> {
  const panel = await openPanel(env.apiUrl, 'bench');
  const db = createDb(env.databaseUrl, { max: 2 });
  try {
    await benchBadgeLatency(env, db, await panel.newPage({ apiKey: env.adminKey }));
    await benchTenantList(db, await panel.newPage({ apiKey: env.adminKey }));
  } finally {
    await db.$disconnect();
    await panel.close();
  }
}

/** Epoch milliseconds with sub-millisecond precision; the same clock in Node and in Chromium. */
const now = () => performance.timeOrigin + performance.now();

/**
 * (1) A tenant's page is open; its status is changed by committing straight through the event
 * spine (row + event + NOTIFY in one transaction), 20 times, alternating ACTIVE/SUSPENDED. The
 * page records when its badge changed; the figure is badge time − commit return time.
 */
async function benchBadgeLatency(env: Env, db: Db, page: Page): Promise<void> {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
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
  await c.close();
  const rowId = Buffer.from(tenantId, 'base64url').toString().split(':')[1]!;

  await page.goto(`/admin/tenants/${encodeURIComponent(tenantId)}`);
  await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor();
  await page.evaluate(() => {
    const w = globalThis as unknown as InPage & { __badgeTimes: { status: string; at: number }[] };
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

  const latencies: number[] = [];
  const commits: number[] = [];
  for (let i = 0; i < BADGE_CHANGES; i++) {
    const status = i % 2 === 0 ? 'SUSPENDED' : 'ACTIVE';
    const before = now();
    await setResourceStatus(db, {
      resourceType: 'Tenant',
      resourceId: rowId,
      status,
      suspendReason: status === 'SUSPENDED' ? 'bench' : null,
    });
    const committed = now();
    commits.push(committed - before);
    const at = await page.waitForFunction(
      ([expected, after]) => {
        const times = (globalThis as unknown as { __badgeTimes: { status: string; at: number }[] }).__badgeTimes;
        return times.find((t) => t.status === expected && t.at >= after)?.at ?? false;
      },
      [status, before] as const,
      { polling: 10, timeout: 10_000 },
    );
    latencies.push(Number(await at.jsonValue()) - committed);
  }
  report(`status commit → badge in the browser (${BADGE_CHANGES} changes, detail page open)`, [
    [
      'p50 / p90 / max',
      `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 90))} / ${ms(Math.max(...latencies))}`,
    ],
    ['commit itself (update + event + NOTIFY) p50', ms(percentile(commits, 50))],
  ]);
}

/**
 * (2) JavaScript the tenant list route loads on a cold visit (fresh browser context), as
 * transferred (compressed) and as parsed; (3) a list of 1,000 tenants, 100 per page: the first
 * page from navigation start, then each "Next page" until the last.
 */
async function benchTenantList(db: Db, page: Page): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const brand = await db.brand.create({
    data: {
      name: `bench-list-${tag}`,
      baseHostname: `${tag}.list.test`,
      nsHostnames: [`ns1.${tag}.list.test`, `ns2.${tag}.list.test`],
      hostmasterEmail: `h@${tag}.list.test`,
    },
  });
  const shard = await db.shard.findFirstOrThrow({ where: { role: 'WEB' } });
  await db.tenant.createMany({
    data: Array.from({ length: LIST_TENANTS }, (_, i) => ({
      brandId: brand.id,
      shardId: shard.id,
      name: `t_${randomUUID().replaceAll('-', '').slice(0, 10)}`,
      displayName: `List bench ${tag} ${String(i).padStart(4, '0')}`,
      status: 'ACTIVE' as const,
    })),
  });

  const scripts: { transferred: number; parsed: number }[] = [];
  const waits: Promise<unknown>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const pending = Promise.all([response.request().sizes(), response.body()]).then(([sizes, body]) => {
      scripts.push({ transferred: sizes.responseBodySize, parsed: body.length });
    });
    waits.push(pending.catch(() => undefined));
  });

  const pagerSays = (first: number) => `${first}–${first + LIST_PAGE_SIZE - 1} of ${LIST_TENANTS}`;
  await page.goto(`/admin/tenants?q=${encodeURIComponent(`List bench ${tag}`)}&size=${LIST_PAGE_SIZE}`);
  await page.getByText(pagerSays(1)).waitFor({ timeout: 30_000 });
  const firstPage = await page.evaluate(() => (globalThis as unknown as InPage).performance.now());
  await Promise.all(waits);
  const rows = await page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').count();
  if (rows !== LIST_PAGE_SIZE) throw new Error(`expected ${LIST_PAGE_SIZE} rows, saw ${rows}`);

  // Timed inside the page: from the click on "Next page" to the pager showing the next range.
  await page.evaluate(() => {
    type Node = { textContent: string | null; closest(selector: string): Node | null };
    const w = globalThis as unknown as InPage & {
      __pageTimes: number[];
      addEventListener(type: string, listener: (event: { target: Node }) => void, capture: boolean): void;
    };
    const pager = () => w.document.querySelector('nav[aria-label="Tenant list pages"] span') as unknown as Node | null;
    w.__pageTimes = [];
    let clickedAt = 0;
    let shown = pager()?.textContent ?? null;
    w.addEventListener(
      'click',
      (event) => {
        if (event.target.closest('button')?.textContent === 'Next page') clickedAt = w.performance.now();
      },
      true,
    );
    new w.MutationObserver(() => {
      const text = pager()?.textContent ?? null;
      if (!clickedAt || !text || text === shown) return;
      shown = text;
      w.__pageTimes.push(w.performance.now() - clickedAt);
      clickedAt = 0;
    }).observe(w.document.body, { subtree: true, childList: true, characterData: true });
  });
  const apiTimes: number[] = [];
  page.on('requestfinished', (request) => {
    if (!request.url().endsWith('/graphql')) return;
    const timing = request.timing();
    apiTimes.push(timing.responseEnd - timing.requestStart);
  });
  for (let first = LIST_PAGE_SIZE + 1; first <= LIST_TENANTS; first += LIST_PAGE_SIZE) {
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(pagerSays(first)).waitFor({ timeout: 30_000 });
  }
  const pageTimes = await page.evaluate(() => (globalThis as unknown as { __pageTimes: number[] }).__pageTimes);
  const rest = pageTimes.reduce((total, t) => total + t, 0);

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const sum = (key: 'transferred' | 'parsed') => scripts.reduce((total, s) => total + s[key], 0);
  report('JavaScript shipped for /admin/tenants (cold load, fresh browser context)', [
    ['script files', String(scripts.length)],
    ['transferred (gzip) / uncompressed', `${kib(sum('transferred'))} / ${kib(sum('parsed'))}`],
  ]);
  report(`list of ${LIST_TENANTS} tenants, ${LIST_PAGE_SIZE} per page (search-filtered, sorted newest first)`, [
    ['first page (navigation start → 100 rows)', ms(firstPage)],
    ['"Next page" → next 100 rows p50 / max', `${ms(percentile(pageTimes, 50))} / ${ms(Math.max(...pageTimes))}`],
    ['  of which the GraphQL request p50', ms(percentile(apiTimes, 50))],
    [`all ${LIST_TENANTS} shown (${pageTimes.length + 1} pages, sum)`, ms(firstPage + rest)],
  ]);
}
