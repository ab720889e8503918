import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { CronConcurrency, CronJob } from './cron-job.type.js';

@InputType({ description: 'Add a cron job to a webroot.' })
export class CreateCronJobInput {
  @Field(() => ID, { description: 'The webroot whose folder, user and environment it runs with.' })
  webrootId!: string;

  @Field({ description: 'A label, 1–64 printable characters, unique among the webroot’s jobs.' })
  name!: string;

  @Field({ description: 'Five-field cron syntax: `*/5 * * * *`, `0 3 * * MON-FRI`.' })
  schedule!: string;

  @Field(() => String, { nullable: true, description: 'IANA time zone of the schedule (default `UTC`).' })
  timeZone?: string | null;

  @Field(() => [String], { description: 'The program and its arguments, at most 64 (no shell).' })
  command!: string[];

  @Field(() => Int, { nullable: true, description: 'Seconds before a run is killed, 1–21600 (default 300).' })
  timeoutSeconds?: number | null;

  @Field(() => CronConcurrency, { nullable: true, description: 'Whether runs may overlap (default FORBID).' })
  concurrency?: CronConcurrency | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether its ticks run (default true).' })
  enabled?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Failed runs in a row after which it disables itself, 1–100 (default 5).',
  })
  maxConsecutiveFailures?: number | null;
}

@InputType({ description: 'Change a cron job; omitted fields stay as they are. Enabling it resets its failure count.' })
export class UpdateCronJobInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Five-field cron syntax.' })
  schedule?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  timeZone?: string | null;

  @Field(() => [String], { nullable: true, description: 'The program and its arguments.' })
  command?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Seconds before a run is killed, 1–21600.' })
  timeoutSeconds?: number | null;

  @Field(() => CronConcurrency, { nullable: true, description: 'Whether runs may overlap.' })
  concurrency?: CronConcurrency | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether its ticks run; true resets its failure count.' })
  enabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Failed runs in a row after which it disables itself, 1–100.' })
  maxConsecutiveFailures?: number | null;
}

@InputType({ description: 'Refer to one cron job.' })
export class CronJobIdInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;
}

@ObjectType({ description: 'Result of a cron job mutation.' })
export class CronJobPayload {
  @Field(() => CronJob, { nullable: true, description: 'The job, as written (null on userErrors).' })
  cronJob!: CronJob | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
