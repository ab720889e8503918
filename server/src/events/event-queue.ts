/** Events waiting for a slow subscriber before it is cut off (it can resubscribe with `after`). */
const MAX_BUFFERED = 10_000;

/**
 * A push-to-pull bridge: the hub pushes, graphql-ws pulls. Bounded, so one stuck client cannot
 * grow the API's memory without limit.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(private readonly onClose: () => void) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= MAX_BUFFERED) {
      this.fail(new Error('Subscriber too slow: resubscribe with `after` set to the last cursor received.'));
      return;
    }
    this.items.push(item);
  }

  fail(error: Error): void {
    this.failure = error;
    this.close();
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
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

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting && this.failure) waiting.reject(this.failure);
    else waiting?.resolve({ value: undefined, done: true });
  }
}
