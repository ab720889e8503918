import DataLoader from 'dataloader';
import {
  badInput,
  decodeIdOf,
  forbidden,
  UserErrorCode,
  type ConvergencePort,
  type ConvergeShardResult,
  type ShardConvergenceRecord,
  type Viewer,
} from '@hostplane/schema';
import type { ShardConvergenceModel } from '../db/index.js';
import { CONVERGE_SHARD_WORKFLOW, convergeShardWorkflowId } from '../temporal/contract.js';
import type { ServiceDeps } from '../services.js';
import { refuse } from '../common/refuse.js';

/** Roles convergeShard knows how to rebuild (the worker's convergeShardWorkflow has a branch for each). */
const CONVERGIBLE_ROLES: readonly string[] = ['WEB', 'LB', 'DNS', 'EMAIL'];

const record = (row: ShardConvergenceModel) => row as unknown as ShardConvergenceRecord;

/**
 * Starts and reads shard convergence runs. A run is a row (RUNNING until the workflow records
 * its outcome) and a workflow whose id is derived from the shard: a shard converges once at a
 * time, and a second request while one runs is answered with BUSY.
 */
export class ConvergenceService implements ConvergencePort {
  private readonly latest = new DataLoader<string, ShardConvergenceRecord | null>(async (shardIds) => {
    const rows = await this.deps.db.shardConvergence.findMany({
      where: { shardId: { in: [...shardIds] } },
      orderBy: { startedAt: 'desc' },
      distinct: ['shardId'],
    });
    const byShard = new Map(rows.map((r) => [r.shardId, record(r)]));
    return shardIds.map((id) => byShard.get(id) ?? null);
  });

  constructor(private readonly deps: ServiceDeps) {}

  async lastOf(viewer: Viewer, shardId: string): Promise<ShardConvergenceRecord | null> {
    viewer.require('infrastructure:read');
    return this.latest.load(shardId);
  }

  async recentOf(viewer: Viewer, shardId: string, last: number): Promise<ShardConvergenceRecord[]> {
    viewer.require('infrastructure:read');
    if (!Number.isInteger(last) || last < 1 || last > 20) throw badInput('last must be between 1 and 20.');
    const rows = await this.deps.db.shardConvergence.findMany({
      where: { shardId },
      orderBy: { startedAt: 'desc' },
      take: last,
    });
    return rows.map(record);
  }

  async converge(viewer: Viewer, shardGlobalId: string): Promise<ConvergeShardResult> {
    viewer.require('infrastructure:write');
    if (!viewer.isPlatformAdmin) throw forbidden('converging shards (platform administrators only)');
    const shardId = decodeIdOf('Shard', shardGlobalId);
    const shard = shardId ? await this.deps.db.shard.findUnique({ where: { id: shardId } }) : null;
    if (!shard) return refuse('convergence', 'shardId', 'Shard not found.', UserErrorCode.NOT_FOUND);
    if (!CONVERGIBLE_ROLES.includes(shard.role)) {
      return refuse(
        'convergence',
        'shardId',
        `Shard ${shard.name} is a ${shard.role} shard; only ${CONVERGIBLE_ROLES.join(', ')} shards converge yet.`,
      );
    }
    const running = await this.deps.db.shardConvergence.findFirst({
      where: { shardId: shard.id, status: 'RUNNING' },
    });
    if (running)
      return refuse('convergence', 'shardId', `Shard ${shard.name} is converging already.`, UserErrorCode.BUSY);
    const row = await this.deps.db.shardConvergence.create({ data: { shardId: shard.id } });
    const outcome = await this.deps.workflows.start(CONVERGE_SHARD_WORKFLOW, convergeShardWorkflowId(shard.id), {
      shardId: shard.id,
      convergenceId: row.id,
    });
    if (!outcome.started) {
      await this.deps.db.shardConvergence.delete({ where: { id: row.id } });
      const code = outcome.reason === 'ALREADY_RUNNING' ? UserErrorCode.BUSY : UserErrorCode.INVALID_STATE;
      return refuse('convergence', 'shardId', outcome.message, code);
    }
    this.deps.logger.info({ shardId: shard.id, convergenceId: row.id }, 'shard convergence started');
    return { convergence: record(row), userErrors: [] };
  }
}
