// The report a node agent starts on the control queue (REPORT_NODE_CAPABILITIES_WORKFLOW of
// @hostplane/node-agent/contract): its activity writes the node's capabilities to the database.
import { proxyActivities } from '@temporalio/workflow';
import { CAPABILITY_REPORT_TASK_QUEUE, type NodeCapabilitiesReport } from '@hostplane/node-agent/contract';
import type { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';
import type { NodeCapabilityActivities } from '../activities/node-capabilities.activities.js';

// The agent names the control queue without depending on the server: this stops compiling
// when the two differ.
const reportQueue: typeof CONTROL_TASK_QUEUE = CAPABILITY_REPORT_TASK_QUEUE;

const { recordNodeCapabilities } = proxyActivities<NodeCapabilityActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Stores one node's report (sent to `reportQueue`); a newer report of the node replaces this run. */
export async function reportNodeCapabilitiesWorkflow(report: NodeCapabilitiesReport): Promise<{ stored: boolean }> {
  void reportQueue;
  return recordNodeCapabilities(report);
}
