// The token buckets of ./bucket.ts kept in PostgreSQL, so every API process spends from the same
// bucket of a key. One statement per take: it refills the row by the time since its last take,
// takes the cost when it fits, and returns what is left, atomically under the row's lock.
import { Prisma, type Db } from '../db/index.js';
import type { RateLimitSettings, TakeOutcome } from './bucket.js';

export class SharedRateLimiter {
  constructor(
    private readonly db: Db,
    readonly settings: RateLimitSettings,
  ) {}

  async take(key: string, cost: number): Promise<TakeOutcome> {
    const { capacity, restoreRate } = this.settings;
    const take = Prisma.sql`${cost}::float8`;
    const cap = Prisma.sql`${capacity}::float8`;
    // In SET, "b" is the row before this take and EXCLUDED."at" this statement's clock.
    const refilled = Prisma.sql`LEAST(${cap}, b."points" + EXTRACT(EPOCH FROM EXCLUDED."at" - b."at") * ${restoreRate}::float8)`;
    const [row] = await this.db.$queryRaw<{ points: number; allowed: boolean }[]>`
      INSERT INTO "RateLimitBucket" AS b ("key", "points", "at", "allowed")
      VALUES (${key}, CASE WHEN ${take} <= ${cap} THEN ${cap} - ${take} ELSE ${cap} END, clock_timestamp(), ${take} <= ${cap})
      ON CONFLICT ("key") DO UPDATE SET
        "points" = CASE WHEN ${take} <= ${refilled} THEN ${refilled} - ${take} ELSE ${refilled} END,
        "allowed" = ${take} <= ${refilled},
        "at" = EXCLUDED."at"
      RETURNING "points", "allowed"`;
    const points = row!.points;
    const status = { maximumAvailable: capacity, currentlyAvailable: Math.floor(points), restoreRate };
    if (row!.allowed) return { allowed: true, status, retryAfterSeconds: null };
    const retryAfterSeconds = cost > capacity ? null : Math.ceil((cost - points) / restoreRate);
    return { allowed: false, status, retryAfterSeconds };
  }
}
