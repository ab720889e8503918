// Records, inside the page, every value a live status badge shows — with a MutationObserver, so
// even a state shown for a few milliseconds is caught — and whether the page was reloaded.
import type { Page } from 'playwright-core';

/** The few browser APIs used in the page (the e2e package compiles without the DOM library). */
export interface InPage {
  __badgeHistory?: string[];
  document: {
    body: unknown;
    querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  localStorage: { getItem(key: string): string | null };
  performance: { timeOrigin: number; now(): number };
}

/**
 * Starts recording the `data-status` of the badge whose accessible name starts with `label`
 * (e.g. "Tenant status"). The recorder lives in the current document: a reload loses it, which
 * `badgeHistory` reports as an error — the point is to see changes arrive without one.
 */
export async function recordBadge(page: Page, label: string): Promise<void> {
  await recordBadgeAt(page, `[role="status"][aria-label^="${label}"]`);
}

/**
 * The same for the first element matching a CSS `selector` with a `data-status` (a table row's
 * badge, e.g. `table[aria-label="Webroots"] td.status [data-status]`); it may appear later.
 */
export async function recordBadgeAt(page: Page, selector: string): Promise<void> {
  await page.evaluate((query) => {
    const w = globalThis as unknown as InPage;
    const seen: string[] = [];
    w.__badgeHistory = seen;
    const read = () => {
      const status = w.document.querySelector(query)?.getAttribute('data-status');
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    new w.MutationObserver(read).observe(w.document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
    read();
  }, selector);
}

/** The distinct badge values in the order they appeared since recordBadge. */
export async function badgeHistory(page: Page): Promise<string[]> {
  const history = await page.evaluate(() => (globalThis as unknown as InPage).__badgeHistory ?? null);
  if (!history) throw new Error('the badge recorder is gone: the page was reloaded');
  return history;
}
