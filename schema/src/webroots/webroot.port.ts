import type { ConnectionResult } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { BindFqdnInput, FqdnRecord } from './fqdn.type.js';
import type { CreateWebrootInput, UpdateWebrootInput, WebrootsArgs } from './webroot.input.js';
import type { WebRuntimeOfferRecord } from './web-runtime-offer.type.js';
import type { WebrootRecord } from './webroot.type.js';

export interface WebrootMutationResult {
  webroot: WebrootRecord | null;
  userErrors: UserError[];
}

export interface FqdnMutationResult {
  fqdn: FqdnRecord | null;
  userErrors: UserError[];
}

/** Webroots (`webroots:read|write`); implemented by `server`, every method authorizes. */
export interface WebrootsPort {
  list(viewer: Viewer, args: WebrootsArgs): Promise<ConnectionResult<WebrootRecord>>;
  /** null when missing or not visible (another brand's ids are never revealed). */
  get(viewer: Viewer, id: string): Promise<WebrootRecord | null>;
  /** Batched by tenant id for `Tenant.webroots`. */
  ofTenant(viewer: Viewer, tenantId: string): Promise<WebrootRecord[]>;
  /** Batched by raw id for `Fqdn.webroot`. */
  load(viewer: Viewer, webrootId: string): Promise<WebrootRecord | null>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  /** The runtime versions the tenant's shard offers (`Tenant.webRuntimes`). */
  runtimesOf(viewer: Viewer, tenant: TenantRecord): Promise<WebRuntimeOfferRecord[]>;
  create(viewer: Viewer, input: CreateWebrootInput): Promise<WebrootMutationResult>;
  update(viewer: Viewer, input: UpdateWebrootInput): Promise<WebrootMutationResult>;
  delete(viewer: Viewer, id: string): Promise<WebrootMutationResult>;
  retry(viewer: Viewer, id: string): Promise<WebrootMutationResult>;
}

/** FQDNs bound to webroots (`webroots:read|write` too). */
export interface FqdnsPort {
  get(viewer: Viewer, id: string): Promise<FqdnRecord | null>;
  /** Batched by webroot id for `Webroot.fqdns` (not DELETED, oldest first). */
  ofWebroot(viewer: Viewer, webrootId: string): Promise<FqdnRecord[]>;
  bind(viewer: Viewer, input: BindFqdnInput): Promise<FqdnMutationResult>;
  unbind(viewer: Viewer, id: string): Promise<FqdnMutationResult>;
  retry(viewer: Viewer, id: string): Promise<FqdnMutationResult>;
}
