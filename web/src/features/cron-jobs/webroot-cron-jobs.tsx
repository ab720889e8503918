'use client';
// A webroot's cron jobs: schedule, command and the newest run, each with a live badge (and the
// run column read again when one of its runs starts or ends); Run now, Enable/Disable, the run
// history, Retry on FAILED ones and Delete behind a confirmation where the job's viewerCan allows
// it; with cron_jobs:write the dialog also adds jobs.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { FormErrorList } from '@/components/form-field';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteCronJobDocument,
  RetryCronJobDocument,
  RunCronJobNowDocument,
  UpdateCronJobDocument,
  WebrootCronJobsDocument,
} from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { CronJobForm } from './cron-job-form';
import { CronJobHistory } from './cron-job-history';
import { runOutcome, startedAt } from './cron-run-summary';

export function WebrootCronJobs({ webrootId, tenantId }: { webrootId: string; tenantId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(WebrootCronJobsDocument, { variables: { webrootId } });
  const [retry, retrying] = useMutation(RetryCronJobDocument);
  const [remove] = useMutation(DeleteCronJobDocument);
  const [update] = useMutation(UpdateCronJobDocument);
  const [runNow] = useMutation(RunCronJobNowDocument);
  const [refusals, setRefusals] = useState<string[]>([]);
  useRefetchOn(
    // A run's end, and the status event of a job its failures disabled (its enabled flag changed).
    (e) =>
      e.resourceType === 'CronJob' &&
      e.tenantId === tenantId &&
      (changesMembership(e) || e.step === 'run' || e.kind === 'STATUS'),
    refetch,
  );
  const jobs = data?.webroot.cronJobs.edges.map(({ node }) => node).filter((j) => j.status !== 'DELETED');
  if (!jobs) return <QueryState loading={loading} error={error} hasData={false} what="cron jobs" />;
  return (
    <div>
      {mayCall('createCronJob') ? (
        <div className="toolbar">
          <FormDialog label="New cron job" title="New cron job" primary>
            {(close) => <CronJobForm webrootId={webrootId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      <FormErrorList errors={refusals} />
      {jobs.length ? (
        <ResourceTable
          label="Cron jobs"
          rows={jobs}
          columns={[
            {
              header: 'Schedule',
              cell: (j) => (
                <>
                  <code>{j.schedule}</code> {j.timeZone === 'UTC' ? '' : j.timeZone}
                  {j.enabled ? null : <span className="muted"> · disabled</span>}
                  {/* Why it was disabled (after its failures): the reason is the job's status message. */}
                  {!j.enabled && j.statusMessage ? (
                    <p className="muted" role="note" aria-label={`Why ${j.name} is disabled`}>
                      {j.statusMessage}
                    </p>
                  ) : null}
                </>
              ),
            },
            { header: 'Command', cell: (j) => <code>{j.command.join(' ')}</code> },
            {
              header: 'Last run',
              cell: (j) =>
                j.lastRun ? (
                  <span title={startedAt(j.lastRun)}>
                    {runOutcome(j.lastRun)}
                    {j.consecutiveFailures ? ` (${j.consecutiveFailures}/${j.maxConsecutiveFailures} failed)` : ''}
                  </span>
                ) : (
                  <span className="muted">never</span>
                ),
            },
          ]}
          onRetry={(j) => void retry({ variables: { input: { id: j.id } } })}
          retrying={retrying.loading}
          actions={(j) =>
            j.status === 'DELETING' ? null : (
              <>
                <FormDialog label="Runs" name={`Runs of ${j.name}`} title={`Runs of ${j.name}`}>
                  {() => <CronJobHistory jobId={j.id} />}
                </FormDialog>
                {mayCall('runCronJobNow') && j.enabled && j.status === 'ACTIVE' ? (
                  <button
                    type="button"
                    aria-label={`Run ${j.name} now`}
                    onClick={async () => {
                      const { data: result } = await runNow({ variables: { input: { id: j.id } } });
                      setRefusals(result?.runCronJobNow.userErrors.map((e) => e.message) ?? []);
                    }}
                  >
                    Run now
                  </button>
                ) : null}
                {j.viewerCan.update ? (
                  <button
                    type="button"
                    aria-label={`${j.enabled ? 'Disable' : 'Enable'} ${j.name}`}
                    onClick={async () => {
                      const { data: result } = await update({
                        variables: { input: { id: j.id, enabled: !j.enabled } },
                      });
                      setRefusals(result?.updateCronJob.userErrors.map((e) => e.message) ?? []);
                    }}
                  >
                    {j.enabled ? 'Disable' : 'Enable'}
                  </button>
                ) : null}
                {j.viewerCan.delete ? (
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${j.name}`}
                    title={`Delete cron job ${j.name}?`}
                    confirmLabel="Delete cron job"
                    run={async () => {
                      const { data: result } = await remove({ variables: { input: { id: j.id } } });
                      return result?.deleteCronJob.userErrors ?? [];
                    }}
                  >
                    <p>Its schedule is removed and its run history goes with it. A run going on finishes.</p>
                  </ConfirmButton>
                ) : null}
              </>
            )
          }
        />
      ) : (
        <p className="muted">No cron jobs.</p>
      )}
    </div>
  );
}
