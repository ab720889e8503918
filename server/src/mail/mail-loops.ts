// A change that would close a loop through aliases and forwards (issue 13): Postfix would pass such
// mail round and round until it gives up and the agent refuses a spec with one, so the API refuses
// the alias or forward that would close it (the worker still drops one edge of a loop that rows
// changed into later: worker/src/mail/routable.ts). Loops span tenants too: targets may be any
// hosted address.
import type { Db } from '../db/index.js';

const WANTED = { status: { notIn: ['DELETING' as const, 'DELETED' as const] } };

/** How far a chain of aliases and forwards is followed (each step is two indexed queries). */
const MAX_DEPTH = 32;

/**
 * The path `self → … → self` that giving `self` these targets would close, following live
 * aliases and mailbox forwards breadth-first; null when there is none.
 */
export async function loopThrough(db: Db, self: string, targets: readonly string[]): Promise<string[] | null> {
  const pathTo = new Map<string, string[]>();
  for (const t of targets) {
    if (t === self) return [self, self];
    pathTo.set(t, [self, t]);
  }
  let frontier = [...pathTo.keys()];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const where = { address: { in: frontier }, ...WANTED };
    const [aliases, boxes] = await Promise.all([
      db.mailAlias.findMany({ where, select: { address: true, targets: true } }),
      db.mailbox.findMany({ where, select: { address: true, forwardTo: true } }),
    ]);
    const edges = [
      ...aliases.map((a) => [a.address, a.targets] as const),
      ...boxes.map((b) => [b.address, b.forwardTo] as const),
    ];
    const next: string[] = [];
    for (const [from, to] of edges) {
      for (const t of to) {
        if (t === self) return [...pathTo.get(from)!, self];
        if (pathTo.has(t)) continue;
        pathTo.set(t, [...pathTo.get(from)!, t]);
        next.push(t);
      }
    }
    frontier = next;
  }
  return null;
}
