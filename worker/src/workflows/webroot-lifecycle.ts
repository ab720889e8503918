// Webroot workflows (names in the server's Temporal contract). Each takes `{ id }`, reads the
// webroot from the database through activities, and leaves the outcome in its status: ACTIVE /
// DELETED, or FAILED with a statusMessage.
import { patched } from '@temporalio/workflow';
import type { WebResourceWorkflowInput } from '@hostplane/server/temporal';
import { failing, NOT_GONE, provisioning, recorderOf, setStatus } from './steps.js';
import { onNodes, updateLoadBalancers, web } from './web-steps.js';
import { removeCronJobsOf } from './cron-job-lifecycle.js';
import { syncServiceHostnames } from './dns-lifecycle.js';

/**
 * Create and update: PENDING → PROVISIONING → folder, php-fpm pool or app, and nginx server
 * block on every web node of the shard (one validated reload each) → service hostname routed
 * (or unrouted) on the load balancers → ACTIVE.
 */
export async function syncWebrootWorkflow({ id }: WebResourceWorkflowInput): Promise<void> {
  const ref = { type: 'Webroot' as const, id };
  await provisioning(ref, async () => {
    const plan = await web.loadWebrootPlan(id);
    const record = recorderOf(ref);
    await onNodes(record, 'site configured', plan.webNodeIds, (node) => node.ensureWebroot(plan.spec));
    const unrouted = plan.routed.includes(plan.serviceHostname) ? [] : [plan.serviceHostname];
    await updateLoadBalancers(record, plan.lb, { set: plan.routed, remove: unrouted });
    // Its service hostname in the brand's zone (runs from before it replay without the step).
    if (patched('dns-webroot-service-hostnames')) await syncServiceHostnames(record, { webrootId: id });
  });
}

/**
 * DELETING → host names unrouted on the load balancers → server block, pool or app and folder
 * removed on every web node → its FQDNs and the webroot DELETED.
 */
export async function deleteWebrootWorkflow({ id }: WebResourceWorkflowInput): Promise<void> {
  const ref = { type: 'Webroot' as const, id };
  if (!(await setStatus(ref, 'DELETING', NOT_GONE))) return; // already DELETED
  await failing(ref, ['DELETING'], async () => {
    const plan = await web.loadWebrootPlan(id);
    const record = recorderOf(ref);
    await removeCronJobsOf({ webrootId: id });
    await updateLoadBalancers(record, plan.lb, { set: [], remove: plan.allHostnames });
    const target = { name: plan.webroot.name, tenant: plan.webroot.tenantName };
    await onNodes(record, 'site removed', plan.webNodeIds, (node) => node.removeWebroot(target));
    // DELETING already: the brand's zone is written without its service hostname.
    if (patched('dns-webroot-service-hostnames')) await syncServiceHostnames(record, { webrootId: id });
    await web.markSitesDeleted({ webrootIds: [id], withWebroots: false });
    await setStatus(ref, 'DELETED', ['DELETING']);
  });
}
