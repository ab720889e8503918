import {
  UserErrorCode,
  type SuspendTenantInput,
  type TenantMutationResult,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import { tenantRecord } from '../common/records.js';
import { beginOperation, refusedInState, refuse, retryTarget, startOperation } from '../resources/lifecycle.js';
import type { OperationOf } from '../resources/registry.js';
import type { ServiceDeps } from '../services.js';
import { findVisibleTenant } from './tenant-access.js';

type TenantOperation = OperationOf<'Tenant'>;

const MAX_REASON = 500;

/**
 * Starts the tenant's workflow for `operation`; if Temporal refuses, the tenant lands FAILED so
 * it can be retried, and that row is returned.
 */
export async function startTenantOperation(
  deps: ServiceDeps,
  tenant: TenantRecord,
  operation: TenantOperation,
): Promise<TenantRecord> {
  if (await startOperation(deps, 'Tenant', tenant.id, operation)) return tenant;
  return (await deps.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })) as TenantRecord;
}

/**
 * Suspend, unsuspend, delete and retry. Each first wins a guarded status transition in the
 * database (so of two concurrent submits exactly one proceeds), then starts the workflow whose
 * id is derived from the tenant id (the registry's Tenant entry).
 */
export class TenantLifecycle {
  constructor(private readonly deps: ServiceDeps) {}

  async suspend(viewer: Viewer, input: SuspendTenantInput): Promise<TenantMutationResult> {
    const reason = input.reason.trim();
    if (!reason || reason.length > MAX_REASON) {
      return refuse('tenant', 'reason', `reason must be 1 to ${MAX_REASON} characters.`);
    }
    return this.transition(viewer, input.id, 'SUSPEND', { suspendReason: reason });
  }

  unsuspend(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.transition(viewer, id, 'UNSUSPEND');
  }

  delete(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    return this.transition(viewer, id, 'DELETE');
  }

  async retry(viewer: Viewer, id: string): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    const tenant = await findVisibleTenant(this.deps.db, viewer, id);
    if (!tenant) return refuse('tenant', 'id', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    const retry = await retryTarget(this.deps.db, 'Tenant', tenant);
    if ('error' in retry) return { tenant: null, userErrors: [retry.error] };
    return this.transition(viewer, id, retry.operation, { expectFrom: ['FAILED'] });
  }

  private async transition(
    viewer: Viewer,
    id: string,
    operation: TenantOperation,
    options: { suspendReason?: string; expectFrom?: ['FAILED'] } = {},
  ): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    if (viewer.tenantId && operation !== 'CREATE') {
      return refuse('tenant', 'id', 'A tenant-bound API key cannot change its own lifecycle.', UserErrorCode.FORBIDDEN);
    }
    const tenant = await findVisibleTenant(this.deps.db, viewer, id);
    if (!tenant) return refuse('tenant', 'id', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    if (!(await beginOperation(this.deps.db, 'Tenant', tenant.id, operation, options))) {
      return { tenant: null, userErrors: [refusedInState('Tenant', operation, tenant.status)] };
    }
    const row = await this.deps.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    return { tenant: await startTenantOperation(this.deps, tenantRecord(row), operation), userErrors: [] };
  }
}
