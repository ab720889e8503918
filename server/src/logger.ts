import { pino, type Logger } from 'pino';

export type { Logger };

/** pino JSON logs; secrets are never passed to the logger, and auth headers are redacted anyway. */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: ['req.headers.authorization', '*.authorization', '*.password', '*.secret'],
  });
}
