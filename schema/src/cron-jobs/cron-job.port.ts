import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { WebrootRecord } from '../webroots/webroot.type.js';
import type { CreateCronJobInput, UpdateCronJobInput } from './cron-job.input.js';
import type { CronJobRecord, CronJobRunRecord } from './cron-job.type.js';

export interface CronJobMutationResult {
  cronJob: CronJobRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`cron_jobs:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface CronJobsPort {
  get(viewer: Viewer, id: string): Promise<CronJobRecord | null>;
  /** A page of the webroot's jobs (not DELETED), oldest first (the webroot is the resolver's root: visible). */
  ofWebroot(viewer: Viewer, webroot: WebrootRecord, args: PageArgs): Promise<ConnectionResult<CronJobRecord>>;
  /** A page of the job's runs, newest first. */
  runsOf(viewer: Viewer, job: CronJobRecord, args: PageArgs): Promise<ConnectionResult<CronJobRunRecord>>;
  /** Its newest run, or null. */
  lastRunOf(viewer: Viewer, job: CronJobRecord): Promise<CronJobRunRecord | null>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;

  create(viewer: Viewer, input: CreateCronJobInput): Promise<CronJobMutationResult>;
  update(viewer: Viewer, input: UpdateCronJobInput): Promise<CronJobMutationResult>;
  delete(viewer: Viewer, id: string): Promise<CronJobMutationResult>;
  retry(viewer: Viewer, id: string): Promise<CronJobMutationResult>;
  /** Starts a run at once (FORBID: refused while one goes on). */
  runNow(viewer: Viewer, id: string): Promise<CronJobMutationResult>;
}
