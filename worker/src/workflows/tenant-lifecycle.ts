// Tenant lifecycle workflows (names in the server's Temporal contract). Each takes
// `{ tenantId }`, reads everything else from the database through activities, and leaves the
// outcome in the tenant's status: ACTIVE / SUSPENDED / DELETED, or FAILED with a statusMessage.
import type { TenantWorkflowInput } from '@hostplane/server/temporal';
import { control, failingTo, NOT_GONE, onEveryNode } from './tenant-steps.js';
import { removeTenantDataStores, syncTenantDataStoreAccess } from './tenant-data-stores.js';
import { removeTenantSites, setTenantSitesSuspended } from './tenant-sites.js';

/** PENDING (or FAILED, on retry) → PROVISIONING → Linux user on every node → ACTIVE. */
export async function createTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const started = await control.setTenantStatus({
    tenantId,
    status: 'PROVISIONING',
    statusMessage: null,
    expectFrom: ['PENDING', 'FAILED'],
  });
  if (!started) return; // already ACTIVE, or being deleted: nothing to provision
  await failingTo(tenantId, ['PROVISIONING'], async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name, uid } = plan.tenant;
    await onEveryNode(plan, 'linux user created', (node) => node.ensureTenantUser({ name, uid }));
    await control.setTenantStatus({
      tenantId,
      status: 'ACTIVE',
      statusMessage: null,
      expectFrom: ['PROVISIONING'],
    });
  });
}

/**
 * Locks the account, turns its sites to 503 on every node and locks its database and Valkey
 * logins → SUSPENDED, keeping the suspendReason the API stored.
 */
export async function suspendTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  await failingTo(tenantId, NOT_GONE, async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name } = plan.tenant;
    await onEveryNode(plan, 'linux user locked', (node) => node.lockTenantUser({ name }));
    await setTenantSitesSuspended(plan, true);
    await syncTenantDataStoreAccess(plan, true);
    await control.setTenantStatus({
      tenantId,
      status: 'SUSPENDED',
      statusMessage: null,
      expectFrom: NOT_GONE,
    });
  });
}

/** Unlocks the account, restores its sites and its data store logins → ACTIVE, clearing the suspendReason. */
export async function unsuspendTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  await failingTo(tenantId, NOT_GONE, async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name } = plan.tenant;
    await onEveryNode(plan, 'linux user unlocked', (node) => node.unlockTenantUser({ name }));
    await setTenantSitesSuspended(plan, false);
    await syncTenantDataStoreAccess(plan, false);
    await control.setTenantStatus({
      tenantId,
      status: 'ACTIVE',
      statusMessage: null,
      suspendReason: null,
      expectFrom: NOT_GONE,
    });
  });
}

/**
 * DELETING → sites unrouted and removed, databases and Valkey instances deleted, then user, group
 * and home removed on every node → DELETED.
 */
export async function deleteTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const started = await control.setTenantStatus({
    tenantId,
    status: 'DELETING',
    statusMessage: null,
    expectFrom: NOT_GONE,
  });
  if (!started) return; // already DELETED
  await failingTo(tenantId, ['DELETING'], async () => {
    // A shard without nodes has nothing to remove: a tenant whose create failed there can still go.
    const plan = await control.loadTenantPlan(tenantId, { requireNodes: false });
    const { name } = plan.tenant;
    await removeTenantSites(plan);
    await removeTenantDataStores(plan);
    await onEveryNode(plan, 'linux user removed', (node) => node.removeTenantUser({ name }));
    await control.setTenantStatus({ tenantId, status: 'DELETED', expectFrom: ['DELETING'] });
  });
}
