import {
  GetTenantDocument,
  TenantChangedDocument,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';

/**
 * Follows a tenant's events until its status is one of `until`, and returns every event seen.
 * Reads the tenant first and subscribes after its newest event, so nothing is missed between.
 */
export async function watchTenant(
  c: HostplaneClient,
  id: string,
  until: string[],
  timeoutMs = 45_000,
): Promise<{ status: string; events: ResourceEventFieldsFragment[] }> {
  const { tenant } = await c.query(GetTenantDocument, { id, lastEvents: 1 });
  if (until.includes(tenant.status)) return { status: tenant.status, events: [] };
  const after = tenant.events[0]?.cursor ?? null;
  const events: ResourceEventFieldsFragment[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`tenant ${id} did not reach ${until.join('/')} in ${timeoutMs} ms: ${JSON.stringify(events)}`));
    }, timeoutMs);
    const stop = c.subscribe(
      TenantChangedDocument,
      { id, after },
      ({ tenantChanged: event }) => {
        events.push(event);
        if (event.kind === 'STATUS' && event.status && until.includes(event.status)) {
          clearTimeout(timer);
          stop();
          resolve({ status: event.status, events });
        }
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
