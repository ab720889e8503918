// How a tenant's delete cascades to its databases and Valkey instances: each is deleted by its own
// delete workflow (run as a child, so the resource records its steps and ends DELETED like any
// delete), all side by side, before the tenant's Linux user goes. Anything left standing fails the
// tenant's delete with the reasons; `retryTenant` runs it again (every step is idempotent).
import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { TenantDataStores, TenantPlan } from '../activities/tenant.activities.js';
import { deleteDatabaseWorkflow } from './database-lifecycle.js';
import { control } from './tenant-steps.js';
import { deleteValkeyInstanceWorkflow } from './valkey-lifecycle.js';

const count = (stores: TenantDataStores) => stores.databases.length + stores.valkeyInstances.length;

export async function removeTenantDataStores(plan: TenantPlan): Promise<void> {
  const tenantId = plan.tenant.id;
  const stores = await control.listTenantDataStores(tenantId);
  if (count(stores) === 0) return;
  const step = 'databases and Valkey instances deleted';
  const record = (state: 'STARTED' | 'SUCCEEDED' | 'FAILED', message: string) =>
    control.recordTenantStep({ tenantId, brandId: plan.tenant.brandId, step, state, message });

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
