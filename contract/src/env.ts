import type { z } from 'zod';

/** pino's levels, shared by every Hostplane process's LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** For required variables: zod's default reads "expected string, received undefined". */
export const required = (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string');

/** Parses `env` with `schema`; throws an Error naming every bad variable (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, service: string): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid ${service} configuration:\n${problems.join('\n')}`);
}

/** Parses the environment once at start; bad config ends the process with a clear message. */
export function loadEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, service: string): z.infer<S> {
  try {
    return parseEnv(schema, env, service);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
