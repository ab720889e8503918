// A mail node's certificate, as part of the node's sync (issue 13): ordered from the platform's
// ACME CA once the node has answered with its host name, and again when it is due, with the
// HTTP-01 answers on the load balancers of its cluster. A failed order never fails the sync: the
// mail keeps flowing, the reason is kept on the certificate's row, and the next try waits.
// Deterministic code: types, workflow APIs and plain data only.
import { log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import type { CertificateLbActivities } from '@hostplane/contract/certificates';
import { WEB_NON_RETRYABLE_ERROR_TYPES } from '@hostplane/contract/webroots';
import type { PendingOrder } from '../certificates/acme.js';
import type { MailTlsActivities } from '../mail/mail-tls.activities.js';
import { requestMailNodeSync } from './mail-node-sync.js';
import { ACME_ORDER, BOOKKEEPING } from './certificate-activity-options.js';
import { describeFailure, nodeActivities } from './steps.js';
import { onWebNode, web } from './web-steps.js';

const mailTls = proxyLocalActivities<MailTlsActivities>(BOOKKEEPING);

const acme = proxyActivities<MailTlsActivities>(ACME_ORDER);

const onLb = (nodeId: string, attempts?: number) =>
  nodeActivities<CertificateLbActivities>(nodeId, {
    startToCloseTimeout: '1 minute',
    nonRetryableErrorTypes: [...WEB_NON_RETRYABLE_ERROR_TYPES, CAPABILITY_MISSING],
    ...(attempts ? { attempts } : {}),
  });

/**
 * The challenges on one load balancer. One that was never converged (a cluster with mail but no
 * site yet has no HAProxy config) gets its cluster's whole spec first, as a bind does.
 */
async function publish(lbNodeId: string, clusterId: string, challenges: PendingOrder['challenges']): Promise<void> {
  try {
    await onLb(lbNodeId, 1).setAcmeChallenges({ challenges });
  } catch {
    await onWebNode(lbNodeId).convergeLb(await web.loadLbSpec(clusterId));
    await onLb(lbNodeId).setAcmeChallenges({ challenges });
  }
}

/**
 * The renewal sweep's part for mail: each node whose certificate is due gets a sync, which orders
 * the new one and applies it (a node whose mail never changes would otherwise keep an expiring one).
 */
export async function renewMailCertificates(): Promise<number> {
  const due = await mailTls.mailCertificatesDue();
  let synced = 0;
  for (const nodeId of due) {
    // A node that cannot apply now is one node left for the next sweep, not a failed sweep.
    try {
      await requestMailNodeSync(nodeId);
      synced++;
    } catch (error) {
      log.warn('mail node certificate renewal: its sync failed, the next sweep tries again', {
        nodeId,
        error: describeFailure(error),
      });
    }
  }
  return synced;
}

/** Orders the node's certificate when one is due; true when a new one was stored (the node needs it applied). */
export async function ensureMailCertificate(nodeId: string): Promise<boolean> {
  const plan = await mailTls.mailTlsPlan(nodeId);
  if (!plan) return false;
  try {
    const order = await acme.beginMailIssuance(nodeId);
    try {
      await Promise.all(plan.lbNodeIds.map((id) => publish(id, plan.clusterId, order.challenges)));
      await acme.completeMailIssuance({ nodeId, orderUrl: order.orderUrl });
    } finally {
      const tokens = order.challenges.map((c) => c.token);
      await Promise.all(plan.lbNodeIds.map((id) => onLb(id).removeAcmeChallenges({ tokens })));
    }
    return true;
  } catch (error) {
    await mailTls.noteMailIssuanceFailure({ nodeId, message: describeFailure(error) });
    return false;
  }
}
