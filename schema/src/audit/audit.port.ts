import type { ConnectionResult } from '../common/connection.js';
import type { Viewer } from '../common/viewer.js';
import type { AuditEntryRecord, AuditLogsArgs } from './audit.type.js';

export interface AuditPort {
  list(viewer: Viewer, args: AuditLogsArgs): Promise<ConnectionResult<AuditEntryRecord>>;
}
