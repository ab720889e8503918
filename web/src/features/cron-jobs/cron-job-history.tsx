'use client';
// A cron job's newest runs: when, how they were started, how they ended, and the tail of what they
// printed. Read again on every run event of the job (a run's start and end), so a run going on
// shows up and completes live.
import { useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { CronJobHistoryDocument } from '@/generated/graphql';
import { useRefetchOn } from '@/lib/hooks';
import { runOutcome, startedAt } from './cron-run-summary';

export function CronJobHistory({ jobId }: { jobId: string }) {
  const { data, loading, error, refetch } = useQuery(CronJobHistoryDocument, {
    variables: { id: jobId },
    fetchPolicy: 'network-only',
  });
  useRefetchOn((e) => e.resourceId === jobId && e.step === 'run', refetch);
  const runs = data?.cronJob.runs.edges.map(({ node }) => node);
  if (!runs) return <QueryState loading={loading} error={error} hasData={false} what="run history" />;
  if (!runs.length) return <p className="muted">No runs yet.</p>;
  return (
    <section aria-label={`Runs of ${data!.cronJob.name}`}>
      <p className="muted">
        The newest {runs.length} of {data!.cronJob.runs.totalCount} runs kept.
      </p>
      {runs.map((run) => (
        <details key={run.id}>
          <summary>
            {startedAt(run)} · {run.trigger === 'MANUAL' ? 'run now' : 'schedule'} · {runOutcome(run)}
          </summary>
          {run.output ? (
            <pre className="log">
              {run.outputTruncated ? '…\n' : ''}
              {run.output}
            </pre>
          ) : (
            <p className="muted">No output.</p>
          )}
        </details>
      ))}
    </section>
  );
}
