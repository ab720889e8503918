import pg from 'pg';
import type { Db } from '../db/index.js';
import type { Logger } from '../logger.js';
import type { EventRecord } from '@hostplane/schema';
import { API_KEY_REVOKED_CHANNEL, EVENTS_CHANNEL } from './channel.js';
import { epochNow, stampRead, TRACE_EVENTS } from './trace.js';

type Listener = (event: EventRecord) => void;
/** Called with a revoked key's id, or with null after a reconnect (notifications may be missed). */
type RevocationListener = (apiKeyId: string | null) => void;

const BATCH = 500;
/** Safety net: read the table even without a NOTIFY (a missed doorbell delays, never loses). */
const TICK_MS = 2_000;
const RECONNECT_MS = 1_000;

/**
 * One LISTEN connection per API process. Each doorbell (NOTIFY, reconnect or tick) reads every
 * event after the last cursor seen, in order, and hands it to the in-process listeners.
 */
export class EventHub {
  private listeners = new Set<Listener>();
  private revocationListeners = new Set<RevocationListener>();
  private client: pg.Client | null = null;
  private lastCursor = 0n;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private connectedBefore = false;
  /** When the doorbell last rang (tracing only): the drain it starts stamps its events with it. */
  private rungAt = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** The newest cursor already dispatched: subscribers replay from the table up to here. */
  get cursor(): bigint {
    return this.lastCursor;
  }

  async start(): Promise<void> {
    const newest = await this.db.event.findFirst({ orderBy: { cursor: 'desc' }, select: { cursor: true } });
    this.lastCursor = newest?.cursor ?? 0n;
    await this.connect();
    this.timer = setInterval(() => this.ring(), TICK_MS);
    this.timer.unref();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Key revocations from any API process (the same LISTEN connection carries them). */
  onApiKeyRevoked(listener: RevocationListener): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.client?.end().catch(() => undefined);
    await this.draining;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== API_KEY_REVOKED_CHANNEL) return this.ring();
      for (const listener of this.revocationListeners) listener(message.payload ?? null);
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event LISTEN connection lost; reconnecting');
      this.client = null;
      client.end().catch(() => undefined);
      setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
    const reconnected = this.connectedBefore;
    this.connectedBefore = true;
    this.client = client;
    this.ring(); // whatever happened while we were away
    if (reconnected) for (const listener of this.revocationListeners) listener(null);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.connect();
    } catch (error) {
      this.logger.warn({ err: error }, 'event LISTEN reconnect failed; retrying');
      setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
    }
  }

  /** Coalesces doorbells: at most one drain runs, and one more is queued if rung meanwhile. */
  private ring(): void {
    if (this.stopped) return;
    if (TRACE_EVENTS) this.rungAt = epochNow();
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'event drain failed'))
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.ring();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rungAt = this.rungAt;
      const rows = (await this.db.event.findMany({
        where: { cursor: { gt: this.lastCursor } },
        orderBy: { cursor: 'asc' },
        take: BATCH,
      })) as EventRecord[];
      const readAt = TRACE_EVENTS ? epochNow() : 0;
      for (const event of rows) {
        if (TRACE_EVENTS) stampRead(event, rungAt, readAt);
        this.lastCursor = event.cursor;
        for (const listener of this.listeners) listener(event);
      }
      if (rows.length < BATCH) return;
    }
  }
}
