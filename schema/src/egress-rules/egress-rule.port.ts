import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { CreateEgressRuleInput } from './egress-rule.input.js';
import type { EgressRuleRecord } from './egress-rule.type.js';

export interface EgressRuleMutationResult {
  egressRule: EgressRuleRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`egress_rules:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface EgressRulesPort {
  get(viewer: Viewer, id: string): Promise<EgressRuleRecord | null>;
  /** A page of the tenant's rules (not DELETED), oldest first; batched per request. */
  ofTenant(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<EgressRuleRecord>>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;

  create(viewer: Viewer, input: CreateEgressRuleInput): Promise<EgressRuleMutationResult>;
  delete(viewer: Viewer, id: string): Promise<EgressRuleMutationResult>;
  retry(viewer: Viewer, id: string): Promise<EgressRuleMutationResult>;
}
