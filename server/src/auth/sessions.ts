// Open WebSocket sessions by API key. A key is checked once, at connection_init; without this a
// revoked key's open subscriptions would go on streaming. A revocation ends them at once (NOTIFY
// from whichever API process revoked it), and a sweep re-checks every open session's key after
// the LISTEN connection was lost and every SWEEP_MS — a missed notification delays, never skips.
import type { Db } from '../db/index.js';
import type { Logger } from '../logger.js';

const SWEEP_MS = 30_000;

export class ApiKeySessions {
  private readonly sessions = new Map<string, Set<() => void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Registers an open session of `apiKeyId`; `end` closes it. Returns the function that forgets it. */
  track(apiKeyId: string, end: () => void): () => void {
    let ends = this.sessions.get(apiKeyId);
    if (!ends) this.sessions.set(apiKeyId, (ends = new Set()));
    ends.add(end);
    return () => {
      ends.delete(end);
      if (ends.size === 0 && this.sessions.get(apiKeyId) === ends) this.sessions.delete(apiKeyId);
    };
  }

  get size(): number {
    let count = 0;
    for (const ends of this.sessions.values()) count += ends.size;
    return count;
  }

  /** Ends every open session of the key (null: re-check them all, see `sweep`). */
  revoked(apiKeyId: string | null): void {
    if (apiKeyId === null) {
      void this.sweep();
      return;
    }
    const ends = this.sessions.get(apiKeyId);
    if (!ends) return;
    this.sessions.delete(apiKeyId);
    this.logger.info({ apiKeyId, sessions: ends.size }, 'API key revoked: closing its sessions');
    for (const end of ends) end();
  }

  /** Ends the sessions of every tracked key that is no longer usable (revoked or gone). */
  async sweep(): Promise<void> {
    const ids = [...this.sessions.keys()];
    if (ids.length === 0) return;
    try {
      const usable = await this.db.apiKey.findMany({
        where: { id: { in: ids }, revokedAt: null },
        select: { id: true },
      });
      const keep = new Set(usable.map((key) => key.id));
      for (const id of ids) if (!keep.has(id)) this.revoked(id);
    } catch (error) {
      this.logger.warn({ err: error }, 'API key session sweep failed; next one retries');
    }
  }
}
