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
  'webroots:read',
  'webroots:write',
] as const;

export type Scope = (typeof SCOPES)[number];
