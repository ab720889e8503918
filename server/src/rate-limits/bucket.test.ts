import { describe, expect, it } from 'vitest';
import { RateLimiter } from './bucket.js';

// A manual clock (ms): the bucket's arithmetic, without waiting for real time.
function limiter(capacity: number, restoreRate: number) {
  const clock = { now: 0 };
  return { clock, limiter: new RateLimiter({ capacity, restoreRate }, () => clock.now) };
}

describe('RateLimiter', () => {
  it('lets a key spend its capacity at once, then refuses with the wait until the cost fits', () => {
    const { limiter: l } = limiter(100, 10);
    expect(l.take('k', 60).allowed).toBe(true);
    expect(l.take('k', 40)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    const refused = l.take('k', 25);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 3 });
    expect(refused.status).toEqual({ maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 10 });
  });

  it('refills at the restore rate, never above the capacity', () => {
    const { clock, limiter: l } = limiter(100, 10);
    l.take('k', 100);
    clock.now = 2_500;
    expect(l.take('k', 25)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    clock.now = 1_000_000;
    expect(l.take('k', 0).status.currentlyAvailable).toBe(100);
  });

  it('keeps one bucket per key', () => {
    const { limiter: l } = limiter(10, 1);
    expect(l.take('a', 10).allowed).toBe(true);
    expect(l.take('a', 1).allowed).toBe(false);
    expect(l.take('b', 10).allowed).toBe(true);
  });

  it('refuses for good what costs more than the capacity, saying no wait helps', () => {
    const { limiter: l } = limiter(10, 1);
    expect(l.take('k', 11)).toMatchObject({ allowed: false, retryAfterSeconds: null });
    expect(l.take('k', 10).allowed).toBe(true); // the refusal took nothing
  });
});
