import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** Whether a job's tick may start while a run of it goes on. */
export enum CronConcurrency {
  FORBID = 'FORBID',
  ALLOW = 'ALLOW',
}
registerEnumType(CronConcurrency, {
  name: 'CronConcurrency',
  description: 'FORBID: a tick (or runCronJobNow) while a run of the job goes on is skipped. ALLOW: runs may overlap.',
});

/** How a run of a job went. */
export enum CronRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(CronRunStatus, {
  name: 'CronRunStatus',
  description:
    'RUNNING: started on a node. SUCCEEDED: exit code 0. FAILED: any other exit code, a signal, its timeout, or no node could run it.',
});

/** What started a run. */
export enum CronRunTrigger {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(CronRunTrigger, {
  name: 'CronRunTrigger',
  description: 'SCHEDULE: a tick of its schedule. MANUAL: runCronJobNow.',
});

/** A row of the cron jobs table, as the cron jobs port hands it out. */
export interface CronJobRecord extends OwnedResourceRecord {
  webrootId: string;
  name: string;
  schedule: string;
  timeZone: string;
  command: string[];
  timeoutSeconds: number;
  concurrency: CronConcurrency;
  enabled: boolean;
  maxConsecutiveFailures: number;
  consecutiveFailures: number;
}

/** A row of a job's run history. */
export interface CronJobRunRecord {
  id: string;
  cronJobId: string;
  trigger: string;
  status: CronRunStatus;
  nodeId: string | null;
  scheduledAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number | null;
  output: string;
  outputTruncated: boolean;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A command a webroot runs on a schedule (cron syntax, in a time zone): on exactly one node of its web shard per tick, as the tenant’s Linux user, in the webroot’s folder, with its environment variables and secrets. ACTIVE once its schedule exists; `enabled` says whether its ticks run. After `maxConsecutiveFailures` failed runs in a row it disables itself (the reason in `statusMessage`).',
})
export class CronJob extends AsyncResource {
  @Field({ description: 'A label, unique among the webroot’s jobs.' })
  name!: string;

  @Field({ description: 'Five-field cron syntax (`minute hour day-of-month month day-of-week`), in `timeZone`.' })
  schedule!: string;

  @Field({ description: 'IANA time zone the schedule is read in (`UTC`, `Europe/Paris`).' })
  timeZone!: string;

  @Field(() => [String], { description: 'The program and its arguments (no shell: use `["sh", "-c", "…"]` for one).' })
  command!: string[];

  @Field(() => Int, {
    description: 'A run still going this many seconds after its start is killed (its whole process group).',
  })
  timeoutSeconds!: number;

  @Field(() => CronConcurrency, { description: 'Whether runs may overlap.' })
  concurrency!: CronConcurrency;

  @Field({ description: 'Whether its ticks run (false: disabled by hand or after too many failures).' })
  enabled!: boolean;

  @Field(() => Int, { description: 'Failed runs in a row after which the job disables itself.' })
  maxConsecutiveFailures!: number;

  @Field(() => Int, { description: 'Failed runs in a row so far (0 after a success or re-enabling).' })
  consecutiveFailures!: number;

  @Field({ description: 'When the job was created.' })
  createdAt!: Date;

  @Field({ description: 'When the job row last changed.' })
  updatedAt!: Date;
}

export const CronJobConnection = ConnectionType(CronJob, 'CronJob');

@ObjectType({ description: 'One run of a cron job: when, where, how it ended, and the tail of its output.' })
export class CronJobRun {
  @Field(() => CronRunTrigger, { description: 'A tick of its schedule, or runCronJobNow.' })
  trigger!: string;

  @Field(() => CronRunStatus, { description: 'RUNNING, SUCCEEDED or FAILED.' })
  status!: CronRunStatus;

  @Field(() => Date, { nullable: true, description: 'The tick it belongs to (null for a manual run).' })
  scheduledAt!: Date | null;

  @Field({ description: 'When the run started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended (null while RUNNING).' })
  finishedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Its exit code (null when a signal ended it, or while RUNNING).' })
  exitCode!: number | null;

  @Field(() => String, { nullable: true, description: 'The signal that ended it (`SIGKILL` at its timeout).' })
  signal!: string | null;

  @Field({ description: 'Killed at its timeout.' })
  timedOut!: boolean;

  @Field(() => Int, { nullable: true, description: 'How long the process ran, in milliseconds.' })
  durationMs!: number | null;

  @Field({ description: 'The last 16 KiB of its stdout and stderr together.' })
  output!: string;

  @Field({ description: 'Earlier output was dropped.' })
  outputTruncated!: boolean;
}

export const CronJobRunConnection = ConnectionType(CronJobRun, 'CronJobRun');
