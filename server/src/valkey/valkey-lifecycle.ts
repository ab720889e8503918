import {
  UserErrorCode,
  type CreateValkeyInstanceInput,
  type MigrateValkeyInstanceInput,
  type UpdateValkeyInstanceInput,
  type ValkeyInstanceMutationResult,
  type Viewer,
} from '@hostplane/schema';
import { DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB, DEFAULT_VALKEY_PORT_RANGE } from '@hostplane/contract/data-stores';
import { insertNamed } from '../data-stores/insert.js';
import { withBrand } from '../data-stores/ownership.js';
import { resolvePlacement, resolveShard } from '../data-stores/placement.js';
import type { DbTx } from '../db/index.js';
import type { ServiceDeps } from '../services.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { enforceValkeyMemory, QuotaExceeded, withinQuota } from '../plans/quota.js';
import { choosePort, memoryProblem, usageOfShard, type ValkeyLimits } from './valkey-capacity.js';
import type { ValkeyReads } from './valkey-reads.js';
import { valkeyInstanceRecord } from './valkey-records.js';

type Result = ValkeyInstanceMutationResult;

/** Thrown inside an allocation transaction to roll it back with a userError. */
class Refused extends Error {
  constructor(readonly result: Result) {
    super('refused');
  }
}

/** Create, update, delete, retry and migrate Valkey instances. */
export class ValkeyLifecycle {
  private readonly kit;
  private readonly limits: ValkeyLimits;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: ValkeyReads,
  ) {
    this.limits = deps.valkeyLimits ?? {
      portRange: DEFAULT_VALKEY_PORT_RANGE,
      memoryAllowanceMb: DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB,
    };
    this.kit = lifecycleOf(
      deps,
      'ValkeyInstance',
      async (id) =>
        valkeyInstanceRecord(await deps.db.valkeyInstance.findUniqueOrThrow({ where: { id }, include: withBrand })),
      {
        scope: 'valkey:write',
        find: (viewer, id) => this.reads.findInstance(viewer, id),
        notFound: 'Valkey instance not found.',
      },
    );
  }

  async create(viewer: Viewer, input: CreateValkeyInstanceInput): Promise<Result> {
    viewer.require('valkey:write');
    const placement = await resolvePlacement(this.deps.db, viewer, input, 'VALKEY');
    if ('userErrors' in placement) return { valkeyInstance: null, userErrors: placement.userErrors };
    const { tenant, shardId } = placement;
    try {
      const row = await insertNamed(this.deps.db, 'ValkeyInstance', tenant.brandId, 'kv_', async (tx, name) => {
        const usage = await usageOfShard(tx, shardId);
        const tooMuch = memoryProblem(usage, this.limits, input.maxMemoryMb);
        if (tooMuch) throw new Refused(refuse('valkeyInstance', 'maxMemoryMb', tooMuch));
        const port = choosePort(usage, this.limits);
        if (port === null)
          throw new Refused(
            refuse('valkeyInstance', 'shardId', 'The shard has no free Valkey port left.', UserErrorCode.INVALID_STATE),
          );
        const evictionPolicy = input.evictionPolicy ?? 'noeviction';
        return tx.valkeyInstance.create({
          data: { name, tenantId: tenant.id, shardId, port, maxMemoryMb: input.maxMemoryMb, evictionPolicy },
        });
      });
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof Refused) return error.result;
      if (error instanceof QuotaExceeded) return error.refusal('valkeyInstance');
      throw error;
    }
  }

  async update(viewer: Viewer, input: UpdateValkeyInstanceInput): Promise<Result> {
    viewer.require('valkey:write');
    const instance = await this.reads.findInstance(viewer, input.id);
    if (!instance) return refuse('valkeyInstance', 'id', 'Valkey instance not found.', UserErrorCode.NOT_FOUND);
    if (input.maxMemoryMb == null && input.evictionPolicy == null) {
      return refuse(
        'valkeyInstance',
        'maxMemoryMb',
        'Give a new maxMemoryMb or evictionPolicy.',
        UserErrorCode.REQUIRED,
      );
    }
    if (input.maxMemoryMb != null) {
      const maxMemoryMb = input.maxMemoryMb;
      const usage = await this.deps.db.$transaction((tx) => usageOfShard(tx, instance.shardId, instance.id));
      const tooMuch = memoryProblem(usage, this.limits, maxMemoryMb);
      if (tooMuch) return refuse('valkeyInstance', 'maxMemoryMb', tooMuch);
    }
    const data = {
      ...(input.maxMemoryMb != null ? { maxMemoryMb: input.maxMemoryMb } : {}),
      ...(input.evictionPolicy != null ? { evictionPolicy: input.evictionPolicy } : {}),
    };
    // The plan's memory is checked in the transaction of the move itself (race-free).
    const withinPlan = async (tx: DbTx) => {
      if (input.maxMemoryMb != null) await enforceValkeyMemory(tx, instance.tenantId, instance.id, input.maxMemoryMb);
      return data;
    };
    return withinQuota('valkeyInstance', () => this.kit.operate(instance, 'UPDATE', { data: withinPlan }));
  }

  delete(viewer: Viewer, id: string): Promise<Result> {
    return this.kit.operateById(viewer, id, 'DELETE');
  }

  retry(viewer: Viewer, id: string): Promise<Result> {
    return this.kit.retry(viewer, id);
  }

  async migrate(viewer: Viewer, input: MigrateValkeyInstanceInput): Promise<Result> {
    viewer.require('valkey:write');
    const instance = await this.reads.findInstance(viewer, input.id);
    if (!instance) return refuse('valkeyInstance', 'id', 'Valkey instance not found.', UserErrorCode.NOT_FOUND);
    const target = await resolveShard(this.deps.db, 'VALKEY', input.shardId);
    if ('userErrors' in target) return { valkeyInstance: null, userErrors: target.userErrors };
    if (target.shardId === instance.shardId)
      return refuse('valkeyInstance', 'shardId', 'The instance already lives on that shard.');
    const tooMuch = await this.deps.db.$transaction(async (tx) =>
      memoryProblem(await usageOfShard(tx, target.shardId, instance.id), this.limits, instance.maxMemoryMb),
    );
    if (tooMuch) return refuse('valkeyInstance', 'shardId', tooMuch, UserErrorCode.INVALID_STATE);
    return this.kit.operate(instance, 'MIGRATE', { data: { migratingToShardId: target.shardId } });
  }
}
