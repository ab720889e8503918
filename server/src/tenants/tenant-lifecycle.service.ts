import {
  UserErrorCode,
  type SuspendTenantInput,
  type TenantMutationResult,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import { tenantRecord } from '../common/records.js';
import { lifecycleOf, refuse, retryTarget, type BeginOptions } from '../resources/lifecycle.js';
import type { OperationOf } from '../resources/registry.js';
import type { ServiceDeps } from '../services.js';
import { findVisibleTenant } from './tenant-access.js';

const MAX_REASON = 500;

/** The tenant protocol (guarded move, workflow, retry) from the registry's Tenant entry. */
function tenantLifecycleKit(deps: ServiceDeps) {
  return lifecycleOf(
    deps,
    'Tenant',
    async (id): Promise<TenantRecord> => tenantRecord(await deps.db.tenant.findUniqueOrThrow({ where: { id } })),
    {
      scope: 'tenants:write',
      find: (viewer, id) => findVisibleTenant(deps.db, viewer, id),
      notFound: 'Tenant not found.',
    },
  );
}

/**
 * Suspend, unsuspend, delete and retry, on the shared lifecycle kit. A tenant-bound key does none
 * of them to its own tenant (server/src/auth/operations.ts says the same): a customer would be
 * undoing the operator's decision.
 */
export class TenantLifecycle {
  private readonly kit: ReturnType<typeof tenantLifecycleKit>;

  constructor(private readonly deps: ServiceDeps) {
    this.kit = tenantLifecycleKit(deps);
  }

  /** Starts the CREATE workflow of a freshly inserted tenant and answers its record. */
  created(id: string): Promise<TenantMutationResult> {
    return this.kit.started(id, 'CREATE');
  }

  async suspend(viewer: Viewer, input: SuspendTenantInput): Promise<TenantMutationResult> {
    const reason = input.reason.trim();
    if (!reason || reason.length > MAX_REASON) {
      return refuse('tenant', 'reason', `reason must be 1 to ${MAX_REASON} characters.`);
    }
    return this.operate(viewer, input.id, 'SUSPEND', { suspendReason: reason });
  }

  unsuspend(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.operate(viewer, id, 'UNSUSPEND');
  }

  delete(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.operate(viewer, id, 'DELETE');
  }

  async retry(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    const found = await this.kit.find(viewer, id);
    if ('refused' in found) return found.refused;
    const target = await retryTarget(this.deps.db, 'Tenant', found.row);
    if ('error' in target) return { tenant: null, userErrors: [target.error] };
    return this.guarded(viewer, found.row, target.operation, { expectFrom: ['FAILED'] });
  }

  private async operate(
    viewer: Viewer,
    id: string,
    operation: OperationOf<'Tenant'>,
    options: BeginOptions = {},
  ): Promise<TenantMutationResult> {
    const found = await this.kit.find(viewer, id);
    return 'refused' in found ? found.refused : this.guarded(viewer, found.row, operation, options);
  }

  private guarded(
    viewer: Viewer,
    row: { id: string; status: string },
    operation: OperationOf<'Tenant'>,
    options: BeginOptions,
  ): Promise<TenantMutationResult> {
    if (viewer.tenantId) {
      const message = 'A tenant-bound API key cannot change its own lifecycle.';
      return Promise.resolve(refuse('tenant', 'id', message, UserErrorCode.FORBIDDEN));
    }
    return this.kit.operate(row, operation, options);
  }
}
