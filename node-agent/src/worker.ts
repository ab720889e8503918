import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { NodeActivities } from './activities.js';
import { heartbeatWhileRunning } from './heartbeat.js';

/**
 * Same value as `nodeTaskQueue()` in the server's Temporal contract; duplicated because the agent
 * must not depend on the control-plane package.
 */
export function nodeAgentTaskQueue(nodeId: string): string {
  return `node-${nodeId}`;
}

export interface NodeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  nodeId: string;
  activities: NodeActivities;
  /** Encrypts payloads (payload-codec.ts); the same key as the control plane's. */
  dataConverter?: DataConverter;
}

/** A worker with no workflows: it only runs this node's activities, from its own task queue. */
export function createNodeWorker(options: NodeWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: nodeAgentTaskQueue(options.nodeId),
    activities: options.activities,
    interceptors: { activity: [heartbeatWhileRunning] },
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
  });
}
