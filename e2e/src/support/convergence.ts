import {
  ConvergeShardDocument,
  GetShardConvergenceDocument,
  ShardChangedDocument,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
  type ShardConvergenceFieldsFragment,
} from '@hostplane/schema/sdk';
import { admin } from './clients.js';

/**
 * Starts a convergence of the shard and waits for its final `convergence` step; returns the
 * run as `Shard.lastConvergence` then shows it, with the shard events the run produced.
 */
export async function convergeAndWait(
  shardId: string,
  c: HostplaneClient = admin(),
  timeoutMs = 60_000,
): Promise<ShardConvergenceFieldsFragment & { events: ResourceEventFieldsFragment[] }> {
  const events: ResourceEventFieldsFragment[] = [];
  // Follow from the shard's newest event: everything the run records comes after it (replayed
  // if the subscription is slower than the run).
  const before = await c.query(GetShardConvergenceDocument, { id: shardId, lastEvents: 1 });
  const after = 'events' in before.node ? (before.node.events[0]?.cursor ?? '0') : '0';
  let stop = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`convergence of ${shardId} did not finish: ${JSON.stringify(events)}`)), timeoutMs);
    stop = c.subscribe(
      ShardChangedDocument,
      { id: shardId, after },
      ({ shardChanged }) => {
        events.push(shardChanged);
        if (shardChanged.step === 'convergence' && shardChanged.stepState !== 'STARTED') {
          clearTimeout(timer);
          resolve();
        }
      },
      reject,
    );
  });
  try {
    const { convergeShard } = await c.mutate(ConvergeShardDocument, { input: { shardId } });
    if (!convergeShard.convergence) throw new Error(JSON.stringify(convergeShard.userErrors));
    await finished;
  } finally {
    stop();
  }
  const { node } = await c.query(GetShardConvergenceDocument, { id: shardId, lastEvents: 1 });
  const run = 'lastConvergence' in node ? node.lastConvergence : null;
  if (!run) throw new Error(`shard ${shardId} has no convergence run`);
  return { ...run, events };
}
