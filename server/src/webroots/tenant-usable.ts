// What webroots and FQDNs require of their tenant (their lifecycle protocol is the resource kit's:
// ../resources/lifecycle.ts).
import { userError, UserErrorCode, type UserError } from '@hostplane/schema';

/** Tenant statuses a webroot may be created or changed, or an FQDN bound, in. */
export const TENANT_USABLE: readonly string[] = ['PENDING', 'PROVISIONING', 'ACTIVE'];

/** The userError when the tenant is suspended, failed or going: nothing may be added to it. */
export function tenantUnusable(field: string, tenant: { name: string; status: string }): UserError | null {
  if (TENANT_USABLE.includes(tenant.status)) return null;
  return userError(field, `Tenant ${tenant.name} is ${tenant.status}.`, UserErrorCode.INVALID_STATE);
}
