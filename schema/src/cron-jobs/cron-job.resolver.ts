import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant } from '../tenants/tenant.type.js';
import { Webroot, type WebrootRecord } from '../webroots/webroot.type.js';
import { CreateCronJobInput, CronJobIdInput, CronJobPayload, UpdateCronJobInput } from './cron-job.input.js';
import {
  CronJob,
  CronJobConnection,
  CronJobRun,
  CronJobRunConnection,
  type CronJobRecord,
  type CronJobRunRecord,
} from './cron-job.type.js';

@Resolver(() => CronJob)
export class CronJobResolver {
  @Query(() => CronJob, { description: 'One cron job by id. NOT_FOUND when missing or not visible.' })
  async cronJob(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.cronJobs.get(ctx.viewer, id)) ?? Promise.reject(notFound('CronJob'));
  }

  @Mutation(() => CronJobPayload, {
    description:
      'Add a cron job to a webroot (async: returns it PENDING; ACTIVE once its schedule exists). A bad schedule, time zone or command is a userError at its field, and nothing is written.',
  })
  createCronJob(@Arg('input', { description: 'The new job.' }) input: CreateCronJobInput, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.create(ctx.viewer, input);
  }

  @Mutation(() => CronJobPayload, {
    description: 'Change a cron job (async: its schedule is rewritten). Enabling it resets its failure count.',
  })
  updateCronJob(@Arg('input', { description: 'The changes.' }) input: UpdateCronJobInput, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.update(ctx.viewer, input);
  }

  @Mutation(() => CronJobPayload, {
    description: 'Delete a cron job and its schedule (async); its history goes with it.',
  })
  deleteCronJob(@Arg('input', { description: 'The job.' }) input: CronJobIdInput, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.delete(ctx.viewer, input.id);
  }

  @Mutation(() => CronJobPayload, { description: 'Run the last failed operation of a FAILED cron job again.' })
  retryCronJob(@Arg('input', { description: 'The job.' }) input: CronJobIdInput, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.retry(ctx.viewer, input.id);
  }

  @Mutation(() => CronJobPayload, {
    description:
      'Start a run of an ACTIVE, enabled cron job now, outside its schedule (watch `cronJobChanged` or `runs`). A FORBID job with a run going on is refused (INVALID_STATE).',
  })
  runCronJobNow(@Arg('input', { description: 'The job.' }) input: CronJobIdInput, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.runNow(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description:
      'Events of one cron job: its status, and a STEP `run` per run (STARTED when it starts on a node, SUCCEEDED or FAILED when it ends).',
    subscribe: resourceEvents,
  })
  cronJobChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() job: CronJobRecord): string {
    return toGlobalId('CronJob', job.id);
  }

  @FieldResolver(() => Webroot, { nullable: true, description: 'The webroot it runs in.' })
  webroot(@Root() job: CronJobRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.load(ctx.viewer, job.webrootId);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() job: CronJobRecord, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.loadTenant(ctx.viewer, job.tenantId);
  }

  @FieldResolver(() => CronJobRunConnection, {
    description: 'Its runs, newest first (the newest 100 of the last 30 days are kept).',
  })
  runs(@Root() job: CronJobRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.runsOf(ctx.viewer, job, args);
  }

  @FieldResolver(() => CronJobRun, { nullable: true, description: 'Its newest run (null before the first).' })
  lastRun(@Root() job: CronJobRecord, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.lastRunOf(ctx.viewer, job);
  }
}

@Resolver(() => CronJobRun)
export class CronJobRunResolver {
  @FieldResolver(() => ID, { description: 'Opaque id of the run.' })
  id(@Root() run: CronJobRunRecord): string {
    return toGlobalId('CronJobRun', run.id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The node that ran it (null when none could).' })
  nodeId(@Root() run: CronJobRunRecord): string | null {
    return run.nodeId ? toGlobalId('ServerNode', run.nodeId) : null;
  }
}

@Resolver(() => Webroot)
export class WebrootCronJobsResolver {
  @FieldResolver(() => CronJobConnection, {
    description: 'The webroot’s cron jobs (not DELETED), oldest first. Needs cron_jobs:read.',
  })
  cronJobs(@Root() webroot: WebrootRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.cronJobs.ofWebroot(ctx.viewer, webroot, args);
  }
}
