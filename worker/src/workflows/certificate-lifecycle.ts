// Certificate workflows: issue (ACME HTTP-01 through the load balancers) and install, remove, and
// the renewal schedule's sweep. Deterministic: activities and child workflows only.
import {
  patched,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  executeChild,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import type { CertificateLbActivities } from '@hostplane/contract/certificates';
import { WEB_NON_RETRYABLE_ERROR_TYPES } from '@hostplane/contract/webroots';
import type { CertificateActivities, CertificatePlan } from '../certificates/certificate.activities.js';
import { ACME_ORDER, BOOKKEEPING } from './certificate-activity-options.js';
import { dnsPointsHere } from './dns-pointing.js';
import { renewMailCertificates } from './mail-tls.js';
import {
  deleting,
  describeFailure,
  failing,
  nodeActivities,
  onEveryNode,
  recorderOf,
  setStatus,
  step,
  type StepRecorder,
} from './steps.js';

const certs = proxyLocalActivities<CertificateActivities>(BOOKKEEPING);

const acme = proxyActivities<CertificateActivities>(ACME_ORDER);

const onLb = (nodeId: string) =>
  nodeActivities<CertificateLbActivities>(nodeId, {
    startToCloseTimeout: '1 minute',
    nonRetryableErrorTypes: [...WEB_NON_RETRYABLE_ERROR_TYPES, CAPABILITY_MISSING],
  });

/** An ACME order: challenges on every load balancer, validation, issuance; the challenges removed in any case. */
async function issue(record: StepRecorder, id: string, plan: CertificatePlan): Promise<void> {
  const order = await step(record, 'ACME order', `certificate ordered for ${plan.hostname}`, () =>
    acme.beginIssuance(id),
  );
  try {
    await onEveryNode(record, 'challenge published', plan.lbNodeIds, (nodeId) =>
      onLb(nodeId).setAcmeChallenges({ challenges: order.challenges }),
    );
    await step(record, 'ACME validation', 'validated over HTTP-01 and issued', () =>
      acme.completeIssuance({ id, orderUrl: order.orderUrl }),
    );
  } finally {
    const tokens = order.challenges.map((c) => c.token);
    await onEveryNode(record, 'challenge removed', plan.lbNodeIds, (nodeId) =>
      onLb(nodeId).removeAcmeChallenges({ tokens }),
    );
  }
}

/**
 * PENDING (or FAILED, on retry) → PROVISIONING → a new certificate when one is due (none yet,
 * renewal time, renewal asked for; automatic ones only) → live on every load balancer of the
 * FQDN's cluster with its redirect and HSTS options (runtime API, no reload) → ACTIVE. A failed
 * issuance also pushes the next renewal attempt back.
 */
export async function syncCertificateWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Certificate' as const, id };
  if (!(await setStatus(ref, 'PROVISIONING', ['PENDING', 'FAILED']))) return;
  await failing(ref, ['PROVISIONING'], async () => {
    const record = recorderOf(ref);
    const plan = await certs.loadCertificatePlan(id);
    if (plan.fqdnStatus !== 'ACTIVE') throw new Error(`${plan.hostname} is ${plan.fqdnStatus}, not routed`);
    if (plan.needsIssuance) {
      // Not before its DNS points here (runs from before the wait replay without it).
      if (patched('tls-dns-wait') && !(await dnsPointsHere(id))) return;
      try {
        await issue(record, id, plan);
      } catch (error) {
        await certs.noteIssuanceFailure(id);
        throw error;
      }
    }
    const site = await certs.loadTlsSite(id);
    await onEveryNode(record, 'certificate installed', plan.lbNodeIds, (nodeId) => onLb(nodeId).installTlsSite(site));
    await setStatus(ref, 'ACTIVE', ['PROVISIONING']);
  });
}

/** DELETING → the certificate and its options gone from every load balancer → DELETED. */
export async function deleteCertificateWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'Certificate' as const, id };
  await deleting(ref, async () => {
    const plan = await certs.loadCertificatePlan(id);
    await onEveryNode(recorderOf(ref), 'certificate removed', plan.lbNodeIds, (nodeId) =>
      onLb(nodeId).removeTlsSite({ hostname: plan.hostname }),
    );
  });
}

