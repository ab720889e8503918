import type { ResourceEventFieldsFragment } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';

const STEP_MARK: Record<string, string> = { STARTED: '…', SUCCEEDED: '✓', FAILED: '✗' };
const KIND_TEXT: Record<ResourceEventFieldsFragment['kind'], string> = {
  CREATED: 'Created',
  UPDATED: 'Changed',
  DELETED: 'Deleted',
  STATUS: 'Status changed',
  STEP: 'Step',
};

/**
 * The current operation step by step: everything since the newest event that started one (a
 * PENDING status), oldest first. Each step shows its latest state; status changes show as
 * milestones. Fed by the cache, which the live event stream keeps up to date.
 */
export function ProgressSteps({ events }: { events: readonly ResourceEventFieldsFragment[] }) {
  const rows = currentOperation(events);
  if (!rows.length) return <p className="muted">No activity recorded yet.</p>;
  return (
    <ol className="progress" aria-label="Progress">
      {rows.map((row) => (
        <li key={row.key} className={`progress-${row.state.toLowerCase()}`} data-state={row.state}>
          <span className="progress-mark" aria-hidden="true">
            {row.mark}
          </span>
          <span className="progress-text">{row.text}</span>
          {row.message ? <span className="progress-message">{row.message}</span> : null}
          <time dateTime={row.at} className="muted">
            {formatDateTime(row.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

interface Row {
  key: string;
  state: string;
  mark: string;
  text: string;
  message: string | null;
  at: string;
}

function currentOperation(newestFirst: readonly ResourceEventFieldsFragment[]): Row[] {
  const start = newestFirst.findIndex(
    (event) => event.kind === 'CREATED' || (event.kind === 'STATUS' && event.status === 'PENDING'),
  );
  const slice = (start === -1 ? newestFirst : newestFirst.slice(0, start + 1)).slice().reverse();
  const rows: Row[] = [];
  const stepRow = new Map<string, Row>();
  for (const event of slice) {
    if (event.kind === 'STEP' && event.step) {
      const state = event.stepState ?? 'STARTED';
      const row = stepRow.get(event.step);
      const next = {
        key: `step-${event.step}`,
        state,
        mark: STEP_MARK[state] ?? '•',
        text: event.step,
        message: event.message,
        at: event.at,
      };
      if (row) Object.assign(row, next);
      else {
        stepRow.set(event.step, next);
        rows.push(next);
      }
    } else if (event.kind === 'STATUS' && event.status) {
      rows.push({
        key: event.cursor,
        state: `STATUS_${event.status}`,
        mark: '●',
        text: `Status ${event.status}`,
        message: event.message,
        at: event.at,
      });
    } else {
      rows.push({
        key: event.cursor,
        state: event.kind,
        mark: '•',
        text: KIND_TEXT[event.kind],
        message: event.message,
        at: event.at,
      });
    }
  }
  return rows;
}
