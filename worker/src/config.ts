import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const ConfigSchema = z.object({
  /** Control-plane PostgreSQL: the worker records statuses and steps there. */
  DATABASE_URL: z.string().startsWith('postgres', 'must be a postgresql:// URL'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** A prebuilt workflow bundle (see bundle.ts); unset = bundle the workflows at start. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  LOG_LEVEL: LogLevel.default('info'),
});

export type WorkerConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every bad variable (never their values). */
export function parseConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid worker configuration:\n${problems.join('\n')}`);
}

/** Reads the configuration once at start; a bad one ends the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
