/**
 * Workflows of webroots, FQDNs and shard convergence (part of the Temporal contract: re-exported
 * by contract.ts), and the names the API and the workflows must compute alike. Plain data and
 * pure functions only: the workflow bundle imports this file.
 */
import type { WorkflowName } from './workflows.js';

export type WebrootOperation = 'CREATE' | 'UPDATE' | 'DELETE';
export type FqdnOperation = 'BIND' | 'UNBIND';

/** CREATE and UPDATE both make the node match the stored webroot. */
export const webrootWorkflowName: Record<WebrootOperation, WorkflowName> = {
  CREATE: 'syncWebrootWorkflow',
  UPDATE: 'syncWebrootWorkflow',
  DELETE: 'deleteWebrootWorkflow',
};

export const fqdnWorkflowName: Record<FqdnOperation, WorkflowName> = {
  BIND: 'bindFqdnWorkflow',
  UNBIND: 'unbindFqdnWorkflow',
};

export const CONVERGE_SHARD_WORKFLOW = 'convergeShardWorkflow' satisfies WorkflowName;

/** `webroot-update-<uuid>`: one run per webroot and operation at a time. */
export function webrootWorkflowId(operation: WebrootOperation, webrootId: string): string {
  return `webroot-${operation.toLowerCase()}-${webrootId}`;
}

/** `fqdn-bind-<uuid>`. */
export function fqdnWorkflowId(operation: FqdnOperation, fqdnId: string): string {
  return `fqdn-${operation.toLowerCase()}-${fqdnId}`;
}

/** `shard-converge-<uuid>`: a shard converges once at a time. */
export function convergeShardWorkflowId(shardId: string): string {
  return `shard-converge-${shardId}`;
}

/** Webroot and FQDN workflows take the resource's id and read the rest from the database. */
export interface WebResourceWorkflowInput {
  id: string;
}

export interface ConvergeShardWorkflowInput {
  shardId: string;
  /** The ShardConvergence row the API created (RUNNING); the workflow fills in its outcome. */
  convergenceId: string;
}

/** `{webroot}.{tenant}.{brand base hostname}`: every webroot's own host name. */
export function serviceHostname(webrootName: string, tenantName: string, baseHostname: string): string {
  return `${webrootName}.${tenantName}.${baseHostname}`.toLowerCase();
}

/**
 * The DNS record that proves control of a host name before it routes (hostname squatting,
 * SECURITY.md): TXT `_hostplane-challenge.<hostname>` holding `hostplane-verify=<token>`. The
 * token is the binding's own, so a record another tenant published proves nothing for this one.
 */
export function hostnameChallenge(hostname: string, token: string): { name: string; value: string } {
  return { name: `_hostplane-challenge.${hostname}`, value: `hostplane-verify=${token}` };
}

/** The HAProxy backend of a WEB shard on its cluster's load balancers. */
export function shardBackendName(shardName: string): string {
  return `shard_${shardName}`;
}

/**
 * FQDN statuses that nginx serves and the load balancer routes: a bind in flight counts (its own
 * workflow is about to add it), a FAILED bind and an unbind in flight do not.
 */
export const SERVED_FQDN_STATUSES = ['PENDING', 'PROVISIONING', 'ACTIVE'] as const;

export { GONE_STATUSES } from '../resources/gone.js';
