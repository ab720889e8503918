import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { CreateSshKeyInput, SetTenantSshAccessInput } from './ssh-key.input.js';
import type { SshAccess, SshEndpointRecord, SshKeyRecord } from './ssh-key.type.js';

export interface SshKeyMutationResult {
  sshKey: SshKeyRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`ssh_keys:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface SshKeysPort {
  get(viewer: Viewer, id: string): Promise<SshKeyRecord | null>;
  /** A page of the tenant's keys (not DELETED), oldest first; batched per request. */
  ofTenant(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<SshKeyRecord>>;
  /** Where the tenant logs in: the sshd of each node of its web shard that reported one. */
  endpointsOf(viewer: Viewer, tenant: TenantRecord): Promise<SshEndpointRecord[]>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  /** The tenant's SSH access (the tenant is the resolver's root: already visible). */
  accessOf(viewer: Viewer, tenant: TenantRecord): Promise<SshAccess>;
  /** Stores it and applies it on every node of the tenant's shard (async: steps on the tenant). */
  setAccess(
    viewer: Viewer,
    input: SetTenantSshAccessInput,
  ): Promise<{ tenant: TenantRecord | null; userErrors: UserError[] }>;

  create(viewer: Viewer, input: CreateSshKeyInput): Promise<SshKeyMutationResult>;
  delete(viewer: Viewer, id: string): Promise<SshKeyMutationResult>;
  retry(viewer: Viewer, id: string): Promise<SshKeyMutationResult>;
}
