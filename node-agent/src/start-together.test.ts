import { describe, expect, it } from 'vitest';
import { startTogether } from './start-together.js';

const part = (name: string, closed: string[], delayMs = 0) =>
  new Promise<{ name: string; close(): Promise<void> }>((resolve) =>
    setTimeout(() => resolve({ name, close: async () => void closed.push(name) }), delayMs),
  );

describe('startTogether', () => {
  it('gives the started parts in the order asked, whichever finished first', async () => {
    const closed: string[] = [];
    const [a, b] = await startTogether([part('a', closed, 20), part('b', closed)]);
    expect([a.name, b.name]).toEqual(['a', 'b']);
    expect(closed).toEqual([]);
  });

  it('closes the parts that started when another failed, then throws its failure', async () => {
    const closed: string[] = [];
    const failing = Promise.reject(new Error('dovecot would not start'));
    await expect(startTogether([part('a', closed), failing, part('c', closed, 20)])).rejects.toThrow(
      'dovecot would not start',
    );
    expect(closed.sort()).toEqual(['a', 'c']);
  });
});
