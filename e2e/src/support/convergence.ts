import {
  ConvergeShardDocument,
  GetShardDocument,
  ShardChangedDocument,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
  type ShardConvergenceFieldsFragment,
} from '@hostplane/schema/sdk';
import { admin } from './clients.js';
import { withinTest } from './watch.js';

/** The final `convergence` step of run `id` (its message starts with `run <id>:`). */
const isEndOf = (id: string) => (e: ResourceEventFieldsFragment) =>
  e.step === 'convergence' && e.stepState !== 'STARTED' && (e.message ?? '').startsWith(`run ${id}:`);

/**
 * Starts a convergence of the shard and waits for its final step; returns the run as
 * `Shard.convergences` then shows it, with the shard events seen meanwhile. Test files share
 * the platform: a shard that another file converges right now answers BUSY, so it asks again.
 */
export async function convergeAndWait(
  shardId: string,
  c: HostplaneClient = admin(),
  timeoutMs = 60_000,
): Promise<ShardConvergenceFieldsFragment & { events: ResourceEventFieldsFragment[] }> {
  const events: ResourceEventFieldsFragment[] = [];
  let changed = () => {};
  // Follow from the shard's newest event: whatever the run records comes after it (replayed if
  // the subscription is slower than the run).
  const before = await c.query(GetShardDocument, { id: shardId, lastEvents: 1 });
  let failed: unknown = null;
  let runId = '';
  const stop = c.subscribe(
    ShardChangedDocument,
    { id: shardId, after: before.shard.events[0]?.cursor ?? '0' },
    ({ shardChanged }) => {
      events.push(shardChanged);
      changed();
    },
    (error) => {
      failed = error;
      changed();
    },
  );
  try {
    let { convergeShard } = await c.mutate(ConvergeShardDocument, { input: { shardId } });
    for (let i = 0; i < 20 && convergeShard.userErrors[0]?.code === 'BUSY'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      ({ convergeShard } = await c.mutate(ConvergeShardDocument, { input: { shardId } }));
    }
    if (!convergeShard.convergence) throw new Error(JSON.stringify(convergeShard.userErrors));
    runId = convergeShard.convergence.id;
    const done = isEndOf(runId);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`convergence of ${shardId} did not finish: ${JSON.stringify(events)}`)),
        withinTest(timeoutMs),
      );
      changed = () => {
        if (failed) reject(failed instanceof Error ? failed : new Error(String(failed)));
        else if (events.some(done)) resolve();
        else return;
        clearTimeout(timer);
      };
      changed();
    });
  } finally {
    stop();
  }
  const { shard } = await c.query(GetShardDocument, { id: shardId, lastEvents: 1, lastRuns: 20 });
  const run = shard.convergences.find((r) => r.id === runId);
  if (!run) throw new Error(`shard ${shardId} has no convergence run ${runId}`);
  return { ...run, events };
}
