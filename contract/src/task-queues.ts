// The Temporal task queues both sides poll or route to: plain data, workflow-safe.

/** The control plane's queue: its workflows and database activities (the worker polls it). */
export const CONTROL_TASK_QUEUE = 'hostplane-control';

/** Every node agent polls its own queue; activities for a node are routed there. */
export function nodeTaskQueue(nodeId: string): string {
  return `node-${nodeId}`;
}
