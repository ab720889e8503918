// What the panel does against a script injected into it and against links that act for the user:
// its Content-Security-Policy keeps a page script from sending anything (the API key in
// localStorage) to another origin, and a playground link carrying a mutation is not loaded.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import type { InPage } from './support/badge-history.js';
import { logIn, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

/** The page's view of a CSP violation report and of fetch (the e2e package has no DOM library). */
type WithCsp = InPage & {
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  fetch(url: string): Promise<unknown>;
};

describe('panel hardening', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  beforeAll(async () => {
    panel = await startPanel('panel-hardening');
    page = await panel.newPage();
    await logIn(page, getPlatform().adminKey);
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('serves a policy that confines scripts, connections and framing to its own origin', async () => {
    const response = await fetch(`${panel.url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval'); // the panel under test is a production build
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps a script in the logged-in page from sending the key to another origin', async () => {
    // The API itself, on its own port: a real server another origin away, as an attacker's would be.
    const elsewhere = `${getPlatform().apiUrl}?stolen=1`;
    const outcome = await page.evaluate(async (url) => {
      const win = globalThis as unknown as WithCsp;
      const violations: string[] = [];
      win.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
      const sent = await win.fetch(url).then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((resolve) => setTimeout(resolve, 100)); // the report is dispatched as a task
      return { sent, violations, key: win.localStorage.getItem('hostplane.apiKey') !== null };
    }, elsewhere);
    expect(outcome.key).toBe(true); // there is a key to steal
    expect(outcome.sent).toBe('refused');
    expect(outcome.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });

  it('does not load a mutation from a playground link, and says so', async () => {
    const mutation = 'mutation { deleteBrand(id: "QnJhbmQ6eA") { userErrors { message } } }';
    await page.goto(`/playground?${new URLSearchParams({ query: mutation })}`);
    await page.getByRole('alert').getByText('carries a mutation').waitFor();
    await page.locator('.graphiql-query-editor').waitFor();
    await expect(page.locator('.graphiql-query-editor').textContent()).resolves.not.toContain('deleteBrand');
  });
});
