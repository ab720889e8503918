import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { NodeActivities } from './activities.js';
import { heartbeatWhileRunning } from './heartbeat.js';
import { confineActivityPaths } from './migration/confine.js';
import { markingRefusals, refuseMarkedPayloads } from './payload-codec-refusals.js';

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
  /**
   * Seals and opens payloads (payload-codec.ts) with the control plane's keys: the agent refuses
   * every payload not sealed with one, so only the platform can ask it for anything.
   */
  dataConverter: DataConverter;
  /** The only folder an activity input may name a path in (the agent's migration folder). */
  fileRoot: string;
}

/** A worker with no workflows: it only runs this node's activities, from its own task queue. */
export function createNodeWorker(options: NodeWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: nodeAgentTaskQueue(options.nodeId),
    activities: options.activities,
    interceptors: {
      activity: [refuseMarkedPayloads, confineActivityPaths(options.fileRoot), heartbeatWhileRunning],
    },
    dataConverter: {
      ...options.dataConverter,
      payloadCodecs: (options.dataConverter.payloadCodecs ?? []).map(markingRefusals),
    },
  });
}
