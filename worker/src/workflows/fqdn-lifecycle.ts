// FQDN workflows: bind and unbind a host name. Each takes `{ id }` and leaves the outcome in the
// FQDN's status: ACTIVE / DELETED, or FAILED with a statusMessage.
import type { WebResourceWorkflowInput } from '@hostplane/server/temporal';
import { patched } from '@temporalio/workflow';
import { removeCertificateOfFqdn, startAutomaticCertificate } from './certificate-lifecycle.js';
import { syncManagedDnsRecords } from './dns-lifecycle.js';
import { hostnameControlProven } from './hostname-control.js';
import { failing, NOT_GONE, provisioning, recorderOf, setStatus, statusOf } from './steps.js';
import { onNodes, updateLoadBalancers, web } from './web-steps.js';

/**
 * PENDING (until control of the name is proven, when the binding needs that) → PROVISIONING →
 * nginx on every web node of the shard serves the name (the webroot's server block re-rendered
 * with it) → the load balancers route it (runtime API, no reload) → ACTIVE.
 */
export async function bindFqdnWorkflow({ id }: WebResourceWorkflowInput): Promise<void> {
  const ref = { type: 'Fqdn' as const, id };
  // Binds started before the proof existed replay without it (workflow versioning).
  if (patched('hostname-control')) {
    let proven = false;
    await failing(ref, ['PENDING'], async () => {
      proven = await hostnameControlProven(ref);
    });
    if (!proven) return;
  }
  await provisioning(ref, async () => {
    const { fqdn, plan } = await web.loadFqdnPlan(id);
    const record = recorderOf(ref);
    await onNodes(record, 'nginx server names updated', plan.webNodeIds, (node) => node.ensureWebroot(plan.spec));
    await updateLoadBalancers(record, plan.lb, { set: [fqdn.hostname], remove: [] });
    // Binds started before managed DNS records existed replay without them.
    if (patched('dns-managed-records')) await syncManagedDnsRecords(record, id);
  });
  // Routed: its certificate (TLS AUTOMATIC) is issued through the load balancers it now reaches.
  if (patched('certificates') && (await statusOf(ref)) === 'ACTIVE') await startAutomaticCertificate(id);
}

/**
 * DELETING → the load balancers stop routing the name first (no request reaches a node that no
 * longer serves it) → nginx on every web node drops it → DELETED.
 */
export async function unbindFqdnWorkflow({ id }: WebResourceWorkflowInput): Promise<void> {
  const ref = { type: 'Fqdn' as const, id };
  if (!(await setStatus(ref, 'DELETING', NOT_GONE))) return;
  await failing(ref, ['DELETING'], async () => {
    const { fqdn, plan } = await web.loadFqdnPlan(id);
    const record = recorderOf(ref);
    await updateLoadBalancers(record, plan.lb, { set: [], remove: [fqdn.hostname] });
    if (patched('dns-managed-records')) await syncManagedDnsRecords(record, id);
    if (patched('certificates')) await removeCertificateOfFqdn(id);
    if (plan.webroot.status !== 'DELETING' && plan.webroot.status !== 'DELETED') {
      await onNodes(record, 'nginx server names updated', plan.webNodeIds, (node) => node.ensureWebroot(plan.spec));
    }
    await setStatus(ref, 'DELETED', ['DELETING']);
  });
}
