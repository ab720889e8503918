import type { Command } from 'commander';
import {
  ConvergeShardDocument,
  GetShardDocument,
  ListShardsDocument,
  ShardChangedDocument,
  type HostplaneClient,
  type ShardConvergenceFieldsFragment,
} from '@hostplane/schema/sdk';
import { EXIT, ExitCodeError, UsageError } from '../errors.js';
import { formatEvent, note, printFields, printJson, printTable } from '../output.js';
import { assertNoUserErrors, describeOperation } from '../results.js';
import type { Runtime } from '../runtime.js';

/** `hostctl converge-shard <shard>`: rebuild a WEB or LB shard from the database. */
export function registerConvergeCommands(program: Command, runtime: Runtime): void {
  program
    .command('converge-shard')
    .description(describeOperation('ConvergeShard'))
    .argument('<shard>', 'shard name (e.g. local-web) or global id')
    .option('-w, --watch', 'follow the run until it finishes (exit 1 if anything failed)')
    .action(async (shard: string, options: { watch?: boolean }) => {
      const client = runtime.client();
      const shardId = await resolveShard(client, shard);
      // Follow from the shard's newest event, subscribed before starting: whatever the run
      // records comes after it, replayed if the subscription is slower than the run.
      const { shard: before } = await client.query(GetShardDocument, {
        id: shardId,
        lastEvents: 1,
      });
      const finished = options.watch ? followRun(client, shardId, before.events[0]?.cursor ?? '0') : null;
      const { convergeShard } = await client.mutate(ConvergeShardDocument, { input: { shardId } });
      if (convergeShard.userErrors.length) finished?.cancel();
      assertNoUserErrors(convergeShard.userErrors);
      let run = convergeShard.convergence!;
      if (finished) {
        note(`convergence ${run.id} started, watching…`);
        await finished.waitFor(run.id);
        const { shard } = await client.query(GetShardDocument, {
          id: shardId,
          lastEvents: 1,
          lastRuns: 20,
        });
        run = shard.convergences.find((r) => r.id === run.id) ?? run;
      }
      printRun(run, runtime.output);
      if (run.ok === false) throw new ExitCodeError(EXIT.FAILED);
    });
}

/** A shard's global id from its name (or the id itself). */
async function resolveShard(client: HostplaneClient, nameOrId: string): Promise<string> {
  const { shards } = await client.query(ListShardsDocument, {});
  const found = shards.find((s) => s.name === nameOrId || s.id === nameOrId);
  if (!found) throw new UsageError(`No shard named ${nameOrId} (known: ${shards.map((s) => s.name).join(', ')}).`);
  return found.id;
}

/**
 * Prints the shard's events (from `after`) and remembers which runs ended; `waitFor(id)`
 * resolves once run `id` has (its final `convergence` step names it: `run <id>: …`), even if
 * that event arrived before the caller knew the id.
 */
function followRun(client: HostplaneClient, shardId: string, after: string) {
  const ended = new Set<string>();
  let wake = () => {};
  let failure: unknown = null;
  const stop = client.subscribe(
    ShardChangedDocument,
    { id: shardId, after },
    ({ shardChanged: event }) => {
      note(formatEvent(event));
      const run = /^run ([0-9a-f-]{36}):/.exec(event.message ?? '')?.[1];
      if (run && event.step === 'convergence' && event.stepState !== 'STARTED') ended.add(run);
      wake();
    },
    (error) => {
      failure = error;
      wake();
    },
  );
  const waitFor = (id: string) =>
    new Promise<void>((resolve, reject) => {
      wake = () => {
        if (failure) reject(failure instanceof Error ? failure : new Error(String(failure)));
        else if (ended.has(id)) resolve();
      };
      wake();
    }).finally(stop);
  return { waitFor, cancel: stop };
}

function printRun(run: ShardConvergenceFieldsFragment, format: Runtime['output']): void {
  if (format === 'json') return printJson(run);
  printFields({
    convergence: run.id,
    status: run.status,
    started: run.startedAt,
    finished: run.finishedAt,
  });
  if (run.errors.length === 0) return;
  printTable(run.errors, [
    { header: 'RESOURCE', value: (e) => e.resource },
    { header: 'NODE', value: (e) => e.node ?? '' },
    { header: 'ERROR', value: (e) => e.message },
  ]);
}
