'use client';
// A new cron job of a webroot: name, schedule (five cron fields) in a time zone, command (one
// argument per line: no shell), timeout, overlap and the failures after which it disables itself.
// userErrors appear next to their fields and nothing is created; on success the list is read
// again and the job shows PENDING, its badge moving on live.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, ListField, listLines, SelectField, SubmitRow, TextField } from '@/components/form-field';
import type { CronConcurrency } from '@hostplane/schema-types';
import { CreateCronJobDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = [
  'name',
  'schedule',
  'timeZone',
  'command',
  'timeoutSeconds',
  'concurrency',
  'maxConsecutiveFailures',
] as const;

const CONCURRENCY_OPTIONS = [
  { value: 'FORBID', label: 'Skip a tick while a run goes on' },
  { value: 'ALLOW', label: 'Allow overlapping runs' },
];

/** A whole number from the field, or NaN (the API then names the field). */
const whole = (text: string, fallback: number) => (text === '' ? fallback : Number(text));

export function CronJobForm({ webrootId, onDone }: { webrootId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateCronJobDocument, { refetchQueries: ['WebrootCronJobs'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const command = listLines(form, 'command');
    const timeoutSeconds = whole(text('timeoutSeconds'), 300);
    const maxConsecutiveFailures = whole(text('maxConsecutiveFailures'), 5);
    const { data } = await create({
      variables: {
        input: {
          webrootId,
          name: text('name'),
          schedule: text('schedule'),
          timeZone: text('timeZone') || 'UTC',
          command,
          timeoutSeconds: Number.isInteger(timeoutSeconds) ? timeoutSeconds : 0,
          concurrency: text('concurrency') as CronConcurrency,
          maxConsecutiveFailures: Number.isInteger(maxConsecutiveFailures) ? maxConsecutiveFailures : 0,
        },
      },
    });
    if (data?.createCronJob.cronJob) onDone();
    return data?.createCronJob.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate aria-label="New cron job">
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Name" error={errors.byField.name} placeholder="nightly-cleanup" />
      <TextField
        name="schedule"
        label="Schedule"
        error={errors.byField.schedule}
        placeholder="*/15 * * * *"
        hint="Five cron fields: minute hour day-of-month month day-of-week."
      />
      <TextField name="timeZone" label="Time zone" error={errors.byField.timeZone} defaultValue="UTC" />
      <ListField
        name="command"
        label="Command"
        error={errors.byField.command}
        hint="The program and its arguments, one per line (no shell). It runs as the tenant in the webroot’s folder."
      />
      <TextField
        name="timeoutSeconds"
        label="Timeout (seconds)"
        type="number"
        defaultValue="300"
        error={errors.byField.timeoutSeconds}
      />
      <SelectField
        name="concurrency"
        label="Overlap"
        options={CONCURRENCY_OPTIONS}
        defaultValue="FORBID"
        error={errors.byField.concurrency}
      />
      <TextField
        name="maxConsecutiveFailures"
        label="Disable after failures in a row"
        type="number"
        defaultValue="5"
        error={errors.byField.maxConsecutiveFailures}
      />
      <SubmitRow label="Add cron job" busy={loading} onCancel={onDone} />
    </form>
  );
}
