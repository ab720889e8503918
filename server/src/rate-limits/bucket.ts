// One token bucket per API key: it holds up to `capacity` points and refills `restoreRate` points a
// second; an operation takes its cost from it or is refused with the wait until it would fit.
// RateLimiter keeps them in this process (the per-address throttle of failed authentications, and
// tests); the API's per-key buckets live in PostgreSQL (./shared-bucket.ts), shared by its processes.

export interface RateLimitSettings {
  /** Points a key may spend at once (a burst). */
  capacity: number;
  /** Points a key gets back each second. */
  restoreRate: number;
}

/**
 * A 100-tenant page with brand, shard and nodes costs ~600 points, a mutation ~15: a key may burst
 * to ~16 such pages and keep up ~65 writes a second. Operators raise it by configuration.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { capacity: 10_000, restoreRate: 1_000 };

/** What a response tells its caller about its key's bucket (Shopify's `throttleStatus`). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface TakeOutcome {
  allowed: boolean;
  status: ThrottleStatus;
  /** When refused: seconds until the cost fits (null when it never can: it exceeds the capacity). */
  retryAfterSeconds: number | null;
}

/** Where buckets live: this process (RateLimiter) or PostgreSQL (SharedRateLimiter). */
export interface Limiter {
  readonly settings: RateLimitSettings;
  take(key: string, cost: number): TakeOutcome | Promise<TakeOutcome>;
}

/** Above this many buckets, full ones (idle keys) are dropped: a full bucket is the default anyway. */
const MAX_BUCKETS = 10_000;

export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, { points: number; at: number }>();

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string, cost: number): TakeOutcome {
    const { capacity, restoreRate } = this.settings;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { points: capacity, at: now };
    bucket.points = Math.min(capacity, bucket.points + ((now - bucket.at) / 1000) * restoreRate);
    bucket.at = now;
    const allowed = cost <= bucket.points;
    if (allowed) bucket.points -= cost;
    if (!this.buckets.has(key)) this.remember(key, bucket);
    const status = { maximumAvailable: capacity, currentlyAvailable: Math.floor(bucket.points), restoreRate };
    if (allowed) return { allowed, status, retryAfterSeconds: null };
    const retryAfterSeconds = cost > capacity ? null : Math.ceil((cost - bucket.points) / restoreRate);
    return { allowed, status, retryAfterSeconds };
  }

  private remember(key: string, bucket: { points: number; at: number }): void {
    if (this.buckets.size >= MAX_BUCKETS) {
      const now = this.now();
      const { capacity, restoreRate } = this.settings;
      for (const [other, { points, at }] of this.buckets) {
        if (points + ((now - at) / 1000) * restoreRate >= capacity) this.buckets.delete(other);
      }
    }
    this.buckets.set(key, bucket);
  }
}
