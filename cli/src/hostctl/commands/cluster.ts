import type { Command } from 'commander';
import { ApplyClusterDocument } from '@hostplane/schema/sdk';
import { readClusterFile } from '../cluster-file.js';
import { note, printJson } from '../output.js';
import { assertNoUserErrors, describeOperation } from '../results.js';
import type { Runtime } from '../runtime.js';

/** `hostctl cluster apply -f <file>`: converge a region/cluster/shards/nodes from YAML. */
export function registerClusterCommands(program: Command, runtime: Runtime): void {
  const cluster = program.command('cluster').description('Regions, clusters, shards and nodes.');

  cluster
    .command('apply')
    .description(`${describeOperation('ApplyCluster')} Prints what changed.`)
    .requiredOption('-f, --file <path>', 'cluster YAML file (see infra/cluster.example.yaml)')
    .action(async (options: { file: string }) => {
      const input = await readClusterFile(options.file);
      const { applyCluster } = await runtime.client().mutate(ApplyClusterDocument, { input });
      assertNoUserErrors(applyCluster.userErrors);
      if (runtime.output === 'json') return printJson({ changes: applyCluster.changes, cluster: applyCluster.cluster });
      const lines = applyCluster.changes.length ? applyCluster.changes : ['no changes'];
      process.stdout.write(`${lines.join('\n')}\n`);
      const applied = applyCluster.cluster;
      if (applied) {
        note(
          `cluster ${applied.region.name}/${applied.name}: ${applied.shards.length} shards, ${applied.nodes.length} nodes`,
        );
      }
    });
}
