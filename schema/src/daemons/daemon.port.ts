import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { WebrootRecord } from '../webroots/webroot.type.js';
import type { CreateDaemonInput, UpdateDaemonInput } from './daemon.input.js';
import type { DaemonLogTailRecord, DaemonRecord } from './daemon.type.js';

export interface DaemonMutationResult {
  daemon: DaemonRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`daemons:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface DaemonsPort {
  get(viewer: Viewer, id: string): Promise<DaemonRecord | null>;
  /** A page of the webroot's daemons (not DELETED), oldest first; batched per request. */
  ofWebroot(viewer: Viewer, webroot: WebrootRecord, args: PageArgs): Promise<ConnectionResult<DaemonRecord>>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  /** The last `lines` lines of each of its processes on every node of its shard (read by the nodes' agents). */
  logTail(viewer: Viewer, daemon: DaemonRecord, lines: number): Promise<DaemonLogTailRecord[]>;

  create(viewer: Viewer, input: CreateDaemonInput): Promise<DaemonMutationResult>;
  update(viewer: Viewer, input: UpdateDaemonInput): Promise<DaemonMutationResult>;
  setEnabled(viewer: Viewer, id: string, enabled: boolean): Promise<DaemonMutationResult>;
  delete(viewer: Viewer, id: string): Promise<DaemonMutationResult>;
  retry(viewer: Viewer, id: string): Promise<DaemonMutationResult>;
}
