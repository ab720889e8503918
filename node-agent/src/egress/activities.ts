import type { EgressActivities } from '@hostplane/contract/egress';
import type { Logger } from 'pino';
import { reconcile } from '../reconcile.js';
import type { EgressFloorManager } from './floor.js';

/**
 * The tenants' outbound allowlists on this node. Each call carries the tenant's whole list
 * (rendered from the database by the workflow), so a retry or a late, reordered call converges
 * to what the database says instead of adding or removing one rule.
 */
export function createEgressActivities(
  floor: Pick<EgressFloorManager, 'setAllowlist' | 'removeAllowlist'>,
  logger: Logger,
): EgressActivities {
  return {
    /** Applies the tenant's allowlist (no rules: unrestricted), one `nft -c`-checked transaction. */
    ensureEgressAllowlist: (spec) =>
      reconcile(logger, 'ensureEgressAllowlist', { tenantUser: spec.tenant, rules: spec.rules?.length }, () =>
        floor.setAllowlist(spec),
      ),
    /** Forgets a deleted tenant's allowlist on this node. */
    removeEgressAllowlist: (input) =>
      reconcile(logger, 'removeEgressAllowlist', { tenantUser: input.tenant }, () =>
        floor.removeAllowlist(input.tenant),
      ),
  };
}
