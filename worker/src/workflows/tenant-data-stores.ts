// How a tenant's suspend, unsuspend and delete cascade to its databases and Valkey instances.
// Suspend locks every database account and disables every Valkey user (their open sessions end);
// unsuspend lets them in again — each store's accounts are re-synced from the database, where the
// tenant's suspension is read. Delete runs each store's own delete workflow as a child (so the
// resource records its steps and ends DELETED like any delete), all side by side, before the
// tenant's Linux user goes; anything left standing fails the tenant's delete with the reasons, and
// `retryTenant` runs it again (every step is idempotent).
import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { TenantDataStores, TenantPlan } from '../activities/tenant.activities.js';
import { deleteDatabaseWorkflow, syncAccounts } from './database-lifecycle.js';
import { recorderOf } from './steps.js';
import { control, tenantRef } from './tenant-steps.js';
import { deleteValkeyInstanceWorkflow, syncUsers } from './valkey-lifecycle.js';

const count = (stores: TenantDataStores) => stores.databases.length + stores.valkeyInstances.length;

const recorder = (plan: TenantPlan, step: string) => (state: 'STARTED' | 'SUCCEEDED' | 'FAILED', message: string) =>
  recorderOf(tenantRef(plan))(step, state, message);

/**
 * Re-syncs the accounts of the tenant's ACTIVE databases and Valkey instances, which read the
 * tenant's suspension (locked / disabled while it is suspended). Stores still being created or
 * migrated sync their accounts themselves, from the same reading, when they get there.
 */
export async function syncTenantDataStoreAccess(plan: TenantPlan, suspended: boolean): Promise<void> {
  const stores = await control.listTenantDataStores(plan.tenant.id);
  const databases = stores.databases.filter((store) => store.status === 'ACTIVE');
  const instances = stores.valkeyInstances.filter((store) => store.status === 'ACTIVE');
  if (databases.length + instances.length === 0) return;
  const record = recorder(plan, suspended ? 'data store logins locked' : 'data store logins restored');
  const names = [...databases, ...instances].map((store) => store.name).join(', ');
  await record('STARTED', names);
  const results = await Promise.allSettled([
    ...databases.map(({ id }) => syncAccounts({ type: 'Database', id }, id)),
    ...instances.map(({ id }) => syncUsers({ type: 'ValkeyInstance', id }, id)),
  ]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  if (failures.length === 0) return record('SUCCEEDED', names);
  await record('FAILED', failures.join('; '));
  throw new Error(`data store logins: ${failures.join('; ')}`);
}

export async function removeTenantDataStores(plan: TenantPlan): Promise<void> {
  const tenantId = plan.tenant.id;
  const stores = await control.listTenantDataStores(tenantId);
  if (count(stores) === 0) return;
  const record = recorder(plan, 'databases and Valkey instances deleted');

  const names = [...stores.databases, ...stores.valkeyInstances].map((store) => store.name);
  await record('STARTED', names.join(', '));
  // Child ids under this workflow's own: a delete the customer started meanwhile keeps its id,
  // and the two converge (both drop idempotently; the status guard lets one mark it DELETED).
  const parent = workflowInfo().workflowId;
  await Promise.all([
    ...stores.databases.map(({ id, name }) =>
      executeChild(deleteDatabaseWorkflow, { args: [{ id }], workflowId: `${parent}/${name}` }),
    ),
    ...stores.valkeyInstances.map(({ id, name }) =>
      executeChild(deleteValkeyInstanceWorkflow, { args: [{ id }], workflowId: `${parent}/${name}` }),
    ),
  ]);

  // The children leave failures in their resources' status (FAILED with the reason), not as errors.
  const left = await control.listTenantDataStores(tenantId);
  if (count(left) === 0) {
    await record('SUCCEEDED', names.join(', '));
    return;
  }
  const reasons = [...left.databases, ...left.valkeyInstances]
    .map((store) => `${store.name} is ${store.status}${store.statusMessage ? `: ${store.statusMessage}` : ''}`)
    .join('; ');
  await record('FAILED', reasons);
  throw new Error(`could not delete every data store: ${reasons}`);
}
