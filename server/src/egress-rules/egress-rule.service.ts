import {
  userError,
  UserErrorCode,
  type CreateEgressRuleInput,
  type EgressRuleMutationResult,
  type EgressRulesPort,
  type Viewer,
} from '@hostplane/schema';
import { optionalText } from '../common/validation.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { resolveOwner } from '../data-stores/placement.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { parseDestination } from './destination.js';
import { EgressRuleReads } from './egress-rule-reads.js';

type Result = EgressRuleMutationResult;

/**
 * Rules per tenant: each is a line of the tenant's chain on every node of its shard, so the
 * chain (and the page of `Tenant.egressRules` read in one query) stays short.
 */
export const MAX_EGRESS_RULES_PER_TENANT = 100;

/**
 * A tenant's outbound allowlist: create, delete, retry (and the reads). A suspended tenant keeps
 * its rules and may still change them (a rule only narrows what its own processes reach); a
 * tenant being deleted takes no new ones, and its delete removes them (worker's cascade).
 */
export class EgressRuleService implements EgressRulesPort {
  private readonly reads: EgressRuleReads;
  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.reads = new EgressRuleReads(deps.db);
    this.kit = lifecycleOf(deps, 'EgressRule', (id) => this.reads.byId(id), {
      scope: 'egress_rules:write',
      find: (viewer, id) => this.reads.find(viewer, id),
      notFound: 'Egress rule not found.',
    });
  }

  get: EgressRulesPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  ofTenant: EgressRulesPort['ofTenant'] = (viewer, tenantId, args) => this.reads.ofTenant(viewer, tenantId, args);
  loadTenant: EgressRulesPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);

  /** Validates, inserts PENDING with its CREATED event and starts the tenant's sync. */
  async create(viewer: Viewer, input: CreateEgressRuleInput): Promise<Result> {
    viewer.require('egress_rules:write');
    const owner = await resolveOwner(this.deps.db, viewer, input.tenantId);
    if ('userErrors' in owner) return { egressRule: null, userErrors: owner.userErrors };
    const { tenant } = owner;
    const parsed = parseDestination(input);
    if ('problems' in parsed) {
      return { egressRule: null, userErrors: parsed.problems.map((p) => userError(p.field, p.message)) };
    }
    const description = optionalText(input.description);
    if (description && description.length > 200)
      return refuse('egressRule', 'description', 'description must be at most 200 characters.');
    if ((await this.reads.countLive(tenant.id)) >= MAX_EGRESS_RULES_PER_TENANT)
      return refuse(
        'egressRule',
        'tenantId',
        `A tenant has at most ${MAX_EGRESS_RULES_PER_TENANT} egress rules (use networks rather than single addresses).`,
        UserErrorCode.INVALID_STATE,
      );
    try {
      const row = await insertWithEvent(this.deps.db, 'EgressRule', tenant.brandId, (tx) =>
        tx.egressRule.create({ data: { tenantId: tenant.id, ...parsed.destination, description } }),
      );
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse('egressRule', 'cidr', 'The tenant already has this rule.', UserErrorCode.TAKEN);
      throw error;
    }
  }

  delete = (viewer: Viewer, id: string): Promise<Result> => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string): Promise<Result> => this.kit.retry(viewer, id);
}
