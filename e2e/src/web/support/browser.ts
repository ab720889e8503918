// The control panel in a browser, for the UI tests and the benchmarks: `next start` (the build
// `npm test` / `npm run bench` made) against an API, and headless Debian Chromium driven by
// playwright-core. Free of vitest, so the benchmarks can use it too.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { ProcessGroup, repoRoot, startWeb } from '@hostplane/scripts/lib';

/** Where screenshots (and the panels' logs) go; kept by CI with the other artifacts. */
export const artifactsDir = path.join(repoRoot, 'test-artifacts', 'web');

/** The panel's HttpOnly session cookie (web/src/app/session/session-cookie.ts). */
export const SESSION_COOKIE = 'hostplane_session';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless as root on a machine without GPU or network to phone home to. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Panel {
  /** e.g. http://127.0.0.1:41877 */
  url: string;
  browser: Browser;
  /**
   * A fresh browser context (its own cookies: one login each) and a page in it. With `apiKey`
   * the page starts logged in: the context posts the key to the panel's session route, as the
   * login form does, and holds the cookie it answers with.
   */
  newPage(options?: { apiKey?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts a panel talking to the API at `apiUrl` and a browser; `name` labels the panel's log
 * (test-artifacts/web/logs/web-<name>.log).
 */
export async function openPanel(apiUrl: string, name: string): Promise<Panel> {
  const group = new ProcessGroup({ logDir: path.join(artifactsDir, 'logs') });
  const contexts: BrowserContext[] = [];
  let browser: Browser | null = null;
  try {
    const url = await startWeb(group, { apiUrl, name: `web-${name}` });
    // launch() gives every browser a fresh temporary profile (its own user-data-dir).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const opened = browser;
    return {
      url,
      browser: opened,
      async newPage({ apiKey } = {}) {
        const context = await opened.newContext({ baseURL: url, viewport: { width: 1280, height: 860 } });
        contexts.push(context);
        if (apiKey) {
          const answer = await context.request.post('/session', { data: { apiKey }, headers: { origin: url } });
          if (!answer.ok()) throw new Error(`the panel refused the login: ${answer.status()} ${await answer.text()}`);
        }
        return context.newPage();
      },
      async close() {
        await Promise.all(contexts.map((context) => context.close()));
        await opened.close();
        await group.stopAll({ graceMs: 5_000 });
      },
    };
  } catch (error) {
    await browser?.close();
    await group.stopAll({ graceMs: 5_000 });
    throw error;
  }
}

/** Logs in through the login form and waits until the panel has left it. */
export async function logIn(page: Page, apiKey: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The page's session cookie as the browser keeps it, if it has one. */
export async function sessionCookie(page: Page): Promise<Cookie | undefined> {
  return (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** Saves a full-page PNG for a person to look at; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
