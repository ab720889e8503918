import { loadEnv, LOG_LEVELS, parseEnv, required } from '@hostplane/contract/env';
import { z } from 'zod';

const ConfigSchema = z.object({
  /** Control-plane PostgreSQL: the worker records statuses and steps there. */
  DATABASE_URL: z.string({ error: required }).startsWith('postgres', 'must be a postgresql:// URL'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** A prebuilt workflow bundle (see bundle.ts); unset = bundle the workflows at start. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Days events (status changes, steps) are kept; subscribers replay from them. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Days audit entries are kept. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Port the web nodes' nginx listens on, as load balancers reach it (the agents' HOSTPLANE_NGINX_LISTEN). */
  WEB_BACKEND_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  /** Resolvers asked for host names' TXT challenges (`host` or `host:port`, comma-separated); unset: the machine's. */
  HOSTPLANE_DNS_RESOLVERS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Resolvers asked whether a name points at the load balancers before its first automatic certificate; unset: HOSTPLANE_DNS_RESOLVERS. */
  TLS_DNS_RESOLVERS: z
    .string()
    .optional()
    .transform((list) =>
      list === undefined
        ? undefined
        : list
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    ),
  /** Longest pause between two looks for a host name's TXT challenge (and for a name's DNS pointing here). */
  HOSTNAME_VERIFY_POLL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How long a bind waits for its TXT challenge before it ends FAILED (default 7 days). */
  HOSTNAME_VERIFY_GIVE_UP_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24 * 3600),
  /** Master key of tenants' secrets, the API's (base64 of 32 bytes): the worker opens them for webroot specs. */
  HOSTPLANE_SECRETS_KEY: z.string().optional(),
  /** Older master keys, until the API has re-wrapped every data key (rotation). */
  HOSTPLANE_SECRETS_DECRYPT_KEYS: z.string().default(''),
  /** The ACME directory certificates are ordered from (Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory); unset: no automatic TLS. */
  ACME_DIRECTORY_URL: z.url().optional(),
  /** The ACME account's contact address (expiry notices). */
  ACME_EMAIL: z.email().optional(),
  /** How long a deleted mailbox's stored mail is kept before it is removed (default 7 days). */
  HOSTPLANE_MAIL_DATA_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 24 * 3600),
  /** How often the renewal sweep looks for certificates due (two thirds of their lifetime). */
  CERTIFICATE_RENEWAL_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
});

export type WorkerConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every bad variable (never their values). */
export const parseConfig = (env: NodeJS.ProcessEnv): WorkerConfig => parseEnv(ConfigSchema, env, 'worker');

/** Reads the configuration once at start; a bad one ends the process with a clear message. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => loadEnv(ConfigSchema, env, 'worker');
