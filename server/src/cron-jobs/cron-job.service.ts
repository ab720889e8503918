import {
  UserErrorCode,
  type CreateCronJobInput,
  type CronJobMutationResult,
  type CronJobsPort,
  type UpdateCronJobInput,
  type Viewer,
} from '@hostplane/schema';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { withinQuota } from '../plans/quota.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { resolveWebrootOwner } from '../webroots/webroot-owner.js';
import { CRON_JOB_DEFAULTS, cronJobFieldsOf, cronJobNameProblem } from './cron-job-input.js';
import { CronJobReads } from './cron-job-reads.js';

type Result = CronJobMutationResult;

const TAKEN = 'The webroot already has a cron job of this name.';

/**
 * A webroot's cron jobs: create, update (enable/disable among them), delete, retry, run now (and
 * the reads). Each operation writes the job's Temporal schedule through the kit's workflow
 * (worker/src/workflows/cron-job-lifecycle.ts); its runs are the schedule's.
 */
export class CronJobService implements CronJobsPort {
  private readonly reads: CronJobReads;
  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.reads = new CronJobReads(deps.db);
    this.kit = lifecycleOf(deps, 'CronJob', (id) => this.reads.byId(id), {
      scope: 'cron_jobs:write',
      find: (viewer, id) => this.reads.find(viewer, id),
      notFound: 'Cron job not found.',
    });
  }

  get: CronJobsPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  ofWebroot: CronJobsPort['ofWebroot'] = (viewer, webroot, args) => this.reads.ofWebroot(viewer, webroot, args);
  runsOf: CronJobsPort['runsOf'] = (viewer, job, args) => this.reads.runsOf(viewer, job, args);
  lastRunOf: CronJobsPort['lastRunOf'] = (viewer, job) => this.reads.lastRunOf(viewer, job);
  loadTenant: CronJobsPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);

  /** Checks every field (each problem at its field), inserts it PENDING within the tenant's plan and starts its schedule's sync. */
  async create(viewer: Viewer, input: CreateCronJobInput): Promise<Result> {
    viewer.require('cron_jobs:write');
    // The webroot visible, live, and its tenant taking new resources (a suspended one does not).
    const owner = await resolveWebrootOwner(this.deps.db, viewer, input.webrootId);
    if ('userErrors' in owner) return { cronJob: null, userErrors: owner.userErrors };
    const { webroot } = owner;
    const name = input.name.trim();
    const nameProblem = cronJobNameProblem(name);
    if (nameProblem) return refuse('cronJob', 'name', nameProblem);
    const checked = cronJobFieldsOf(input, { ...CRON_JOB_DEFAULTS, schedule: '', command: [] });
    if ('userErrors' in checked) return { cronJob: null, userErrors: checked.userErrors };
    try {
      const row = await withinQuota('cronJob', () =>
        insertWithEvent(this.deps.db, 'CronJob', webroot.tenant.brandId, (tx) =>
          tx.cronJob.create({ data: { tenantId: webroot.tenantId, webrootId: webroot.id, name, ...checked.fields } }),
        ),
      );
      if ('userErrors' in row) return row;
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error)) return refuse('cronJob', 'name', TAKEN, UserErrorCode.TAKEN);
      throw error;
    }
  }

  /** The changed columns with the guarded move to PENDING (UPDATE); enabling resets the failure count. */
  async update(viewer: Viewer, input: UpdateCronJobInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    const job = found.row;
    const checked = cronJobFieldsOf(input, job);
    if ('userErrors' in checked) return { cronJob: null, userErrors: checked.userErrors };
    const reenabled = checked.fields.enabled && !job.enabled;
    return this.kit.operate(job, 'UPDATE', {
      data: { ...checked.fields, ...(reenabled ? { consecutiveFailures: 0 } : {}) },
    });
  }

  delete = (viewer: Viewer, id: string): Promise<Result> => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string): Promise<Result> => this.kit.retry(viewer, id);

  /**
   * Starts a run now, outside the schedule. Refused unless the job is ACTIVE and enabled and its
   * tenant not suspended, and for a FORBID job while a run goes on (the run workflow checks
   * both again when it starts: a race between two calls still runs one).
   */
  async runNow(viewer: Viewer, id: string): Promise<Result> {
    const found = await this.kit.find(viewer, id);
    if ('refused' in found) return found.refused;
    const job = found.row;
    const tenant = await this.deps.db.tenant.findUniqueOrThrow({
      where: { id: job.tenantId },
      select: { status: true },
    });
    const refusal =
      (job.status !== 'ACTIVE' && `Cannot run a cron job that is ${job.status}.`) ||
      (!job.enabled && 'The cron job is disabled; enable it first.') ||
      (tenant.status === 'SUSPENDED' && 'The tenant is suspended.') ||
      (job.concurrency === 'FORBID' &&
        (await this.reads.runningRun(job.id)) &&
        'A run of this job is going on (FORBID).');
    if (refusal) return refuse('cronJob', 'id', refusal, UserErrorCode.INVALID_STATE);
    const outcome = await this.deps.workflows.start(
      'runCronJobWorkflow',
      `cron-job-run-${job.id}-manual-${Date.now()}`,
      {
        id: job.id,
        trigger: 'MANUAL',
      },
    );
    if (!outcome.started) return refuse('cronJob', 'id', outcome.message, UserErrorCode.INVALID_STATE);
    return { cronJob: job, userErrors: [] };
  }
}
