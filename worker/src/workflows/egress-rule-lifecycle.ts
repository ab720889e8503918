// Egress rule workflows (names in the server's Temporal contract) and the tenant delete's step
// for them. A rule's create and delete both apply its tenant's whole allowlist, read from the
// database, on every node of the tenant's shard: the node agent replaces the tenant's chain in
// one `nft -c`-checked transaction, so retries and reordered runs converge on what the database
// says. Deterministic code: types, workflow APIs and the plain-data contracts only.
import { proxyLocalActivities } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { EGRESS_ERROR_TYPES, type EgressActivities } from '@hostplane/contract/egress';
import type { EgressRuleActivities } from '../activities/egress-rule.activities.js';
import type { TenantPlan } from '../activities/tenant.activities.js';
import { deleting, nodeActivities, onEveryNode, provisioning, recorderOf, type StepRecorder } from './steps.js';
import { tenantRef } from './tenant-steps.js';
import { applyUntilStable } from './whole-set-sync.js';

const control = proxyLocalActivities<EgressRuleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const onNode = (nodeId: string) =>
  nodeActivities<EgressActivities>(nodeId, {
    startToCloseTimeout: '1 minute',
    nonRetryableErrorTypes: [...EGRESS_ERROR_TYPES, CAPABILITY_MISSING],
  });

/** Applies the tenant's allowlist on every node, again while rules change meanwhile (./whole-set-sync.ts). */
function syncAllowlist(record: StepRecorder, ruleId: string): Promise<void> {
  return applyUntilStable(
    () => control.loadEgressAllowlist(ruleId),
    async (plan) => {
      await onEveryNode(record, 'outbound allowlist applied', plan.nodeIds, (nodeId) =>
        onNode(nodeId).ensureEgressAllowlist(plan.spec),
      );
    },
  );
}

/** PENDING (or FAILED, on retry) → PROVISIONING → the tenant's allowlist with the rule on every node → ACTIVE. */
export async function syncEgressRuleWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'EgressRule', id } as const;
  await provisioning(ref, async () => {
    await syncAllowlist(recorderOf(ref), id);
  });
}

/** DELETING → the tenant's allowlist without the rule on every node (none left: unrestricted) → DELETED. */
export async function deleteEgressRuleWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'EgressRule', id } as const;
  await deleting(ref, async () => {
    await syncAllowlist(recorderOf(ref), id);
  });
}

/**
 * The tenant delete's step: every node forgets the tenant's allowlist (its chain goes with the
 * next table), then its rules are marked DELETED. A tenant without rules left has no allowlist
 * on any node (the last rule's delete emptied it): nothing to do.
 */
export async function removeTenantEgressRules(plan: TenantPlan): Promise<void> {
  const { id, name } = plan.tenant;
  if ((await control.countTenantEgressRules(id)) === 0) return;
  await onEveryNode(recorderOf(tenantRef(plan)), 'outbound allowlist removed', plan.nodeIds, (nodeId) =>
    onNode(nodeId).removeEgressAllowlist({ tenant: name }),
  );
  await control.markTenantEgressRulesDeleted(id);
}
