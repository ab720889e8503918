/**
 * The name of a node agent's own nftables table (family `inet`). Per node id, so two agents on
 * one machine (test runs side by side, `npm start` beside a run) never replace each other's
 * rules; a test harness deletes it after an agent it had to kill.
 */
export function egressTableName(nodeId: string): string {
  return `hostplane_${nodeId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

// ─── Tenants' outbound allowlists (egress rules) ────────────────────────────────────────────
// Plain data and types only: the workflows import this inside their deterministic bundle.

/** What an egress rule lets through: every protocol, or TCP or UDP only. */
export type EgressProtocolName = 'ANY' | 'TCP' | 'UDP';

/** One destination of an allowlist: a canonical CIDR and inclusive ports (both null: every port). */
export interface EgressAllowRule {
  cidr: string;
  protocol: EgressProtocolName;
  portFrom: number | null;
  portTo: number | null;
}

/**
 * A tenant's whole outbound allowlist, as the database holds it: what `ensureEgressAllowlist`
 * makes true on a node. No rules: the tenant is unrestricted (only the floor applies).
 */
export interface EgressAllowlist {
  /** The tenant's Linux account (Tenant.name). */
  tenant: string;
  uid: number;
  rules: EgressAllowRule[];
}

/** Failure types of the egress activities that no retry can fix (a spec the agent refuses). */
export const EGRESS_ERROR_TYPES = ['InvalidEgressAllowlist'] as const;

/**
 * The node agent's allowlist activities (task queue `node-<id>`), as workflows proxy them. Each
 * carries or removes a tenant's whole list, so retries and reordered calls converge.
 */
export interface EgressActivities {
  /** Applies the tenant's allowlist in one `nft -c`-checked transaction (no rules: unrestricted). */
  ensureEgressAllowlist(spec: EgressAllowlist): Promise<{ changed: boolean }>;
  /** Forgets a deleted tenant's allowlist on the node. */
  removeEgressAllowlist(input: { tenant: string }): Promise<{ changed: boolean }>;
}
