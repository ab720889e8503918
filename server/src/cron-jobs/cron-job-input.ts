import { CRON_MAX_FAILURES, CRON_TIMEOUT_SECONDS, cronCommandProblem } from '@hostplane/contract/cron-jobs';
import { userError, type CreateCronJobInput, type UpdateCronJobInput, type UserError } from '@hostplane/schema';
import { cronScheduleProblem, timeZoneProblem } from './cron-schedule.js';

/** The columns a create or update writes, every one checked. */
export interface CronJobFields {
  schedule: string;
  timeZone: string;
  command: string[];
  timeoutSeconds: number;
  concurrency: 'FORBID' | 'ALLOW';
  enabled: boolean;
  maxConsecutiveFailures: number;
}

export const CRON_JOB_DEFAULTS = {
  timeZone: 'UTC',
  timeoutSeconds: CRON_TIMEOUT_SECONDS.default,
  concurrency: 'FORBID',
  enabled: true,
  maxConsecutiveFailures: CRON_MAX_FAILURES.default,
} as const;

const within = (value: number, { min, max }: { min: number; max: number }) =>
  Number.isInteger(value) && value >= min && value <= max;

/** Why the job's name cannot be used, or null. */
export function cronJobNameProblem(name: string): string | null {
  return name.length >= 1 && name.length <= 64 && /^[\x20-\x7e]+$/.test(name)
    ? null
    : 'name must be 1–64 printable ASCII characters.';
}

/**
 * The job's columns after `input` (the stored ones under what it omits), or every problem, each
 * at its field: a bad schedule, time zone, command, timeout or failure limit writes nothing.
 */
export function cronJobFieldsOf(
  input: CreateCronJobInput | UpdateCronJobInput,
  current: CronJobFields,
): { fields: CronJobFields } | { userErrors: UserError[] } {
  const fields: CronJobFields = {
    schedule: input.schedule?.trim().split(/\s+/).join(' ') ?? current.schedule,
    timeZone: input.timeZone?.trim() ?? current.timeZone,
    command: input.command ?? current.command,
    timeoutSeconds: input.timeoutSeconds ?? current.timeoutSeconds,
    concurrency: input.concurrency ?? current.concurrency,
    enabled: input.enabled ?? current.enabled,
    maxConsecutiveFailures: input.maxConsecutiveFailures ?? current.maxConsecutiveFailures,
  };
  const errors: UserError[] = [];
  const zone = timeZoneProblem(fields.timeZone);
  if (zone) errors.push(userError('timeZone', `timeZone ${zone}.`));
  const schedule = cronScheduleProblem(fields.schedule, zone ? 'UTC' : fields.timeZone);
  if (schedule) errors.push(userError('schedule', `schedule ${schedule}.`));
  const command = cronCommandProblem(fields.command);
  if (command) errors.push(userError('command', `command ${command}.`));
  if (!within(fields.timeoutSeconds, CRON_TIMEOUT_SECONDS)) {
    errors.push(
      userError(
        'timeoutSeconds',
        `timeoutSeconds must be a whole number from ${CRON_TIMEOUT_SECONDS.min} to ${CRON_TIMEOUT_SECONDS.max}.`,
      ),
    );
  }
  if (!within(fields.maxConsecutiveFailures, CRON_MAX_FAILURES)) {
    errors.push(
      userError(
        'maxConsecutiveFailures',
        `maxConsecutiveFailures must be a whole number from ${CRON_MAX_FAILURES.min} to ${CRON_MAX_FAILURES.max}.`,
      ),
    );
  }
  return errors.length > 0 ? { userErrors: errors } : { fields };
}
