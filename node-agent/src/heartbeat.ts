import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * How often every node activity tells Temporal it is alive. The control plane's proxies set a
 * heartbeat timeout (worker/src/workflows/steps.ts), so an agent killed mid-activity costs a
 * retry on the restarted agent within that timeout, not the activity's whole start-to-close
 * timeout (30 minutes for a shard convergence).
 */
export const NODE_HEARTBEAT_INTERVAL_MS = 5_000;

/** Heartbeats every running activity until it settles: the activities themselves stay plain. */
export const heartbeatWhileRunning: ActivityInterceptorsFactory = (ctx: Context) => ({
  inbound: {
    async execute(input, next) {
      ctx.heartbeat();
      const timer = setInterval(() => ctx.heartbeat(), NODE_HEARTBEAT_INTERVAL_MS);
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});
