// The panel for one UI test file: each file starts its own panel and browser (a second or two)
// against the run's platform, so files stay independent and can run side by side.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, expect } from 'vitest';
import { getPlatform } from '../../harness/platform.js';
import { artifactsDir, openPanel, screenshot, type Panel } from './browser.js';

export { logIn, screenshot, sessionCookie, SESSION_COOKIE, type Panel } from './browser.js';

/** A panel and browser for this test file, on the run's API. */
export function startPanel(name: string): Promise<Panel> {
  return openPanel(getPlatform().apiUrl, name);
}

/**
 * Saves a screenshot of `page()` when a test of this file fails, as
 * test-artifacts/web/failed-<file>-<test>.png; the file's failures of earlier runs are removed first.
 */
export function screenshotOnFailure(page: () => Page | undefined): void {
  const prefix = (file: string | undefined) => `failed-${path.basename(file ?? 'unknown', '.test.ts')}-`;
  beforeAll(async () => {
    const mine = prefix(expect.getState().testPath);
    const stale = (await readdir(artifactsDir).catch(() => [] as string[])).filter((name) => name.startsWith(mine));
    await Promise.all(stale.map((name) => rm(path.join(artifactsDir, name), { force: true })));
  });
  afterEach(async ({ task }) => {
    const current = page();
    if (task.result?.state !== 'fail' || !current || current.isClosed()) return;
    const slug = task.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60);
    await screenshot(current, `${prefix(task.file.name).slice(0, -1)}-${slug}`).catch(() => undefined);
  });
}
