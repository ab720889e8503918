// What the panel does against a script injected into it, against other sites' pages and against
// links that act for the user. No script in the panel's origin holds the key: it lives in an
// HttpOnly, SameSite=Strict cookie that the panel's /graphql proxy turns into the key, for HTTP
// and the WebSocket alike, and only for requests from the panel's own origin. The
// Content-Security-Policy keeps a page script from sending what it sees to another origin; a
// playground link carrying a mutation is not loaded; a revoked key's session stops at once.
import { randomUUID } from 'node:crypto';
import { RevokeApiKeyDocument, ViewerDocument, createHostplaneClient } from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createKey, createTenant, withDatabase } from '../support/clients.js';
import { logIn, screenshotOnFailure, sessionCookie, startPanel, type Panel } from './support/panel.js';

/** The page's view of what these tests use (the e2e package has no DOM library). */
type InPage = {
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  fetch(url: string, init?: object): Promise<{ status: number; json(): Promise<unknown> }>;
  document: { cookie: string; documentElement: { outerHTML: string } };
  localStorage: Storage;
  sessionStorage: Storage;
  WebSocket: new (url: string, protocol: string) => InPageSocket;
  __socket?: SocketLog;
};
type Storage = { length: number; key(i: number): string | null; getItem(key: string): string | null };
type InPageSocket = {
  send(data: string): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
};
/** What a socket opened by `openSocket` saw. */
type SocketLog = { opened: boolean; messages: { type: string; id?: string }[]; closed: number | null };

const VIEWER_QUERY = '{ viewer { apiKeyId isPlatformAdmin } }';
const EVENTS_SUBSCRIPTION = 'subscription { events { cursor } }';

/**
 * Opens graphql-ws from the page to `url`, as a script of that page would: no key anywhere in
 * it, only what the browser adds itself (its cookies, its Origin). Once acknowledged it subscribes
 * to every event; what happens is kept in the page (`socketLog`).
 */
async function openSocket(page: Page, url: string): Promise<void> {
  await page.evaluate(
    ([target, subscription]) => {
      const win = globalThis as unknown as InPage;
      const log: SocketLog = { opened: false, messages: [], closed: null };
      win.__socket = log;
      const socket = new win.WebSocket(target, 'graphql-transport-ws');
      socket.onopen = () => {
        log.opened = true;
        socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
      };
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data) as { type: string };
        log.messages.push(message);
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: subscription } }));
        }
      };
      socket.onclose = (event) => {
        log.closed = event.code;
      };
    },
    [url, EVENTS_SUBSCRIPTION] as const,
  );
}

/** Waits until the page's socket has been acknowledged, has streamed a result, or is closed; returns its log. */
async function socketLog(page: Page, until: 'connection_ack' | 'next' | 'closed'): Promise<SocketLog> {
  await page.waitForFunction(
    (awaited) => {
      const log = (globalThis as unknown as InPage).__socket!;
      return awaited === 'closed' ? log.closed !== null : log.messages.some((m) => m.type === awaited);
    },
    until,
    { timeout: 10_000 },
  );
  return page.evaluate(() => (globalThis as unknown as InPage).__socket!);
}

