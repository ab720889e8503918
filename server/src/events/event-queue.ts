import { GraphQLError } from 'graphql';

/** Events waiting for a slow subscriber before it is cut off (it can resubscribe with `after`). */
export const MAX_BUFFERED = 10_000;

/** What a subscriber that fell behind is told; it loses nothing by resubscribing. */
export const TOO_SLOW = 'Subscriber too slow: resubscribe with `after` set to the last cursor received.';

/** The error a cut-off subscriber gets: its own code, so clients resubscribe instead of giving up. */
export const tooSlow = (): GraphQLError => new GraphQLError(TOO_SLOW, { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });

/**
 * A push-to-pull bridge: the hub pushes, graphql-ws pulls. Bounded, so one stuck client cannot
 * grow the API's memory without limit.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private drainers: Array<{ below: number; resolve: () => void }> = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private done = false;
  /** Set by `pipeTo`: items go straight to it instead of waiting for `next`. */
  private sink: ((item: T) => void) | null = null;
  private pace: (() => Promise<void>) | null = null;
  private ended: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly onClose: () => void) {}

  push(item: T): void {
    if (this.done) return;
    if (this.sink) {
      this.sink(item);
      return;
    }
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= MAX_BUFFERED) {
      this.fail(tooSlow());
      return;
    }
    this.items.push(item);
  }

  fail(error: Error): void {
    this.failure = error;
    this.close();
  }

  /** Whether the subscriber is gone (or was cut off): a producer stops feeding it. */
  get closed(): boolean {
    return this.done;
  }

  /**
   * Resolves once fewer than `below` events wait (or the queue closed): a replay reading history
   * in batches feeds the subscriber at its own pace instead of filling the buffer to its cut-off.
   */
  drained(below: number): Promise<void> {
    if (this.done) return Promise.resolve();
    if (this.pace) return this.pace();
    if (this.items.length < below) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push({ below, resolve }));
  }

  /**
   * Hands every item to `sink` from now on (those waiting first), in order, as it is pushed — the
   * WebSocket fast path (./direct-delivery.ts); `pace` then decides when a replay reads on.
   * Resolves when the queue closes, rejects with the reason it failed (a subscriber too slow).
   */
  pipeTo(sink: (item: T) => void, pace: () => Promise<void>): Promise<void> {
    if (!this.ended) {
      let resolve = () => {};
      let reject: (e: Error) => void = () => {};
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.ended = { promise, resolve, reject };
    }
    this.sink = sink;
    this.pace = pace;
    for (const item of this.items.splice(0)) sink(item);
    this.wakeDrainers();
    if (this.done) this.settleEnded();
    return this.ended.promise;
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) {
      this.wakeDrainers();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    this.items = [];
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private wakeDrainers(): void {
    if (this.drainers.length === 0) return;
    const ready = this.drainers.filter((d) => this.done || this.items.length < d.below);
    this.drainers = this.drainers.filter((d) => !ready.includes(d));
    for (const d of ready) d.resolve();
  }

  private settleEnded(): void {
    if (this.failure) this.ended?.reject(this.failure);
    else this.ended?.resolve();
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.wakeDrainers();
    this.settleEnded();
    this.onClose();
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting && this.failure) waiting.reject(this.failure);
    else waiting?.resolve({ value: undefined, done: true });
  }
}
