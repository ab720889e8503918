import { DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB, DEFAULT_VALKEY_PORT_RANGE } from '@hostplane/contract/data-stores';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.js';
import { DEFAULT_RATE_LIMITS } from './rate-limits/index.js';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Pool size of the API's Prisma client. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Ports the API allocates to Valkey instances: must match the node agents' VALKEY_PORT_MIN/MAX. */
  VALKEY_PORT_MIN: z.coerce.number().int().min(1).max(65535).default(DEFAULT_VALKEY_PORT_RANGE.min),
  VALKEY_PORT_MAX: z.coerce.number().int().min(1).max(65535).default(DEFAULT_VALKEY_PORT_RANGE.max),
  /** Memory a valkey-role node gives all its instances together (the agents' VALKEY_MEMORY_ALLOWANCE_MB). */
  VALKEY_NODE_MEMORY_MB: z.coerce.number().int().min(1).default(DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB),
  /** Points a key may spend at once (operations are priced by ../rate-limits/query-cost.ts). */
  RATE_LIMIT_CAPACITY: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.capacity),
  /** Points a key gets back each second. */
  RATE_LIMIT_RESTORE_RATE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.restoreRate),
  /**
   * Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client: failed
   * logins are then counted per user, not per proxy. None by default. List the panel's server only
   * when a load balancer in front of it sets the header: Next.js passes a header the browser sent
   * through unchanged, so a panel reachable directly would let clients pick their own address.
   */
  /** Master key of tenants' secrets (base64 of 32 bytes; envelope encryption, ../secrets/vault.ts). Unset: secrets are refused. */
  HOSTPLANE_SECRETS_KEY: z.string().optional(),
  /** Older master keys (comma-separated) whose data keys the API re-wraps under the current one at start. */
  HOSTPLANE_SECRETS_DECRYPT_KEYS: z.string().default(''),
  API_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseTrustedProxies(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export type ApiConfig = z.infer<typeof schema>;

/** Parses the environment once at start; bad config exits with a readable message. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    process.stderr.write(`Invalid API configuration:\n${problems}\n`);
    process.exit(1);
  }
  return parsed.data;
}
