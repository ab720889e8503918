import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { ShardConvergenceRecord } from './convergence.type.js';

export interface ConvergeShardResult {
  convergence: ShardConvergenceRecord | null;
  userErrors: UserError[];
}

/** Shard convergence: `infrastructure:write` to start, `infrastructure:read` to read. */
export interface ConvergencePort {
  converge(viewer: Viewer, shardId: string): Promise<ConvergeShardResult>;
  /** The newest run of a shard (raw shard id), batched per request; null when it never ran. */
  lastOf(viewer: Viewer, shardId: string): Promise<ShardConvergenceRecord | null>;
  /** The newest `last` runs of a shard (raw shard id), newest first. */
  recentOf(viewer: Viewer, shardId: string, last: number): Promise<ShardConvergenceRecord[]>;
}
