import { ms, percentile } from './stats.js';

/** Samples of named hops, reported in the order they were first added. */
export class Hops {
  private readonly samples = new Map<string, number[]>();

  add(hop: string, value: number): void {
    if (!Number.isFinite(value)) return;
    let list = this.samples.get(hop);
    if (!list) this.samples.set(hop, (list = []));
    list.push(value);
  }

  rows(): [string, string][] {
    return [...this.samples].map(([hop, values]) => [
      hop,
      `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}  (n=${values.length})`,
    ]);
  }

  report(title: string): void {
    process.stdout.write(`${title}\n`);
    for (const [k, v] of this.rows()) process.stdout.write(`    ${k.padEnd(46)} ${v}\n`);
  }
}