/** After a bind routed its name: an automatic certificate for it, in a workflow of its own. */
export async function startAutomaticCertificate(fqdnId: string): Promise<void> {
  const id = await certs.ensureAutomaticCertificate(fqdnId);
  if (!id) return;
  try {
    await startChild(syncCertificateWorkflow, {
      args: [{ id }],
      workflowId: `certificate-create-${id}`,
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Before an unbind completes: its certificate leaves the load balancers. */
export async function removeCertificateOfFqdn(fqdnId: string): Promise<void> {
  const id = await certs.certificateOfFqdn(fqdnId);
  if (id) await executeChild(deleteCertificateWorkflow, { args: [{ id }], workflowId: `certificate-unbind-${id}` });
}

/**
 * The renewal schedule's sweep: every automatic certificate whose renewal time has come (two
 * thirds of its lifetime, or the backoff after a failure) is renewed, one after the other; the
 * certificates of names no longer bound are removed; mail nodes whose certificate is due are
 * synced (which renews it). A failure shows on the certificate
 * (FAILED, its message and events) and in `expiringCertificates`.
 */
export async function renewCertificatesWorkflow(): Promise<{ renewed: number; removed: number }> {
  let renewed = 0;
  for (const id of await certs.certificatesDue()) {
    const ref = { type: 'Certificate' as const, id };
    if (!(await setStatus(ref, 'PENDING', ['ACTIVE', 'FAILED']))) continue;
    await executeChild(syncCertificateWorkflow, { args: [{ id }], workflowId: `certificate-renew-${id}` });
    renewed++;
  }
  let removed = 0;
  for (const id of await certs.certificatesOfUnboundFqdns()) {
    await executeChild(deleteCertificateWorkflow, { args: [{ id }], workflowId: `certificate-unbind-${id}` });
    removed++;
  }
  // Mail nodes' certificates too (runs from before them replay without it).
  if (patched('mail-certificate-renewal')) renewed += await renewMailCertificates();
  return { renewed, removed };
}

/**
 * A load-balancer shard's convergence step: every certificate of its cluster installed again on
 * each node (files and runtime API; unchanged ones cost a file compare and a runtime swap), so a
 * wiped node answers HTTPS with the certificates the platform holds. A certificate that fails on
 * a node is one failure in the report; the others carry on.
 */
export async function convergeLbCertificates(
  record: StepRecorder,
  shardId: string,
  nodes: Array<{ id: string; hostname: string }>,
  failures: Array<{ resource: string; node: string | null; message: string }>,
): Promise<void> {
  const ids = await certs.certificatesOfLbShard(shardId);
  const installed = new Map(nodes.map((n) => [n.id, 0]));
  for (const id of ids) {
    let site;
    try {
      site = await certs.loadLiveTlsSite(id);
    } catch (error) {
      failures.push({ resource: `certificate ${id}`, node: null, message: describeFailure(error) });
      continue;
    }
    if (!site) {
      // Removed meanwhile: nothing to put back; counted as done on every node.
      for (const n of nodes) installed.set(n.id, installed.get(n.id)! + 1);
      continue;
    }
    const results = await Promise.allSettled(nodes.map((n) => onLb(n.id).installTlsSite(site)));
    results.forEach((r, i) => {
      const node = nodes[i]!;
      if (r.status === 'fulfilled') installed.set(node.id, installed.get(node.id)! + 1);
      else
        failures.push({
          resource: `certificate of ${site.hostname}`,
          node: node.hostname,
          message: describeFailure(r.reason),
        });
    });
  }
  for (const node of nodes) {
    const count = installed.get(node.id)!;
    await record(
      'certificates converged',
      count === ids.length ? 'SUCCEEDED' : 'FAILED',
      `node ${node.hostname}: ${count} of ${ids.length} certificates installed`,
    );
  }
}
