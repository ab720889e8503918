import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthThrottle, FAILURE_BURST, SECONDS_PER_FAILURE } from './auth-throttle.js';

// A manual clock (ms) and an authenticate that accepts only `good`.
function setup() {
  const clock = { now: 0 };
  const throttle = new AuthThrottle(() => clock.now);
  let checked = 0;
  const authenticate = async (credential: string | undefined) => {
    checked += 1;
    if (credential !== 'good') throw new GraphQLError('Invalid API key.', { extensions: { code: 'UNAUTHENTICATED' } });
    return 'viewer';
  };
  return { clock, throttle, authenticate, checks: () => checked };
}

const codeOf = (error: unknown) => (error as GraphQLError).extensions.code;

describe('AuthThrottle', () => {
  it('refuses an address after FAILURE_BURST failures, before looking at its key, until one failure is back', async () => {
    const { clock, throttle, authenticate, checks } = setup();
    for (let i = 0; i < FAILURE_BURST; i++) {
      expect(codeOf(await throttle.guard('10.0.0.1', 'bad', authenticate).catch((e: unknown) => e))).toBe(
        'UNAUTHENTICATED',
      );
    }
    const refused = await throttle.guard('10.0.0.1', 'good', authenticate).catch((e: unknown) => e);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect((refused as GraphQLError).extensions).toMatchObject({ http: { status: 429 } });
    expect(checks()).toBe(FAILURE_BURST); // the refused attempt was not checked
    await expect(throttle.guard('10.0.0.2', 'good', authenticate)).resolves.toBe('viewer');
    clock.now = SECONDS_PER_FAILURE * 1000;
    await expect(throttle.guard('10.0.0.1', 'good', authenticate)).resolves.toBe('viewer');
  });

  it('charges nothing for a request without a credential, nor for a success', async () => {
    const { throttle, authenticate } = setup();
    for (let i = 0; i < FAILURE_BURST * 2; i++) {
      expect(codeOf(await throttle.guard('10.0.0.1', undefined, authenticate).catch((e: unknown) => e))).toBe(
        'UNAUTHENTICATED',
      );
      await throttle.guard('10.0.0.1', 'good', authenticate);
    }
    await expect(throttle.guard('10.0.0.1', 'good', authenticate)).resolves.toBe('viewer');
  });
});
