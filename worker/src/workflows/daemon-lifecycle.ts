// Daemon workflows (names in the server's Temporal contract). A daemon's programs and nginx routes
// are part of its webroot's spec (activities/web-plans.ts): its create, update and delete each
// write the webroot's whole spec, read from the database, on every node of the shard, again while
// it changes meanwhile, so side-by-side changes of the webroot's daemons converge on what the
// database holds. Deterministic code: types, workflow APIs and the plain-data contracts only.
import { proxyLocalActivities } from '@temporalio/workflow';
import { DAEMON_NAME_PATTERN, type DaemonActivities, type DaemonProcessLog } from '@hostplane/contract/daemons';
import type { DaemonControlActivities } from '../activities/daemon.activities.js';
import type { ResourceRef } from '../activities/resource.activities.js';
import { deleting, nodeActivities, provisioning, recorderOf } from './steps.js';
import { onNodes, web } from './web-steps.js';
import { applyUntilStable } from './whole-set-sync.js';

const control = proxyLocalActivities<DaemonControlActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const onNode = (nodeId: string) =>
  nodeActivities<DaemonActivities>(nodeId, {
    startToCloseTimeout: '20 seconds',
    nonRetryableErrorTypes: ['InvalidDaemonLogRequest'],
    attempts: 2,
  });

/** The daemon's webroot, as the database holds it, live on every node of the shard. */
async function rollOut(ref: ResourceRef, step: string): Promise<void> {
  const { webrootId, webrootGone } = await control.loadDaemonWebroot(ref.id);
  if (webrootGone) return; // the webroot's delete removes its programs and routes with it
  await applyUntilStable(
    () => web.loadWebrootPlan(webrootId),
    async (plan) => {
      await onNodes(recorderOf(ref), step, plan.webNodeIds, (node) => node.ensureWebroot(plan.spec));
    },
  );
}

/** PENDING (or FAILED, on retry) → PROVISIONING → its webroot's programs and routes on every node → ACTIVE. */
export async function syncDaemonWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Daemon', id } as const;
  await provisioning(ref, () => rollOut(ref, 'daemon configured'));
}

/** DELETING → its webroot's programs and routes without it on every node → DELETED. */
export async function deleteDaemonWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Daemon', id } as const;
  await deleting(ref, () => rollOut(ref, 'daemon removed'));
}

/** One process's log tail on one node, as the API answers it. */
export interface DaemonLogTail extends DaemonProcessLog {
  nodeName: string;
}

/**
 * The end of each process's log on every node of the daemon's shard, read by the nodes' agents
 * (the API awaits this workflow: it never reads node files itself). Records nothing.
 */
export async function readDaemonLogWorkflow({ id, lines }: { id: string; lines: number }): Promise<DaemonLogTail[]> {
  const plan = await control.loadDaemonLogPlan(id);
  if (!DAEMON_NAME_PATTERN.test(plan.daemon)) return [];
  const perNode = await Promise.all(
    plan.nodes.map(async (node) => {
      const logs = await onNode(node.id).readDaemonLog({
        tenant: plan.tenant,
        webroot: plan.webroot,
        daemon: plan.daemon,
        lines,
      });
      return logs.map((log) => ({ nodeName: node.hostname, ...log }));
    }),
  );
  return perNode.flat();
}

/**
 * The tenant's suspend (after its processes were stopped) and unsuspend (after they started):
 * its daemons' status follows, SUSPENDED and back to ACTIVE, so no daemon reads ACTIVE while
 * nothing of it runs.
 */
export async function setTenantDaemonsSuspended(tenantId: string, suspended: boolean): Promise<void> {
  await control.setTenantDaemonsSuspended({ tenantId, suspended });
}
