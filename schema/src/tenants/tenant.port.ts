import type { ConnectionResult } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { CreateTenantInput, SuspendTenantInput, TenantsArgs, UpdateTenantInput } from './tenant.input.js';
import type { TenantRecord } from './tenant.type.js';

export interface TenantMutationResult {
  tenant: TenantRecord | null;
  userErrors: UserError[];
}

/** Implemented by `server`; every method authorizes against the viewer. */
export interface TenantsPort {
  list(viewer: Viewer, args: TenantsArgs): Promise<ConnectionResult<TenantRecord>>;
  /** null when missing or not visible to the viewer (never reveal another brand's ids). */
  get(viewer: Viewer, id: string): Promise<TenantRecord | null>;
  create(viewer: Viewer, input: CreateTenantInput): Promise<TenantMutationResult>;
  update(viewer: Viewer, input: UpdateTenantInput): Promise<TenantMutationResult>;
  suspend(viewer: Viewer, input: SuspendTenantInput): Promise<TenantMutationResult>;
  unsuspend(viewer: Viewer, id: string): Promise<TenantMutationResult>;
  delete(viewer: Viewer, id: string): Promise<TenantMutationResult>;
  retry(viewer: Viewer, id: string): Promise<TenantMutationResult>;
}
