import type { ConnectionResult } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { DataStoreEndpointRecord } from '../common/endpoint.type.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type {
  CreateValkeyInstanceInput,
  CreateValkeyUserInput,
  MigrateValkeyInstanceInput,
  UpdateValkeyInstanceInput,
  UpdateValkeyUserInput,
  ValkeyInstancesArgs,
} from './valkey.input.js';
import type { ValkeyInstanceRecord, ValkeyUserRecord } from './valkey.type.js';

export interface ValkeyInstanceMutationResult {
  valkeyInstance: ValkeyInstanceRecord | null;
  userErrors: UserError[];
}
export interface ValkeyUserMutationResult {
  valkeyUser: ValkeyUserRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`valkey:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface ValkeyPort {
  list(viewer: Viewer, args: ValkeyInstancesArgs): Promise<ConnectionResult<ValkeyInstanceRecord>>;
  get(viewer: Viewer, id: string): Promise<ValkeyInstanceRecord | null>;
  getUser(viewer: Viewer, id: string): Promise<ValkeyUserRecord | null>;
  /** Batched per request. */
  ofTenant(viewer: Viewer, tenantId: string): Promise<ValkeyInstanceRecord[]>;
  usersOf(viewer: Viewer, instanceId: string): Promise<ValkeyUserRecord[]>;
  load(viewer: Viewer, instanceId: string): Promise<ValkeyInstanceRecord | null>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  /** Batched: where the instance's clients connect (null while its shard has no node). */
  endpointOf(viewer: Viewer, instance: ValkeyInstanceRecord): Promise<DataStoreEndpointRecord | null>;

  create(viewer: Viewer, input: CreateValkeyInstanceInput): Promise<ValkeyInstanceMutationResult>;
  update(viewer: Viewer, input: UpdateValkeyInstanceInput): Promise<ValkeyInstanceMutationResult>;
  delete(viewer: Viewer, id: string): Promise<ValkeyInstanceMutationResult>;
  retry(viewer: Viewer, id: string): Promise<ValkeyInstanceMutationResult>;
  migrate(viewer: Viewer, input: MigrateValkeyInstanceInput): Promise<ValkeyInstanceMutationResult>;

  createUser(viewer: Viewer, input: CreateValkeyUserInput): Promise<ValkeyUserMutationResult>;
  updateUser(viewer: Viewer, input: UpdateValkeyUserInput): Promise<ValkeyUserMutationResult>;
  deleteUser(viewer: Viewer, id: string): Promise<ValkeyUserMutationResult>;
  retryUser(viewer: Viewer, id: string): Promise<ValkeyUserMutationResult>;
}
