/**
 * Who is calling: derived from the API key. Implemented by `server`; every port checks it.
 * Scopes are `resource:action` (`tenants:read`), `resource:*` or `*`.
 */
export interface Viewer {
  readonly apiKeyId: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  /** Brand ids this key may act on; `['*']` for a platform administrator. */
  readonly brandIds: readonly string[];
  /** Set for a tenant's own key: it sees only that tenant. */
  readonly tenantId: string | null;
  readonly isPlatformAdmin: boolean;
  can(scope: string): boolean;
  /** Throws FORBIDDEN unless the key holds the scope. */
  require(scope: string): void;
  canAccessBrand(brandId: string): boolean;
  /** Brand ids to filter lists by, or null for every brand. */
  brandFilter(): string[] | null;
  /**
   * May the key call this root field (query, mutation or subscription) at all: its scope and its
   * binding (platform-wide, brand, tenant) allow it. Some still depend on the target: a brand key
   * updates only its own brands. False for a name the API does not have.
   */
  mayCall(operation: string): boolean;
  /** Every root field `mayCall` allows, sorted. */
  allowedOperations(): string[];
  /**
   * What the key may do to the async resource of GraphQL type `type` owned by this brand and
   * tenant: `mayCall` of each operation's mutation, and the owner within the key's binding.
   */
  permissionsOn(type: string, owner: ResourceOwner): ResourcePermissionsRecord;
}

/** What a key may do to one async resource (`viewerCan`); false also for an operation its type lacks. */
export interface ResourcePermissionsRecord {
  update: boolean;
  delete: boolean;
  retry: boolean;
  suspend: boolean;
  unsuspend: boolean;
  migrate: boolean;
}

/** Who owns a resource: what a key's brand/tenant binding is checked against. */
export interface ResourceOwner {
  brandId: string;
  /** The tenant (a tenant owns itself). */
  tenantId: string;
}

/** Every scope a key can be given; `*` grants all of them. */
export const SCOPES = [
  'tenants:read',
  'tenants:write',
  'brands:read',
  'brands:write',
  'infrastructure:read',
  'infrastructure:write',
  'api_keys:read',
  'api_keys:write',
  'audit_logs:read',
  'platform:read',
  'platform:write',
  'databases:read',
  'databases:write',
  'valkey:read',
  'valkey:write',
  'egress_rules:read',
  'egress_rules:write',
  'ssh_keys:read',
  'ssh_keys:write',
  'dns:read',
  'dns:write',
  'mail:read',
  'mail:write',
  'certificates:read',
  'certificates:write',
  'cron_jobs:read',
  'cron_jobs:write',
  'daemons:read',
  'daemons:write',
  'webroots:read',
  'webroots:write',
  'plans:read',
  'plans:write',
] as const;

export type Scope = (typeof SCOPES)[number];