/** A POST to the panel's /graphql from outside the browser, with the headers a test chooses. */
async function postToPanel(panel: Panel, query: string, headers: Record<string, string>) {
  const response = await fetch(`${panel.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: { viewer?: { apiKeyId: string } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, body };
}

describe('panel hardening', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  const { adminKey } = getPlatform();
  beforeAll(async () => {
    panel = await startPanel('panel-hardening');
    page = await panel.newPage();
    await logIn(page, adminKey);
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
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

  it('after a login no script can read the key: it is in an HttpOnly, SameSite=Strict cookie only', async () => {
    const seen = await page.evaluate(() => {
      const win = globalThis as unknown as InPage;
      const entries = (storage: Storage) =>
        Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
      return [
        win.document.cookie,
        ...entries(win.localStorage),
        ...entries(win.sessionStorage),
        win.document.documentElement.outerHTML,
      ].join('\n');
    });
    expect(seen).not.toContain(adminKey);
    // Not even the secret part: everything after `hp_<prefix>_` (the secret's base64url may hold `_`).
    const secret = adminKey.replace(/^hp_[a-z0-9]{12}_/, '');
    expect(secret).toHaveLength(43);
    expect(seen).not.toContain(secret);

    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false }); // plain HTTP here
    expect(cookie?.expires).toBe(-1); // a browser session's cookie, never written to disk as a lasting one
  });

  it('keeps a script in the logged-in page from sending what it sees to another origin', async () => {
    // The API itself, on its own port: a real server another origin away, as an attacker's would be.
    const elsewhere = `${getPlatform().apiUrl}?stolen=1`;
    const outcome = await page.evaluate(async (url) => {
      const win = globalThis as unknown as InPage;
      const violations: string[] = [];
      win.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
      const sent = await win.fetch(url).then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((resolve) => setTimeout(resolve, 100)); // the report is dispatched as a task
      return { sent, violations };
    }, elsewhere);
    expect(outcome.sent).toBe('refused');
    expect(outcome.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });

  it('authenticates HTTP and subscriptions from the cookie, with no key in the page', async () => {
    const viewer = await page.evaluate(async (query) => {
      const response = await (globalThis as unknown as InPage).fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return response.json();
    }, VIEWER_QUERY);
    expect(viewer).toMatchObject({ data: { viewer: { isPlatformAdmin: true } } });

    await openSocket(page, `${panel.url.replace(/^http/, 'ws')}/graphql`);
    const acknowledged = await socketLog(page, 'connection_ack');
    expect(acknowledged.opened).toBe(true);
    // Something happens on the platform: the subscription opened through the cookie streams it.
    const brand = await createBrand();
    await createTenant(admin(), brand.id, 'Seen through the cookie');
    const streamed = await socketLog(page, 'next');
    expect(streamed.closed).toBeNull();
  });

  it('has the API take a WebSocket key from the upgrade request only when connection_init carries none', async () => {
    // What the panel's proxy relies on, asked of the API directly (a browser cannot set these headers).
    const handshake = (headers: Record<string, string>, payload: object) =>
      new Promise<'ack' | number>((resolve) => {
        const socket = new WebSocket(getPlatform().wsUrl, 'graphql-transport-ws', { headers });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
        socket.on('message', (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { type: string }).type !== 'connection_ack') return;
          resolve('ack');
          socket.close();
        });
        socket.on('close', (code: number) => resolve(code));
      });
    const own = { authorization: `Bearer ${adminKey}` };
    await expect(handshake(own, {})).resolves.toBe('ack');
    await expect(handshake({ authorization: 'Bearer hp_nothing_of_ours' }, {})).resolves.toBe(4403);
    await expect(handshake({ authorization: 'Bearer hp_nothing_of_ours' }, own)).resolves.toBe('ack');
  });

  it("refuses another site's POST and WebSocket that carry the cookie, before the API does anything", async () => {
    const cookie = await sessionCookie(page);
    const withCookie = { cookie: `${cookie!.name}=${cookie!.value}` };
    // From the panel's own origin the cookie is the session (the check below refuses the origin, not the cookie).
    const own = await postToPanel(panel, VIEWER_QUERY, { ...withCookie, origin: panel.url });
    expect(own.status).toBe(200);
    expect(own.body.data?.viewer?.apiKeyId).toBeTruthy();

    const name = `csrf-${randomUUID().slice(0, 8)}`;
    const forged = `mutation { createBrand(input: { name: "${name}", baseHostname: "${name}.e2e.test", nsHostnames: ["ns1.${name}.e2e.test", "ns2.${name}.e2e.test"], hostmasterEmail: "h@${name}.e2e.test" }) { brand { id } } }`;
    for (const origin of ['https://attacker.example', getPlatform().apiUrl.replace(/\/graphql$/, ''), 'null']) {
      const refused = await postToPanel(panel, forged, { ...withCookie, origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const missing = await postToPanel(panel, forged, withCookie); // no Origin at all
    expect(missing.status).toBe(403);
    const { rows } = await withDatabase((db) =>
      db.query('SELECT count(*)::int AS n FROM "Brand" WHERE name = $1', [name]),
    );
    expect(rows[0].n).toBe(0);

    // A WebSocket hijack from a real page of another origin (the API's port: the same site to
    // SameSite, so the browser does send the cookie; only the Origin check stands in the way).
    const foreign = await page.context().newPage(); // the same browser: it holds the cookie
    await foreign.goto(`${getPlatform().apiUrl.replace(/\/graphql$/, '')}/healthz`);
    await openSocket(foreign, `${panel.url.replace(/^http/, 'ws')}/graphql`);
    const hijack = await socketLog(foreign, 'closed');
    expect(hijack).toEqual({ opened: false, messages: [], closed: 1006 });

    // The same from Node, with the Origin named: refused at the upgrade; from the panel's origin it opens.
    const upgrade = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${panel.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
          headers: { ...withCookie, origin },
        });
        socket.on('open', () => {
          socket.close();
          resolve('opened');
        });
        socket.on('unexpected-response', () => resolve('refused'));
        socket.on('error', () => resolve('refused'));
      });
    await expect(upgrade('https://attacker.example')).resolves.toBe('refused');
    await expect(upgrade(panel.url)).resolves.toBe('opened');
  });

  it("ends a revoked key's panel session: HTTP is refused and the open subscription is closed", async () => {
    const brand = await createBrand();
    const key = await createKey(['tenants:read'], [brand.id]);
    const own = await panel.newPage({ apiKey: key });
    await own.goto('/login'); // a panel page that opens nothing of its own
    await openSocket(own, `${panel.url.replace(/^http/, 'ws')}/graphql`);
    await socketLog(own, 'connection_ack');
    const cookie = await sessionCookie(own);
    const withCookie = { cookie: `${cookie!.name}=${cookie!.value}`, origin: panel.url };

    const { apiUrl, wsUrl } = getPlatform();
    const self = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: key, webSocketImpl: WebSocket });
    const { viewer } = await self.query(ViewerDocument, {});
    await self.close();
    const { revokeApiKey } = await admin().mutate(RevokeApiKeyDocument, { input: { id: viewer.apiKeyId } });
    expect(revokeApiKey.userErrors).toEqual([]);

    const closed = await socketLog(own, 'closed');
    expect(closed.closed).toBe(4403);
    const after = await postToPanel(panel, VIEWER_QUERY, withCookie);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs out: the cookie is gone and /graphql no longer knows the page', async () => {
    await page.goto('/admin');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await expect(sessionCookie(page)).resolves.toBeUndefined();
    const answer = await page.evaluate(async (query) => {
      const response = await (globalThis as unknown as InPage).fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.json() };
    }, VIEWER_QUERY);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('keeps no cookie for a key the API refuses, nor for a login posted by another site', async () => {
    const fresh = await panel.newPage();
    await fresh.goto('/login');
    await fresh.getByLabel('API key').fill('hp_nothing_of_ours');
    await fresh.getByRole('button', { name: 'Log in' }).click();
    await fresh.getByText('The API does not accept this key').waitFor();
    await expect(sessionCookie(fresh)).resolves.toBeUndefined();

    // Another site logging the browser in with the attacker's own key (login CSRF).
    const forged = await fresh.context().request.post('/session', {
      data: { apiKey: adminKey },
      headers: { origin: 'https://attacker.example' },
    });
    expect(forged.status()).toBe(403);
    await expect(sessionCookie(fresh)).resolves.toBeUndefined();
  });

  it('does not load a mutation from a playground link, and says so', async () => {
    await logIn(page, adminKey);
    const mutation = 'mutation { deleteBrand(id: "QnJhbmQ6eA") { userErrors { message } } }';
    await page.goto(`/playground?${new URLSearchParams({ query: mutation })}`);
    await page.getByRole('alert').getByText('carries a mutation').waitFor();
    await page.locator('.graphiql-query-editor').waitFor();
    await expect(page.locator('.graphiql-query-editor').textContent()).resolves.not.toContain('deleteBrand');
  });
});
