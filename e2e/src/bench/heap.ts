// The API's live JavaScript heap, from a heap snapshot it writes on SIGUSR2 (scripts/bench.mjs
// starts it with --heapsnapshot-signal). A snapshot collects garbage first, so two of them tell
// what subscriptions retain — which RSS cannot: it also counts the heap's headroom, grown once
// by the burst of 1,000 subscribes, and never given back within a benchmark's minute.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

interface Snapshot {
  snapshot: { meta: { node_fields: string[] } };
  nodes: number[];
}

/** Whether the API was started so that it writes heap snapshots (NODE_OPTIONS). */
export const HEAP_SNAPSHOTS = (process.env.NODE_OPTIONS ?? '').includes('--heapsnapshot-signal=SIGUSR2');

/**
 * Live heap of process `pid` in MiB: asks it for a snapshot, waits for the file in `dir` (its
 * working directory), sums it and deletes it.
 */
export async function liveHeapMiB(pid: number, dir: string): Promise<number> {
  const before = new Set(await snapshotsOf(pid, dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 120_000;
  let last = -1;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    const name = (await snapshotsOf(pid, dir)).find((n) => !before.has(n));
    if (!name) continue;
    const file = path.join(dir, name);
    const { size } = await stat(file);
    // V8 writes it in pieces: read it once its size held for a second and it parses.
    if (size === 0 || size !== last) {
      last = size;
      continue;
    }
    const total = selfSizeTotal(await readFile(file, 'utf8'));
    if (total === null) continue;
    await rm(file, { force: true });
    return total / 1024 / 1024;
  }
  throw new Error(`process ${pid} wrote no heap snapshot into ${dir}`);
}

/** Bytes of every node in a snapshot; null while the file is incomplete. */
function selfSizeTotal(text: string): number | null {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
  } catch {
    return null;
  }
  const fields = snapshot.snapshot.meta.node_fields;
  let total = 0;
  for (let i = fields.indexOf('self_size'); i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i]!;
  return total;
}

async function snapshotsOf(pid: number, dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.startsWith('Heap.') && n.includes(`.${pid}.`) && n.endsWith('.heapsnapshot'));
}
