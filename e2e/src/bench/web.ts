// The control panel's figures (web/): how fast a committed status change reaches a badge in a
// real browser (./badge.ts), how much JavaScript the tenant list route ships, and how long a
// 1,000-tenant list takes to render page by page. Headless Chromium against `next start` and the
// bench's API.
import { randomBytes, randomUUID } from 'node:crypto';
import { createDb, type Db } from '@hostplane/server/db';
import type { Page } from 'playwright-core';
import type { InPage } from '../web/support/badge-history.js';
import { openPanel } from '../web/support/browser.js';
import { benchBadgeLatency, type BadgeEnv } from './badge.js';
import { ms, percentile, report } from './stats.js';

const LIST_TENANTS = 1_000;
const LIST_PAGE_SIZE = 100;

export async function benchWeb(env: BadgeEnv): Promise<void> {
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
