import {
  userError,
  UserErrorCode,
  type SuspendTenantInput,
  type TenantMutationResult,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import type { ResourceStatus } from '../db/index.js';
import { startOperationWorkflow } from '../events/operations.js';
import { setResourceStatus } from '../events/status.js';
import { tenantWorkflowId, tenantWorkflowName, type TenantOperation } from '../temporal/contract.js';
import type { ServiceDeps } from '../services.js';
import { tenantRecord } from '../common/records.js';
import { findVisibleTenant } from './tenant-access.js';

/** Which statuses each operation may start from, and the status it moves the tenant to at once. */
const TRANSITIONS: Record<TenantOperation, { from: ResourceStatus[]; to: ResourceStatus }> = {
  CREATE: { from: ['FAILED'], to: 'PENDING' },
  SUSPEND: { from: ['ACTIVE'], to: 'PENDING' },
  UNSUSPEND: { from: ['SUSPENDED'], to: 'PENDING' },
  DELETE: { from: ['ACTIVE', 'SUSPENDED', 'FAILED'], to: 'DELETING' },
};

const MAX_REASON = 500;

/**
 * Suspend, unsuspend, delete and retry. Each first wins a guarded status transition in the
 * database (so of two concurrent submits exactly one proceeds), then starts the workflow whose
 * id is derived from the tenant id.
 */
export class TenantLifecycle {
  constructor(protected readonly deps: ServiceDeps) {}

  async suspend(viewer: Viewer, input: SuspendTenantInput): Promise<TenantMutationResult> {
    const reason = input.reason.trim();
    if (!reason || reason.length > MAX_REASON) {
      return this.refuse('reason', `reason must be 1 to ${MAX_REASON} characters.`);
    }
    return this.transition(viewer, input.id, 'SUSPEND', { suspendReason: reason });
  }

  unsuspend(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.transition(viewer, id, 'UNSUSPEND', {});
  }

  delete(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.transition(viewer, id, 'DELETE', {});
  }

  async retry(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    const tenant = await findVisibleTenant(this.deps.db, viewer, id);
    if (!tenant) return this.refuse('id', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    if (tenant.status !== 'FAILED') {
      return this.refuse(
        'id',
        `Only a FAILED tenant can be retried (it is ${tenant.status}).`,
        UserErrorCode.INVALID_STATE,
      );
    }
    const operation = tenant.lastOperation as TenantOperation;
    const target = operation === 'DELETE' ? 'DELETING' : 'PENDING';
    return this.transition(viewer, id, operation, {}, { from: ['FAILED'], to: target });
  }

  private async transition(
    viewer: Viewer,
    id: string,
    operation: TenantOperation,
    extra: { suspendReason?: string },
    rule = TRANSITIONS[operation],
  ): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    if (viewer.tenantId && operation !== 'CREATE') {
      return this.refuse('id', 'A tenant-bound API key cannot change its own lifecycle.', UserErrorCode.FORBIDDEN);
    }
    const tenant = await findVisibleTenant(this.deps.db, viewer, id);
    if (!tenant) return this.refuse('id', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    const moved = await setResourceStatus(this.deps.db, {
      resourceType: 'Tenant',
      resourceId: tenant.id,
      status: rule.to,
      statusMessage: null,
      lastOperation: operation,
      expectFrom: rule.from,
      ...extra,
    });
    if (!moved) {
      return this.refuse(
        'id',
        `Cannot ${operation.toLowerCase()} a tenant that is ${tenant.status}.`,
        UserErrorCode.INVALID_STATE,
      );
    }
    const row = await this.deps.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    return { tenant: await this.startLifecycle(tenantRecord(row), operation), userErrors: [] };
  }

  /** Starts the operation's workflow; if Temporal refuses, the tenant lands FAILED so it can be retried. */
  protected async startLifecycle(tenant: TenantRecord, operation: TenantOperation): Promise<TenantRecord> {
    const started = await startOperationWorkflow(this.deps, {
      type: 'Tenant',
      id: tenant.id,
      operation,
      workflowName: tenantWorkflowName[operation],
      workflowId: tenantWorkflowId(operation, tenant.id),
      input: { tenantId: tenant.id },
    });
    if (started) return tenant;
    return (await this.deps.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })) as TenantRecord;
  }

  protected refuse(field: string, message: string, code = UserErrorCode.INVALID): TenantMutationResult {
    return { tenant: null, userErrors: [userError(field, message, code)] };
  }
}
