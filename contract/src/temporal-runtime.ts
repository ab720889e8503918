import { Runtime, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';

/** Routes the Temporal SDK's own logs (worker state, activity failures) into pino as JSON. */
export function temporalLogger(logger: PinoLogger): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    const method = level.toLowerCase() as Lowercase<LogLevel>;
    logger[method](meta ?? {}, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * Installs the process-wide Temporal runtime once, before any connection: pino logging, and
 * SIGTERM/SIGINT make every worker drain (finish in-flight tasks) and `worker.run()` resolve.
 * Shared by the node agent and the control-plane worker.
 */
export function installTemporalRuntime(logger: PinoLogger): void {
  Runtime.install({ logger: temporalLogger(logger), shutdownSignals: ['SIGTERM', 'SIGINT'] });
}
