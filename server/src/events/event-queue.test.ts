import { describe, expect, it } from 'vitest';
import { EventQueue, MAX_BUFFERED, TOO_SLOW } from './event-queue.js';

describe('EventQueue', () => {
  it('holds a producer back until the subscriber took enough, and releases it when the subscriber leaves', async () => {
    const queue = new EventQueue<number>(() => {});
    for (let i = 0; i < 10; i++) queue.push(i);
    let released = false;
    const drained = queue.drained(5).then(() => (released = true));
    for (let i = 0; i < 5; i++) await queue.next();
    await Promise.resolve();
    expect(released).toBe(false); // 5 still wait
    await queue.next();
    await drained;
    expect(released).toBe(true);

    const waiting = queue.drained(1);
    await queue.return();
    await waiting; // a subscriber that left never keeps a producer waiting
    expect(queue.closed).toBe(true);
  });

  it('cuts off a subscriber that lets more than its bound pile up, and tells it to resubscribe', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++);
    for (let i = 0; i <= MAX_BUFFERED; i++) queue.push(i);
    expect(queue.closed).toBe(true);
    expect(closed).toBe(1);
    for (let i = 0; i < MAX_BUFFERED; i++) await queue.next();
    await expect(queue.next()).rejects.toMatchObject({
      message: TOO_SLOW,
      extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
    });
  });
});
