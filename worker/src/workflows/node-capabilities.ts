// The report a node agent starts on the control queue (REPORT_NODE_CAPABILITIES_WORKFLOW of
// @hostplane/contract/capabilities): its activity writes the node's capabilities to the database.
import { proxyActivities } from '@temporalio/workflow';
import type { NodeCapabilitiesReport } from '@hostplane/contract/capabilities';
import type { NodeCapabilityActivities } from '../activities/node-capabilities.activities.js';

const { recordNodeCapabilities } = proxyActivities<NodeCapabilityActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

/** Stores one node's report; a newer report of the node replaces this run. */
export async function reportNodeCapabilitiesWorkflow(report: NodeCapabilitiesReport): Promise<{ stored: boolean }> {
  return recordNodeCapabilities(report);
}
