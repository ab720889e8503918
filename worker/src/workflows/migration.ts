// Moving a database or a Valkey instance to another shard. The source keeps serving until the
// target holds a verified copy; only then is the record switched and the source removed. On
// failure the resource is FAILED with the source untouched and still in use (retry runs again).
import { continueAsNew, executeChild, workflowInfo } from '@temporalio/workflow';
import { MIGRATION_CHUNK_BYTES, type MigrationFileDigest } from '@hostplane/contract/data-stores';
import type { DataStoreWorkflowInput, TransferFileWorkflowInput } from '@hostplane/server/temporal';
import type { ResourceRef } from '../activities/data-store.activities.js';
import { userSpec } from './database-lifecycle.js';
import { control, onNode, onNodes, step } from './data-store-steps.js';
import { provisioning } from './steps.js';
import { instanceSpec } from './valkey-lifecycle.js';

/** Chunks per run before continue-as-new: each chunk passes through history twice (~2 MiB). */
const CHUNKS_PER_RUN = 4;

/** Copies a migration file between two nodes' agents, chunk by chunk; returns its size. */
export async function transferMigrationFileWorkflow(input: TransferFileWorkflowInput): Promise<number> {
  let offset = input.offset;
  for (let i = 0; i < CHUNKS_PER_RUN; i++) {
    const chunk = await onNode(input.fromNodeId).readMigrationChunk({ file: input.fromFile, offset });
    await onNode(input.toNodeId).writeMigrationChunk({ file: input.toFile, offset }, chunk);
    offset += chunk.length;
    if (chunk.length < MIGRATION_CHUNK_BYTES) return offset;
  }
  return continueAsNew<typeof transferMigrationFileWorkflow>({ ...input, offset });
}

/** Dump file names of this run: `<name>.<run>.out|in<ext>` (never a path: the agent resolves it). */
function files(name: string, ext: string) {
  const run = workflowInfo().runId.slice(0, 8);
  return { out: `${name}.${run}.out${ext}`, into: `${name}.${run}.in${ext}` };
}

/** Copies the source's dump to every target node (a recorded step per node), as `into`. */
async function copyToTargets(ref: ResourceRef, source: string, targets: string[], out: string, into: string) {
  await Promise.all(
    targets.map((target) =>
      step(ref, 'dump copied', `node ${source} → node ${target}`, () =>
        executeChild(transferMigrationFileWorkflow, {
          workflowId: `${workflowInfo().workflowId}-copy-${target}`,
          args: [{ fromNodeId: source, toNodeId: target, fromFile: out, toFile: into, offset: 0 }],
        }),
      ),
    ),
  );
}

/** Removes this run's dump files wherever they may be (best effort: a leftover is only disk space). */
async function cleanUp(source: string, targets: string[], out: string, into: string) {
  await onNode(source)
    .removeMigrationFile({ file: out })
    .catch(() => undefined);
  await Promise.all(
    targets.map((t) =>
      onNode(t)
        .removeMigrationFile({ file: into })
        .catch(() => undefined),
    ),
  );
}

/**
 * Database: create it on the target, dump the source (checksummed before and after, so writes
 * during the dump are caught), copy, restore, compare the target's checksum with the source's,
 * create the users there, switch, then drop the source — except on nodes that are also targets
 * (source and target shards sharing a node: that copy is the target now).
 */
export async function migrateDatabaseWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'Database', id };
  await provisioning(ref, async () => {
    const plan = await control.loadDatabasePlan(id);
    if (!plan.database.migratingToShardId) throw new Error('no migration target is set');
    const { name, charset, collation } = plan.database;
    const source = plan.nodeIds[0]!;
    const { out, into } = files(name, '.sql.gz');
    try {
      await onNodes(ref, plan.targetNodeIds, 'target database created', (n) =>
        n.ensureDatabase({ name, charset, collation }),
      );
      const { digest, dump } = await step(ref, 'source dumped', `node ${source}`, async () => {
        const before = await onNode(source).checksumDatabase({ name });
        const file: MigrationFileDigest = await onNode(source, true).dumpDatabaseToFile({ name, file: out });
        const after = await onNode(source).checksumDatabase({ name });
        if (before.digest !== after.digest)
          throw new Error('the database changed during the dump; retry when writes pause');
        return { digest: before.digest, dump: file };
      });
      await copyToTargets(ref, source, plan.targetNodeIds, out, into);
      await onNodes(ref, plan.targetNodeIds, 'dump restored and verified', async (n, nodeId) => {
        await onNode(nodeId, true).restoreDatabaseFromFile({ name, file: into, digest: dump });
        const restored = await n.checksumDatabase({ name });
        if (restored.digest !== digest)
          throw new Error(`checksum ${restored.digest} differs from the source's ${digest}`);
        for (const user of plan.users) await n.ensureDatabaseUser(userSpec(plan, user, plan.targetHosts));
      });
      await control.switchShard(ref);
      const leaving = plan.nodeIds.filter((n) => !plan.targetNodeIds.includes(n));
      await onNodes(ref, leaving, 'source dropped', (n) => n.dropDatabase({ name }));
    } finally {
      await cleanUp(source, plan.targetNodeIds, out, into);
    }
  });
}

/**
 * Valkey instance: the instance on the target (a free port there), a fresh RDB snapshot of the
 * source copied over and imported, switch (new shard and port), then the source removed —
 * except on nodes that are also targets (the same process, now the target's).
 */
export async function migrateValkeyInstanceWorkflow({ id }: DataStoreWorkflowInput): Promise<void> {
  const ref: ResourceRef = { type: 'ValkeyInstance', id };
  await provisioning(ref, async () => {
    const plan = await control.loadValkeyPlan(id);
    const port = await control.targetPort(id);
    const { name } = plan.instance;
    const source = plan.nodeIds[0]!;
    const { out, into } = files(name, '.rdb');
    try {
      await onNodes(ref, plan.targetNodeIds, 'target instance running', (n) =>
        n.ensureValkeyInstance(instanceSpec(plan, port)),
      );
      const dump = await step(ref, 'source dumped', `node ${source}`, () =>
        onNode(source, true).dumpValkeyToFile({ name, file: out }),
      );
      await copyToTargets(ref, source, plan.targetNodeIds, out, into);
      await onNodes(ref, plan.targetNodeIds, 'snapshot imported', (_n, nodeId) =>
        onNode(nodeId, true).importValkeyFromFile({ name, file: into, digest: dump }),
      );
      await control.switchShard({ ...ref, port });
      const leaving = plan.nodeIds.filter((n) => !plan.targetNodeIds.includes(n));
      await onNodes(ref, leaving, 'source removed', (n) => n.removeValkeyInstance({ name }));
    } finally {
      await cleanUp(source, plan.targetNodeIds, out, into);
    }
  });
}
