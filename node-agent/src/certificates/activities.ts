import type { Logger } from 'pino';
import type { CertificateLbActivities } from '@hostplane/contract/certificates';
import type { LoadBalancerManager } from '../haproxy/manager.js';
import { reconcile } from '../reconcile.js';
import { WebError } from '../webroots/errors.js';

/** Load-balancer TLS activities (task queue `node-<id>` of an LB node); each is idempotent. */
export function createCertificateLbActivities(deps: {
  lb: LoadBalancerManager;
  logger: Logger;
}): CertificateLbActivities {
  const { lb, logger } = deps;
  /** The TLS store of a running HAProxy (a crashed one is started again from its files first). */
  const running = async () => {
    if (!lb.tls)
      throw new WebError('InvalidLbSpec', 'this load balancer serves no HTTPS (HOSTPLANE_HAPROXY_HTTPS_BIND)');
    await lb.setMappings([]);
    return lb.tls;
  };
  return {
    installTlsSite: (spec) =>
      reconcile(logger, 'installTlsSite', { hostname: spec.hostname }, async () => (await running()).install(spec)),
    removeTlsSite: ({ hostname }) =>
      reconcile(logger, 'removeTlsSite', { hostname }, async () => (await running()).remove(hostname)),
    setAcmeChallenges: ({ challenges }) =>
      reconcile(logger, 'setAcmeChallenges', { challenges: challenges.length }, async () =>
        (await running()).setChallenges(challenges),
      ),
    removeAcmeChallenges: ({ tokens }) =>
      reconcile(logger, 'removeAcmeChallenges', { tokens: tokens.length }, async () =>
        (await running()).removeChallenges(tokens),
      ),
  };
}
