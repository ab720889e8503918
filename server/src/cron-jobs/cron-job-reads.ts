import DataLoader from 'dataloader';
import {
  encodeCursor,
  pageRequest,
  type ConnectionResult,
  type CronJobRecord,
  type CronJobRunRecord,
  type PageArgs,
  type Viewer,
  type WebrootRecord,
} from '@hostplane/schema';
import { Prisma, type Db } from '../db/index.js';
import { canSeeOwned, grouped, LIVE, withBrand } from '../data-stores/ownership.js';
import { pageInMemory } from '../data-stores/page-in-memory.js';
import { TenantOwnedReads, type OwnedModel } from '../data-stores/tenant-owned-reads.js';

/** A run row as the port hands it out (the output tail included: it is bounded). */
const RUN_COLUMNS = {
  id: true,
  cronJobId: true,
  trigger: true,
  status: true,
  nodeId: true,
  scheduledAt: true,
  startedAt: true,
  finishedAt: true,
  exitCode: true,
  signal: true,
  timedOut: true,
  durationMs: true,
  output: true,
  outputTruncated: true,
} as const;

/**
 * The read side of the cron jobs port: a tenant-owned resource's reads
 * (../data-stores/tenant-owned-reads.ts), a webroot's jobs, and a job's run history.
 */
export class CronJobReads extends TenantOwnedReads<CronJobRecord> {
  /** Live jobs per webroot: a page of webroots loads theirs in one query. */
  private readonly byWebroot = new DataLoader<string, CronJobRecord[]>(async (ids) => {
    const rows = await this.db.cronJob.findMany({
      where: { webrootId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return grouped(ids, rows.map(this.record), (r) => r.webrootId);
  });

  /** Each job's newest run, one statement for a page of jobs. */
  private readonly lastRun = new DataLoader<string, CronJobRunRecord | null>(async (ids) => {
    const rows = await this.db.$queryRaw<CronJobRunRecord[]>(Prisma.sql`
      SELECT DISTINCT ON ("cronJobId") *
      FROM "CronJobRun"
      WHERE "cronJobId" = ANY(${[...ids]}::uuid[])
      ORDER BY "cronJobId", "startedAt" DESC, "id" DESC`);
    return ids.map((id) => rows.find((r) => r.cronJobId === id) ?? null);
  });

  constructor(private readonly db: Db) {
    super(db, { type: 'CronJob', scope: 'cron_jobs:read', model: db.cronJob as unknown as OwnedModel });
  }

  /** The webroot is the resolver's root (visible); each job is checked again all the same. */
  async ofWebroot(viewer: Viewer, webroot: WebrootRecord, args: PageArgs): Promise<ConnectionResult<CronJobRecord>> {
    viewer.require('cron_jobs:read');
    const jobs = (await this.byWebroot.load(webroot.id)).filter((j) => canSeeOwned(viewer, j));
    return pageInMemory(jobs, args);
  }

  /** Newest first, keyset-paged on (startedAt, id). */
  async runsOf(viewer: Viewer, job: CronJobRecord, args: PageArgs): Promise<ConnectionResult<CronJobRunRecord>> {
    viewer.require('cron_jobs:read');
    if (!canSeeOwned(viewer, job))
      return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
    const page = pageRequest(args);
    const after = page.after;
    const before = after
      ? {
          OR: [{ startedAt: { lt: new Date(after.key) } }, { startedAt: new Date(after.key), id: { lt: after.id } }],
        }
      : {};
    const [rows, totalCount] = await Promise.all([
      this.db.cronJobRun.findMany({
        where: { cronJobId: job.id, ...before },
        select: RUN_COLUMNS,
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: page.limit + 1,
      }),
      this.db.cronJobRun.count({ where: { cronJobId: job.id } }),
    ]);
    const edges = rows
      .slice(0, page.limit)
      .map((node) => ({ cursor: encodeCursor(node.startedAt.toISOString(), node.id), node: node as CronJobRunRecord }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  async lastRunOf(viewer: Viewer, job: CronJobRecord): Promise<CronJobRunRecord | null> {
    viewer.require('cron_jobs:read');
    return canSeeOwned(viewer, job) ? this.lastRun.load(job.id) : null;
  }

  /** A run of the job still going (FORBID refuses runCronJobNow then). */
  async runningRun(jobId: string): Promise<boolean> {
    return (await this.db.cronJobRun.count({ where: { cronJobId: jobId, status: 'RUNNING' } })) > 0;
  }
}
