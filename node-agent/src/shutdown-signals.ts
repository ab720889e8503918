import type { Logger } from 'pino';

/**
 * Keeps SIGINT and SIGTERM from killing the agent while it stops the daemons it started. The
 * Temporal runtime takes the first of them (every worker drains and `worker.run()` resolves)
 * and removes its own handlers at once; a second signal would then end the agent with Node's
 * default action before it stopped nginx, php-fpm, HAProxy and supervisord, which daemonize
 * outside its process group and would keep running. Ctrl-C under `npm start` sends exactly
 * that pair: SIGINT to the foreground group, then SIGTERM from start.mjs.
 */
export function outlastShutdownSignals(logger: Logger): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => logger.info({ signal }, 'shutdown signal received; stopping'));
  }
}
