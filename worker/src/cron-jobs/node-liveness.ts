import type { Client } from '@temporalio/client';
import { nodeTaskQueue } from '@hostplane/contract/task-queues';

/** An agent that polled its queue this recently is alive (agents long-poll without pause). */
const ALIVE_WITHIN_MS = 60_000;
/** How long one look at a node's pollers is reused: a tick of 1,000 jobs asks once, not 1,000 times. */
const CACHE_MS = 10_000;
/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY: the agents poll activities only. */
const ACTIVITY_QUEUE = 2;

/**
 * Which nodes of a shard can run a job now: those whose agent polls its `node-<id>` queue,
 * as Temporal sees it. The run workflow tries them in the order given and falls back to the
 * next only when a node never picked the task up, so a run happens at most once per tick.
 */
export class NodeLiveness {
  private readonly seen = new Map<string, { at: number; alive: Promise<boolean> }>();

  constructor(private readonly namespace: string) {}

  private alive(client: Client, nodeId: string): Promise<boolean> {
    const cached = this.seen.get(nodeId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.alive;
    const alive = client.workflowService
      .describeTaskQueue({
        namespace: this.namespace,
        taskQueue: { name: nodeTaskQueue(nodeId) },
        taskQueueType: ACTIVITY_QUEUE,
      })
      .then(
        ({ pollers }) =>
          (pollers ?? []).some((p) => {
            const seconds = Number(p.lastAccessTime?.seconds ?? 0);
            return Date.now() - seconds * 1000 < ALIVE_WITHIN_MS;
          }),
        () => true, // unknown is not dead: the pickup timeout decides
      );
    this.seen.set(nodeId, { at: Date.now(), alive });
    return alive;
  }

  /**
   * The nodes, live ones first, each group rotated by the job's id so a shard's jobs spread over
   * its nodes; dead-looking ones stay last as a fallback (the look may be stale).
   */
  async ordered(client: Client, nodeIds: string[], jobId: string): Promise<string[]> {
    const alive = await Promise.all(nodeIds.map((id) => this.alive(client, id)));
    const offset = [...jobId].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) >>> 0, 0);
    const rotate = (ids: string[]) => ids.map((_, i) => ids[(i + offset) % ids.length]!);
    return [...rotate(nodeIds.filter((_, i) => alive[i])), ...rotate(nodeIds.filter((_, i) => !alive[i]))];
  }
}
