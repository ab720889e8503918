import type { ResourceEventFieldsFragment } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { TableHead } from './table-head';

/** Every recorded event of a resource, newest first. */
export function EventHistory({ events }: { events: readonly ResourceEventFieldsFragment[] }) {
  if (!events.length) return <p className="muted">No events yet.</p>;
  return (
    <table className="table compact" aria-label="Event history">
      <TableHead columns={['When', 'Kind', 'Status / step', 'Detail']} />
      <tbody>
        {events.map((event) => (
          <tr key={event.cursor}>
            <td className="nowrap">{formatDateTime(event.at)}</td>
            <td>{event.kind}</td>
            <td>{event.status ?? [event.step, event.stepState].filter(Boolean).join(' · ')}</td>
            <td>{event.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
