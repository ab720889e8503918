import type { ResourceStatus } from '@hostplane/schema-types';

/**
 * A resource's status as a coloured badge. `label` makes it a polite live region named after
 * what it describes (a detail page's main status), so assistive technology hears it change.
 */
export function StatusBadge({ status, label }: { status: ResourceStatus; label?: string }) {
  const live = label ? ({ role: 'status', 'aria-label': `${label}: ${status}`, 'aria-live': 'polite' } as const) : {};
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-status={status} {...live}>
      {status}
    </span>
  );
}
