import { ApplicationFailure } from '@temporalio/activity';
import type { EgressAllowlist } from '@hostplane/contract/egress';
import type { Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/resources';
import { nodesOf } from './database-plan.activities.js';

export interface EgressRuleActivityDeps {
  db: Db;
}

/** What an egress rule's workflow applies: its tenant's whole allowlist, on every node of the tenant's shard. */
export interface EgressAllowlistPlan {
  tenantId: string;
  nodeIds: string[];
  spec: EgressAllowlist;
}

/**
 * The rules a tenant wants, whatever their own workflow's progress: every rule but those being
 * (or already) deleted, and a FAILED delete (the tenant asked for it to go). Every sync renders
 * this same set, so two rules created side by side cannot drop each other: whichever sync
 * applies last applies both (and re-checks after applying, egress-rule-lifecycle.ts).
 */
const WANTED = {
  status: { notIn: ['DELETING' as const, 'DELETED' as const] },
  NOT: { status: 'FAILED' as const, lastOperation: 'DELETE' },
};

/** Plan reads and the tenant cascade of egress rules (statuses and steps: resource.activities.ts). */
export function createEgressRuleActivities({ db }: EgressRuleActivityDeps) {
  return {
    /** The allowlist of the rule's tenant; a tenant being deleted has no nodes to require. */
    async loadEgressAllowlist(ruleId: string): Promise<EgressAllowlistPlan> {
      const rule = await db.egressRule.findUnique({
        where: { id: ruleId },
        select: { tenant: { select: { id: true, name: true, uid: true, shardId: true, status: true } } },
      });
      if (!rule) throw ApplicationFailure.nonRetryable(`egress rule ${ruleId} does not exist`, 'EgressRuleNotFound');
      const { tenant } = rule;
      const [nodeIds, rules] = await Promise.all([
        nodesOf(db, tenant.shardId, tenant.status !== 'DELETING' && tenant.status !== 'DELETED'),
        db.egressRule.findMany({
          where: { tenantId: tenant.id, ...WANTED },
          select: { cidr: true, protocol: true, portFrom: true, portTo: true },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ]);
      return { tenantId: tenant.id, nodeIds, spec: { tenant: tenant.name, uid: tenant.uid, rules } };
    },

    /** The tenant's rules not DELETED (a FAILED delete counts: its nodes may still hold it). */
    countTenantEgressRules(tenantId: string): Promise<number> {
      return db.egressRule.count({ where: { tenantId, status: { not: 'DELETED' } } });
    },

    /**
     * Marks the deleted tenant's remaining rules DELETED (each with its STATUS event), once its
     * nodes forgot the allowlist. Idempotent: DELETED rules are left alone.
     */
    async markTenantEgressRulesDeleted(tenantId: string): Promise<number> {
      const rules = await db.egressRule.findMany({
        where: { tenantId, status: { not: 'DELETED' } },
        select: { id: true },
      });
      for (const { id } of rules) {
        await setResourceStatus(db, {
          resourceType: 'EgressRule',
          resourceId: id,
          status: 'DELETED',
          statusMessage: null,
        });
      }
      return rules.length;
    },
  };
}

export type EgressRuleActivities = ReturnType<typeof createEgressRuleActivities>;
