/**
 * Statuses of a resource that is being deleted or is gone: nothing new attaches to it, and it is
 * left out of every desired state. No imports: the worker's plans read it too.
 */
export const GONE_STATUSES = ['DELETING', 'DELETED'] as const;

export function isGone(status: string): boolean {
  return (GONE_STATUSES as readonly string[]).includes(status);
}
