import {
  GetTenantDocument,
  HostplaneApiError,
  TenantChangedDocument,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
  type ResourceStatus,
  type TenantFieldsFragment,
} from '@hostplane/schema/sdk';

/** Statuses after which a workflow has stopped on its own: nothing more will happen unasked. */
const STOPPED: readonly ResourceStatus[] = ['FAILED', 'DELETED'];

/**
 * Follows a tenant until its status is one of `until` (or FAILED/DELETED), calling `onEvent` for
 * each status change and workflow step, and resolves with the tenant as it then is.
 *
 * Race-free without polling: the tenant is read first (an already-final status returns at
 * once), and the subscription starts `after` the newest event that read saw, so the server
 * replays anything committed in between. Replayed events can repeat on a reconnect, hence the
 * cursor set.
 */
export async function watchTenant(
  client: HostplaneClient,
  id: string,
  until: readonly ResourceStatus[],
  onEvent: (event: ResourceEventFieldsFragment) => void,
): Promise<TenantFieldsFragment> {
  const done = (status: ResourceStatus) => until.includes(status) || STOPPED.includes(status);
  const { tenant } = await client.query(GetTenantDocument, { id, lastEvents: 1 });
  const { events, ...start } = tenant;
  if (done(start.status)) return start;

  const final = await new Promise<ResourceEventFieldsFragment>((resolve, reject) => {
    const seen = new Set<string>();
    const stop = client.subscribe(
      TenantChangedDocument,
      // A tenant always has its CREATED event; `null` (live only) is the fallback if it had none.
      { id, after: events[0]?.cursor ?? null },
      ({ tenantChanged: event }) => {
        if (seen.has(event.cursor)) return;
        seen.add(event.cursor);
        onEvent(event);
        if (event.kind === 'STATUS' && event.status && done(event.status)) {
          stop();
          resolve(event);
        }
      },
      reject,
    );
  });
  return reread(client, start, final);
}

/** The tenant after its final event; a DELETED tenant may no longer be readable, so fall back. */
async function reread(
  client: HostplaneClient,
  start: TenantFieldsFragment,
  final: ResourceEventFieldsFragment,
): Promise<TenantFieldsFragment> {
  try {
    const { tenant } = await client.query(GetTenantDocument, { id: start.id, lastEvents: 1 });
    const { events: _events, ...fields } = tenant;
    return fields;
  } catch (error) {
    if (!(error instanceof HostplaneApiError) || error.code !== 'NOT_FOUND') throw error;
    return { ...start, status: final.status ?? start.status, statusMessage: final.message };
  }
}
