import type { ResourceStatus, TenantPayloadFieldsFragment } from '@hostplane/schema/sdk';
import { EXIT, ExitCodeError } from './errors.js';
import { formatEvent, note, printTenant } from './output.js';
import { assertNoUserErrors } from './results.js';
import type { Runtime } from './runtime.js';
import { watchTenant } from './watch.js';

/** How a tenant mutation's command ends. */
export interface TenantOutcome {
  /** Follow `tenantChanged` until the workflow settles, printing each step. */
  watch?: boolean;
  /** Statuses that mean the command succeeded, when watching. */
  success: readonly ResourceStatus[];
}

/**
 * Shared tail of every tenant mutation: userErrors → exit 1; otherwise print the tenant (after
 * watching, if asked) and exit 1 when the watched workflow ended anywhere but in `success`.
 */
export async function finishTenantMutation(
  runtime: Runtime,
  payload: TenantPayloadFieldsFragment,
  outcome: TenantOutcome,
): Promise<void> {
  assertNoUserErrors(payload.userErrors);
  let tenant = payload.tenant;
  if (!tenant) throw new Error('The API returned neither a tenant nor userErrors.');
  if (outcome.watch) {
    note(`${tenant.name}: ${tenant.status}, watching…`);
    tenant = await watchTenant(runtime.client(), tenant.id, outcome.success, (event) => note(formatEvent(event)));
  }
  printTenant(tenant, runtime.output);
  if (outcome.watch && !outcome.success.includes(tenant.status)) {
    note(`${tenant.name} ended ${tenant.status}${tenant.statusMessage ? `: ${tenant.statusMessage}` : ''}`);
    throw new ExitCodeError(EXIT.FAILED);
  }
}
