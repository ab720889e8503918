import type { Db } from './db/index.js';
import type { Logger } from './logger.js';
import type { WorkflowStarter } from './temporal/starter.js';
import type { EventHub } from './events/hub.js';
import type { ValkeyLimits } from './valkey/valkey-capacity.js';
import type { RateLimitSettings } from './rate-limits/index.js';
import type { SecretsVault } from './secrets/vault.js';

/** Process-wide dependencies every domain service gets. */
export interface ServiceDeps {
  db: Db;
  workflows: WorkflowStarter;
  logger: Logger;
  events: EventHub;
  /** Valkey nodes' port range and memory allowance (defaults: the node agent's defaults). */
  valkeyLimits?: ValkeyLimits;
  /** Each API key's bucket of query-cost points (default DEFAULT_RATE_LIMITS). */
  rateLimits?: RateLimitSettings;
  /** Proxies whose X-Forwarded-For the API believes (API_TRUSTED_PROXIES; default none). */
  trustedProxies?: readonly string[];
  /** Seals tenants' secrets (HOSTPLANE_SECRETS_KEY); without it, setting a secret is refused. */
  vault?: SecretsVault;
}
