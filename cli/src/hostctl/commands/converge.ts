import type { Command } from 'commander';
import {
  ConvergeShardDocument,
  GetShardConvergenceDocument,
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
      // Subscribe before starting: the run's events must not slip past between the two.
      const finished = options.watch ? followRun(client, shardId) : null;
      const { convergeShard } = await client.mutate(ConvergeShardDocument, { input: { shardId } });
      if (convergeShard.userErrors.length) finished?.cancel();
      assertNoUserErrors(convergeShard.userErrors);
      let run = convergeShard.convergence!;
      if (finished) {
        note(`convergence ${run.id} started, watching…`);
        await finished.done;
        const { node } = await client.query(GetShardConvergenceDocument, { id: shardId, lastEvents: 1 });
        run = ('lastConvergence' in node ? node.lastConvergence : null) ?? run;
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

/** Prints the shard's live events until the run's final `convergence` step arrives. */
function followRun(client: HostplaneClient, shardId: string) {
  let stop = () => {};
  const done = new Promise<void>((resolve, reject) => {
    stop = client.subscribe(
      ShardChangedDocument,
      { id: shardId, after: null },
      ({ shardChanged: event }) => {
        note(formatEvent(event));
        if (event.step === 'convergence' && event.stepState !== 'STARTED') {
          stop();
          resolve();
        }
      },
      reject,
    );
  });
  return { done, cancel: () => stop() };
}

function printRun(run: ShardConvergenceFieldsFragment, format: Runtime['output']): void {
  if (format === 'json') return printJson(run);
  printFields({ convergence: run.id, status: run.status, started: run.startedAt, finished: run.finishedAt });
  if (run.errors.length === 0) return;
  printTable(run.errors, [
    { header: 'RESOURCE', value: (e) => e.resource },
    { header: 'NODE', value: (e) => e.node ?? '' },
    { header: 'ERROR', value: (e) => e.message },
  ]);
}
