// The tenant workflows' mail steps and the mail shard's convergence: each applies the whole spec
// of the nodes concerned through their one sync (./mail-node-sync.ts). Deterministic code.
import { syncZonesManagedRecords } from './dns-lifecycle.js';
import { scheduleMailDataRemoval } from './mail-lifecycle.js';
import { mailControl, requestMailNodeSync } from './mail-node-sync.js';
import { describeFailure, onEveryNode, type StepRecorder } from './steps.js';

/**
 * The tenant suspend's and unsuspend's step: its domains stop (or resume) receiving — senders get
 * 4xx and retry, so nothing is lost or bounced while suspended — and its mailboxes' logins are
 * refused (or allowed again). Nothing to do for a tenant without mail.
 */
export async function syncTenantMail(record: StepRecorder, suspended: boolean, tenantId: string): Promise<void> {
  const { nodeIds } = await mailControl.tenantMailTargets(tenantId);
  await onEveryNode(record, suspended ? 'mail suspended' : 'mail restored', nodeIds, requestMailNodeSync);
}

/**
 * The tenant delete's step: its mail leaves every node's spec at once (the tenant is DELETING),
 * its records leave its zones, its domains, mailboxes and aliases are DELETED; stored mail goes
 * after the grace period.
 */
export async function removeTenantMail(record: StepRecorder, tenantId: string): Promise<void> {
  const { nodeIds, zoneIds } = await mailControl.tenantMailTargets(tenantId);
  if (zoneIds.length === 0) return;
  await onEveryNode(record, 'mail removed', nodeIds, requestMailNodeSync);
  await syncZonesManagedRecords(record, zoneIds);
  const addresses = await mailControl.markTenantMailDeleted(tenantId);
  await scheduleMailDataRemoval({ type: 'Tenant', id: tenantId }, nodeIds, addresses);
}

/**
 * A mail shard's convergence (convergeShard): each node's whole spec applied again from the
 * database — a wiped node gets its maps, users and DKIM keys back (stored mail excepted). Null
 * when the shard is not a mail shard.
 */
export async function convergeMailShard(
  record: StepRecorder,
  { shardId, convergenceId }: { shardId: string; convergenceId: string },
  failures: Array<{ resource: string; node: string | null; message: string }>,
): Promise<boolean> {
  const plan = await mailControl.loadMailConvergence(shardId);
  if (!plan) return false;
  await record('convergence', 'STARTED', `run ${convergenceId}: mail on ${plan.nodes.length} nodes of ${plan.shard}`);
  for (const node of plan.nodes) {
    try {
      await requestMailNodeSync(node.id);
      await record('mail node converged', 'SUCCEEDED', `node ${node.hostname}: whole spec applied`);
    } catch (error) {
      const message = describeFailure(error);
      failures.push({ resource: 'mail node', node: node.hostname, message });
      await record('mail node converged', 'FAILED', `node ${node.hostname}: ${message}`);
    }
  }
  return true;
}
