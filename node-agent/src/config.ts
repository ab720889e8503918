import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const ConfigSchema = z.object({
  /** This node's id (Node.id): the agent polls the `node-<NODE_ID>` task queue. */
  NODE_ID: z.string().min(1),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Where tenant homes live. */
  HOSTPLANE_HOME_ROOT: z.string().startsWith('/', 'must be an absolute path').default('/home'),
  /** Login shell of active tenants. */
  HOSTPLANE_USER_SHELL: z.string().startsWith('/', 'must be an absolute path').default('/bin/bash'),
  /** Shell of suspended tenants. */
  HOSTPLANE_NOLOGIN_SHELL: z
    .string()
    .startsWith('/', 'must be an absolute path')
    .default('/usr/sbin/nologin'),
  LOG_LEVEL: LogLevel.default('info'),
});

export type NodeAgentConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): NodeAgentConfig {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid node-agent configuration:\n${problems.join('\n')}`);
}

/** Reads the configuration once at start; a bad one ends the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): NodeAgentConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
