// Tenant lifecycle workflows (names in the server's Temporal contract). Each takes
// `{ tenantId }`, reads everything else from the database through activities, and leaves the
// outcome in the tenant's status: ACTIVE / SUSPENDED / DELETED, or FAILED with a statusMessage.
import type { TenantWorkflowInput } from '@hostplane/server/temporal';
import { patched } from '@temporalio/workflow';
import { removeTenantEgressRules } from './egress-rule-lifecycle.js';
import { removeTenantSshKeys, setTenantSshSuspended } from './ssh-key-lifecycle.js';
import { removeTenantDnsZones, syncServiceHostnames } from './dns-lifecycle.js';
import { removeCronJobsOf, setTenantCronSchedules } from './cron-job-lifecycle.js';
import { setTenantDaemonsSuspended } from './daemon-lifecycle.js';
import { removeTenantMail, syncTenantMail } from './mail-tenant.js';
import { failing, NOT_GONE, provisioning, recorderOf, setStatus } from './steps.js';
import { removeTenantDataStores, syncTenantDataStoreAccess } from './tenant-data-stores.js';
import { removeTenantSites, setTenantSitesSuspended } from './tenant-sites.js';
import { control, onTenantNodes, tenantRef } from './tenant-steps.js';

/** PENDING (or FAILED, on retry) → PROVISIONING → Linux user on every node → ACTIVE. */
export async function createTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const ref = tenantRef(tenantId);
  await provisioning(ref, async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name, uid } = plan.tenant;
    await onTenantNodes(plan, 'linux user created', (node) => node.ensureTenantUser({ name, uid }));
    // Creates started before brands' zones existed replay without the look.
    if (patched('dns-service-hostnames')) await syncServiceHostnames(recorderOf(ref), tenantId);
  });
}

/**
 * Locks the account, turns its sites to 503 on every node and locks its database and Valkey
 * logins → SUSPENDED, keeping the suspendReason the API stored.
 */
export async function suspendTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const ref = tenantRef(tenantId);
  await failing(ref, NOT_GONE, async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name } = plan.tenant;
    // First: no tick starts a run while the rest is taken down (a run re-checks the tenant too).
    await setTenantCronSchedules(plan, true);
    await onTenantNodes(plan, 'linux user locked', (node) => node.lockTenantUser({ name }));
    await setTenantSshSuspended(plan, true);
    await setTenantSitesSuspended(plan, true);
    // Suspends begun before daemons followed their tenant replay without it.
    if (patched('daemons-follow-suspension')) await setTenantDaemonsSuspended(tenantId, true);
    await syncTenantDataStoreAccess(plan, true);
    // Suspends started before mail existed replay without the look.
    if (patched('mail-tenant')) await syncTenantMail(recorderOf(ref), true, tenantId);
    await setStatus(ref, 'SUSPENDED', NOT_GONE);
  });
}

/** Unlocks the account, restores its sites and its data store logins → ACTIVE, clearing the suspendReason. */
export async function unsuspendTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const ref = tenantRef(tenantId);
  await failing(ref, NOT_GONE, async () => {
    const plan = await control.loadTenantPlan(tenantId);
    const { name } = plan.tenant;
    await onTenantNodes(plan, 'linux user unlocked', (node) => node.unlockTenantUser({ name }));
    await setTenantSitesSuspended(plan, false);
    if (patched('daemons-follow-suspension')) await setTenantDaemonsSuspended(tenantId, false);
    await syncTenantDataStoreAccess(plan, false);
    await setTenantSshSuspended(plan, false);
    await setTenantCronSchedules(plan, false);
    if (patched('mail-tenant')) await syncTenantMail(recorderOf(ref), false, tenantId);
    await setStatus(ref, 'ACTIVE', NOT_GONE, { suspendReason: null });
  });
}

/**
 * DELETING → sites unrouted and removed, databases and Valkey instances deleted, then user, group
 * and home removed on every node → DELETED.
 */
export async function deleteTenantWorkflow({ tenantId }: TenantWorkflowInput): Promise<void> {
  const ref = tenantRef(tenantId);
  if (!(await setStatus(ref, 'DELETING', NOT_GONE))) return; // already DELETED
  await failing(ref, ['DELETING'], async () => {
    // A shard without nodes has nothing to remove: a tenant whose create failed there can still go.
    const plan = await control.loadTenantPlan(tenantId, { requireNodes: false });
    const { name } = plan.tenant;
    await removeCronJobsOf({ tenantId });
    await removeTenantSites(plan);
    await removeTenantDataStores(plan);
    await removeTenantEgressRules(plan);
    await removeTenantSshKeys(plan);
    // Before its zones: the mail records leave them with the mail (deletes from before mail replay without it).
    if (patched('mail-tenant')) await removeTenantMail(recorderOf(ref), tenantId);
    // Deletes started before hosted zones existed replay without the look (its zones free their names).
    if (patched('dns-tenant-zones')) await removeTenantDnsZones(tenantId);
    if (patched('dns-service-hostnames')) await syncServiceHostnames(recorderOf(ref), tenantId);
    await onTenantNodes(plan, 'linux user removed', (node) => node.removeTenantUser({ name }));
    await setStatus(ref, 'DELETED', ['DELETING']);
  });
}
