// How tenant suspend, unsuspend and delete cascade to the tenant's webroots: the sites answer
// 503 (or again) on every web node, or are removed with their load-balancer routes. A tenant
// without webroots records nothing here.
import type { TenantPlan } from '../activities/tenant.activities.js';
import { recorderOf } from './steps.js';
import { tenantRef } from './tenant-steps.js';
import { onNodes, updateLoadBalancers, web } from './web-steps.js';

const recorderFor = (plan: TenantPlan) => recorderOf(tenantRef(plan));

/** Re-renders every webroot of the tenant with `suspended` on each web node (503 blocks, apps stopped). */
export async function setTenantSitesSuspended(plan: TenantPlan, suspended: boolean): Promise<void> {
  const sites = await web.loadTenantSites({ tenantId: plan.tenant.id, suspended });
  if (sites.specs.length === 0) return;
  const step = suspended ? 'sites suspended (503)' : 'sites restored';
  await onNodes(recorderFor(plan), step, plan.nodeIds, async (node) => {
    for (const spec of sites.specs) await node.ensureWebroot(spec);
  });
}

/** Unroutes and removes every webroot of a tenant being deleted, then marks them and their FQDNs DELETED. */
export async function removeTenantSites(plan: TenantPlan): Promise<void> {
  const sites = await web.loadTenantSites({ tenantId: plan.tenant.id });
  if (sites.webroots.length === 0) return;
  const record = recorderFor(plan);
  const lb = { clusterId: sites.clusterId, nodeIds: sites.lbNodeIds, backend: '' };
  await updateLoadBalancers(record, lb, { set: [], remove: sites.hostnames });
  await onNodes(record, 'sites removed', plan.nodeIds, async (node) => {
    for (const site of sites.webroots) await node.removeWebroot({ name: site.name, tenant: plan.tenant.name });
  });
  await web.markSitesDeleted({ webrootIds: sites.webroots.map((w) => w.id), withWebroots: true });
}
