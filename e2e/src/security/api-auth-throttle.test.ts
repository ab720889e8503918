// Failed authentications are throttled per client address (server/src/http/auth-throttle.ts), on
// HTTP and WebSocket alike: a list of keys tried from one address meets RATE_LIMITED after
// FAILURE_BURST failures, a valid key from that address included, while other addresses go on.
// Each test comes from a loopback address of its own (the whole 127/8 is loopback on Linux).
import { describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { graphqlPost, rawRequest } from './api-http.js';
import { RawSocket } from './api-ws.js';

const FAILURE_BURST = 20; // server/src/http/auth-throttle.ts

function guessedKey(i: number): string {
  return `hp_${String(i).padStart(12, 'a')}_${'A'.repeat(43)}`;
}

function codeOf(text: string): string | undefined {
  return (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
}

describe('failed authentications', () => {
  it('throttle the address that makes them, over HTTP, valid keys included, and no other address', async () => {
    const attacker = '127.0.0.61';
    for (let i = 0; i < FAILURE_BURST; i++) {
      const answer = await graphqlPost('{ viewer { name } }', guessedKey(i), attacker);
      expect(answer.status).toBe(401);
      expect(codeOf(answer.text)).toBe('UNAUTHENTICATED');
    }
    const throttled = await graphqlPost('{ viewer { name } }', guessedKey(FAILURE_BURST), attacker);
    expect(throttled.status).toBe(429);
    expect(codeOf(throttled.text)).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A key that works is not told apart from the others while the address is throttled...
    const valid = await graphqlPost('{ viewer { name } }', getPlatform().adminKey, attacker);
    expect(valid.status).toBe(429);
    // ...and works from any other address.
    const elsewhere = await graphqlPost('{ viewer { name } }', getPlatform().adminKey, '127.0.0.62');
    expect(elsewhere.status).toBe(200);
  });

  it('cannot be dodged by naming a fresh address per guess in X-Forwarded-For (no proxy is trusted by default)', async () => {
    const attacker = '127.0.0.64';
    const guess = (i: number) =>
      rawRequest({
        body: JSON.stringify({ query: '{ viewer { name } }' }),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${guessedKey(i)}`,
          'x-forwarded-for': `203.0.113.${i + 1}`,
        },
        localAddress: attacker,
      });
    for (let i = 0; i < FAILURE_BURST; i++) expect((await guess(i)).status).toBe(401);
    expect((await guess(FAILURE_BURST)).status).toBe(429);
  });

  it('throttle the address over WebSocket too, and count failures made there', async () => {
    const attacker = '127.0.0.63';
    for (let i = 0; i < FAILURE_BURST; i++) {
      const ws = await RawSocket.open(attacker);
      ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${guessedKey(i)}` } });
      expect((await ws.closed).code).toBe(4403);
    }
    const ws = await RawSocket.open(attacker);
    ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${getPlatform().adminKey}` } });
    expect((await ws.closed).code).toBe(4429);
    // The same address over HTTP: the failures were the address's, not the transport's.
    expect((await graphqlPost('{ viewer { name } }', getPlatform().adminKey, attacker)).status).toBe(429);
  });
});
