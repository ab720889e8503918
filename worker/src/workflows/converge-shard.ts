// ConvergeShardWorkflow: rebuilds a WEB, LB, DNS or mail shard's whole desired state from the database on
// its nodes, removing orphans, and reports per resource. Never stops at the first error: every
// node and resource that can converge does, and what cannot is collected.
import { CancellationScope, patched } from '@temporalio/workflow';
import type { ConvergeShardWorkflowInput } from '@hostplane/server/temporal';
import type { ConvergenceFailure, ConvergenceNode } from '../activities/convergence.activities.js';
import { convergeSshOnNode } from './ssh-key-lifecycle.js';
import { convergeLbCertificates } from './certificate-lifecycle.js';
import { convergeDnsShard } from './dns-lifecycle.js';
import { convergeCronShard } from './cron-job-lifecycle.js';
import { convergeMailShard } from './mail-tenant.js';
import { describeFailure, recorderOf, type StepRecorder } from './steps.js';
import { onWebNode, web } from './web-steps.js';

export async function convergeShardWorkflow({ shardId, convergenceId }: ConvergeShardWorkflowInput): Promise<void> {
  const record = recorderOf({ type: 'Shard', id: shardId });
  const failures: ConvergenceFailure[] = [];
  try {
    // A DNS shard converges its zones instead (runs from before DNS shards existed replay without the look).
    if (patched('dns-convergence') && (await convergeDnsShard(record, { shardId, convergenceId }, failures))) return;
    // A mail shard applies each node's whole spec (runs from before mail shards converged replay without the look).
    if (patched('mail-convergence') && (await convergeMailShard(record, { shardId, convergenceId }, failures))) return;
    const plan = await web.loadConvergencePlan(shardId);
    const webroots = plan.web?.spec.webroots.length ?? 0;
    await record(
      'convergence',
      'STARTED',
      `run ${convergenceId}: ${plan.web ? `${webroots} webroots on ${plan.web.nodes.length} nodes` : `load balancer of ${plan.shard.name}`}`,
    );
    if (plan.web) {
      const spec = plan.web.spec;
      await forEachNode(record, 'web node converged', plan.web.nodes, failures, async (node) => {
        const report = await onWebNode(node.id, { long: true }).convergeWebNode(spec);
        for (const w of report.webroots.filter((r) => !r.ok)) {
          failures.push({
            resource: `webroot ${w.name}`,
            webroot: w.name,
            node: node.hostname,
            message: w.error ?? 'failed',
          });
        }
        const failed = report.webroots.filter((r) => !r.ok).length;
        return `${report.webroots.length - failed} webroots live, ${failed} failed, ${report.removed.length} orphans removed, ${report.nginxReloads} nginx reload(s)`;
      });
      // After the web node's: the tenants' Linux users and webroots (SFTP jails mount them) exist.
      // (Runs recorded before SSH was part of convergence replay without it.)
      if (patched('ssh-convergence')) {
        await forEachNode(record, 'ssh access converged', plan.web.nodes, failures, (node) =>
          convergeSshOnNode(node.id, shardId),
        );
      }
      // The shard's cron jobs on their keys' Temporal schedules (made again if Temporal lost them).
      if (patched('cron-convergence')) await convergeCronShard(record, shardId, failures);
    }
    if (plan.lb) {
      const spec = plan.lb.spec;
      await forEachNode(record, 'load balancer converged', plan.lb.nodes, failures, async (node) => {
        const result = await onWebNode(node.id, { long: true }).convergeLb(spec);
        return `${result.entries} host names routed to ${spec.backends.length} backends (${result.action})`;
      });
      // Then the certificates, on a running HAProxy (runs recorded before this step replay without it).
      if (patched('lb-certificate-convergence')) await convergeLbCertificates(record, shardId, plan.lb.nodes, failures);
    }
  } catch (error) {
    failures.push({ resource: 'shard', node: null, message: describeFailure(error) });
  } finally {
    await CancellationScope.nonCancellable(() => web.finishConvergence({ convergenceId, shardId, failures }));
  }
}

/** What a failed step is reported as, per step. */
const RESOURCE_OF_STEP = {
  'web node converged': 'web node',
  'ssh access converged': 'ssh access',
  'load balancer converged': 'load balancer',
} as const;

/**
 * Runs `action` on every node in parallel, recording a step per node; a node that fails is one
 * failure in the report (its message), the others carry on.
 */
async function forEachNode(
  record: StepRecorder,
  step: keyof typeof RESOURCE_OF_STEP,
  nodes: ConvergenceNode[],
  failures: ConvergenceFailure[],
  action: (node: ConvergenceNode) => Promise<string>,
): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      await record(step, 'STARTED', `node ${node.hostname}`);
      try {
        await record(step, 'SUCCEEDED', `node ${node.hostname}: ${await action(node)}`);
      } catch (error) {
        const message = describeFailure(error);
        failures.push({
          resource: RESOURCE_OF_STEP[step],
          node: node.hostname,
          message,
        });
        await record(step, 'FAILED', `node ${node.hostname}: ${message}`);
      }
    }),
  );
}
