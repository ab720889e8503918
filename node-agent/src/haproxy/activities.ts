import type { Logger } from 'pino';
import { reconcile } from '../reconcile.js';
import type { FqdnMapping, LbActivities, LbConvergeResult, LbSpec } from '@hostplane/contract/webroots';
import type { LoadBalancerManager } from './manager.js';

export interface LbActivityDeps {
  lb: LoadBalancerManager;
  logger: Logger;
}

/** Load-balancer activities (task queue `node-<id>` of an LB node); each is idempotent. */
export function createLbActivities(deps: LbActivityDeps): LbActivities {
  const { lb, logger } = deps;
  return {
    /** Routes each FQDN to its shard's backend at once (runtime API, no reload) and on disk. */
    setFqdnMappings: (input: { entries: FqdnMapping[] }): Promise<{ changed: number }> =>
      reconcile(logger, 'setFqdnMappings', { entries: input.entries.length }, () => lb.setMappings(input.entries)),
    /** Stops routing the FQDNs; absent ones are fine. */
    removeFqdnMappings: (input: { fqdns: string[] }): Promise<{ changed: number }> =>
      reconcile(logger, 'removeFqdnMappings', { fqdns: input.fqdns.length }, () => lb.removeMappings(input.fqdns)),
    /** Rebuilds the LB from the full spec: backends (reload only if they changed) and the whole map. */
    convergeLb: (spec: LbSpec): Promise<LbConvergeResult> =>
      reconcile(logger, 'convergeLb', { backends: spec.backends.length, entries: spec.entries.length }, () =>
        lb.converge(spec),
      ),
  };
}
