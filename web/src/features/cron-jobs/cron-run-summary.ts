// How a run reads in the panel: one short phrase (its outcome) and when it started.
import type { CronJobRunRowFragment } from '@/generated/graphql';

export function runOutcome(run: CronJobRunRowFragment): string {
  if (run.status === 'RUNNING') return 'running…';
  if (run.timedOut) return `timed out after ${Math.round((run.durationMs ?? 0) / 1000)} s`;
  if (run.signal) return `killed by ${run.signal}`;
  if (run.exitCode === null) return 'did not run';
  const took = run.durationMs === null ? '' : ` in ${run.durationMs} ms`;
  return run.exitCode === 0 ? `ok${took}` : `exit code ${run.exitCode}`;
}

export const startedAt = (run: CronJobRunRowFragment) => new Date(run.startedAt).toLocaleString();
