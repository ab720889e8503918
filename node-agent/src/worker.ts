import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { NodeActivities } from '@hostplane/contract/node';
import { nodeTaskQueue } from '@hostplane/contract/task-queues';
import { heartbeatWhileRunning } from './heartbeat.js';
import { confineActivityPaths } from './migration/confine.js';
import { markingRefusals, refuseMarkedPayloads } from '@hostplane/contract/codec/refusals';

export interface NodeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  nodeId: string;
  activities: NodeActivities;
  /**
   * Seals and opens payloads (@hostplane/contract/codec) with the control plane's keys: the agent refuses
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
    taskQueue: nodeTaskQueue(options.nodeId),
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
