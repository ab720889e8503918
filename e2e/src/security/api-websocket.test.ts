// The WebSocket path is held to what HTTP is held to (server/src/http/websocket.ts): one subscribe
// message cannot freeze the API, frames are bounded before anyone authenticates, a socket that
// never authenticates is closed, open operations are capped per socket and per key, and internal
// error text never reaches the client.
import { ViewerDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { client, closeClients, createBrand, createKey } from '../support/clients.js';
import { codesOf, RawSocket } from './api-ws.js';

/** A subscription whose fragments form a chain, each link spreading the next twice: 2^links walks naively. */
function fragmentChain(links: number): string {
  let source = 'subscription { events { ...F0 } }';
  for (let i = 0; i < links; i++) source += ` fragment F${i} on ResourceEvent { ...F${i + 1} ...F${i + 1} }`;
  return `${source} fragment F${links} on ResourceEvent { cursor }`;
}

const LIVE_EVENTS = 'subscription { events { cursor } }';
// The API's caps (server/src/http/websocket.ts).
const PER_SOCKET = 25;
const PER_KEY = 100;

describe('the API over WebSocket', () => {
  let brandId: string;
  const sockets: RawSocket[] = [];
  const track = (s: RawSocket) => (sockets.push(s), s);
  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await closeClients();
  });

  it('refuses a 2^40 fragment chain at once, and answers other requests meanwhile', async () => {
    const secret = await createKey(['tenants:read'], [brandId]);
    const ws = track(await RawSocket.ready(secret));
    const started = Date.now();
    ws.subscribe('chain', fragmentChain(40));
    // Before the fix the API priced the chain before validating it: the event loop never came back.
    const other = client(secret).query(ViewerDocument);
    const refusal = await ws.errorOf('chain', 10_000);
    expect(codesOf(refusal)).toContain('GRAPHQL_VALIDATION_FAILED');
    await expect(other).resolves.toMatchObject({ viewer: { brandIds: [brandId] } });
    expect(Date.now() - started).toBeLessThan(10_000); // the naive walk took days
  });

  it('closes a socket that sends a frame over 1 MiB, before it authenticates', async () => {
    const ws = track(await RawSocket.open());
    // A well-formed connection_init: before the fix it was read whole (ws allows 100 MiB) and answered 4403.
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(2 * 1024 * 1024) } }));
    expect((await ws.closed).code).toBe(1009); // Message Too Big
  });

  it('closes a socket that never sends connection_init', async () => {
    const ws = track(await RawSocket.open());
    const opened = Date.now();
    expect(await ws.closed).toMatchObject({ code: 4408 });
    expect(Date.now() - opened).toBeLessThan(15_000); // 3 s, plus a loaded machine's slack
  });

  it('refuses the operation past the cap of a socket, then of a key, with TOO_MANY_SUBSCRIPTIONS', async () => {
    const secret = await createKey(['tenants:read'], [brandId]);
    const mine: RawSocket[] = [];
    const own = (s: RawSocket) => (mine.push(s), track(s));
    const first = own(await RawSocket.ready(secret));
    for (let i = 0; i < PER_SOCKET; i++) first.subscribe(`s${i}`, LIVE_EVENTS);
    first.subscribe('over-socket', LIVE_EVENTS);
    expect(codesOf(await first.errorOf('over-socket'))).toEqual(['TOO_MANY_SUBSCRIPTIONS']);

    // Fill the key's allowance over more sockets; the next one, on a fresh socket, is refused.
    for (let n = 1; n < PER_KEY / PER_SOCKET; n++) {
      const ws = own(await RawSocket.ready(secret));
      for (let i = 0; i < PER_SOCKET; i++) ws.subscribe(`s${i}`, LIVE_EVENTS);
      // A ping answered means every subscribe before it was taken in.
      ws.send({ type: 'ping' });
      await ws.waitFor((m) => m.type === 'pong', 10_000);
    }
    const last = own(await RawSocket.ready(secret));
    last.subscribe('over-key', LIVE_EVENTS);
    expect(codesOf(await last.errorOf('over-key'))).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    // None of the allowed ones was refused, and completing one frees its place.
    expect(mine.flatMap((s) => s.messages).filter((m) => m.type === 'error' && !m.id?.startsWith('over'))).toEqual([]);
    first.send({ type: 'complete', id: 's0' });
    // Two sockets keep no order between them: the complete is taken in once `first` answers a ping.
    first.send({ type: 'ping' });
    await first.waitFor((m) => m.type === 'pong', 10_000);
    last.subscribe('fits', LIVE_EVENTS);
    last.send({ type: 'ping' });
    await last.waitFor((m) => m.type === 'pong', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(last.messages.filter((m) => m.id === 'fits')).toEqual([]);

    // Another key is not held back by this one's subscriptions.
    const other = track(await RawSocket.ready(await createKey(['tenants:read'], [brandId])));
    other.subscribe('own', LIVE_EVENTS);
    other.send({ type: 'ping' });
    await other.waitFor((m) => m.type === 'pong', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(other.messages.filter((m) => m.id === 'own')).toEqual([]);
  });

  it('masks internal errors as HTTP does: a code and an id, no server text', async () => {
    const ws = track(await RawSocket.ready(getPlatform().adminKey));
    // A cursor past PostgreSQL's bigint: the replay query fails inside the database client.
    ws.subscribe('replay', 'subscription { events(after: "9999999999999999999") { cursor } }');
    const failed = await ws.errorOf('replay');
    const [error] = failed.payload as { message: string; extensions?: { code?: string; errorId?: string } }[];
    expect(error!.extensions).toMatchObject({ code: 'INTERNAL', errorId: expect.any(String) });
    expect(error!.message).toBe(`Internal error (id ${error!.extensions!.errorId}).`);
    expect(JSON.stringify(failed)).not.toMatch(/prisma|invocation|bigint|node_modules|\/src\//i);
  });
});
