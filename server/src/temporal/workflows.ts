/**
 * Every workflow the API starts, by name, with the input it takes (part of the Temporal contract:
 * re-exported by contract.ts). The worker's workflow entry checks at compile time that it hosts a
 * function of each name taking that input (worker/src/workflows/index.ts), so a renamed workflow
 * or a changed input stops the build instead of failing at run time. The server never imports
 * worker code: this map is the contract both sides compile against.
 */
import type { ConvergeShardWorkflowInput, WebResourceWorkflowInput } from './web-hosting.js';

/** What the tenant workflows take. */
export interface TenantWorkflowInput {
  tenantId: string;
}

/** Every data-store workflow takes the resource's id and reads the rest from the database. */
export interface DataStoreWorkflowInput {
  id: string;
}

export interface WorkflowInputs {
  createTenantWorkflow: TenantWorkflowInput;
  suspendTenantWorkflow: TenantWorkflowInput;
  unsuspendTenantWorkflow: TenantWorkflowInput;
  deleteTenantWorkflow: TenantWorkflowInput;
  syncWebrootWorkflow: WebResourceWorkflowInput;
  deleteWebrootWorkflow: WebResourceWorkflowInput;
  bindFqdnWorkflow: WebResourceWorkflowInput;
  unbindFqdnWorkflow: WebResourceWorkflowInput;
  convergeShardWorkflow: ConvergeShardWorkflowInput;
  createDatabaseWorkflow: DataStoreWorkflowInput;
  deleteDatabaseWorkflow: DataStoreWorkflowInput;
  migrateDatabaseWorkflow: DataStoreWorkflowInput;
  syncDatabaseUserWorkflow: DataStoreWorkflowInput;
  deleteDatabaseUserWorkflow: DataStoreWorkflowInput;
  syncDatabaseAccessRuleWorkflow: DataStoreWorkflowInput;
  deleteDatabaseAccessRuleWorkflow: DataStoreWorkflowInput;
  syncValkeyInstanceWorkflow: DataStoreWorkflowInput;
  deleteValkeyInstanceWorkflow: DataStoreWorkflowInput;
  migrateValkeyInstanceWorkflow: DataStoreWorkflowInput;
  syncValkeyUserWorkflow: DataStoreWorkflowInput;
  deleteValkeyUserWorkflow: DataStoreWorkflowInput;
  /** An egress rule's create and delete both sync its tenant's whole allowlist. */
  syncEgressRuleWorkflow: { id: string };
  deleteEgressRuleWorkflow: { id: string };
  /** An SSH key's create and delete both sync its tenant's whole key file. */
  syncSshKeyWorkflow: { id: string };
  deleteSshKeyWorkflow: { id: string };
  /** A change of Tenant.sshAccess: the tenant's key file and chroot on every node. */
  syncTenantSshAccessWorkflow: { tenantId: string };
  /** A DNS zone's create and DNSSEC change: the whole zone on every DNS node. */
  syncDnsZoneWorkflow: { id: string };
  deleteDnsZoneWorkflow: { id: string };
  /** A record's create and delete both write its name and type's whole rrset. */
  syncDnsRecordWorkflow: { id: string };
  deleteDnsRecordWorkflow: { id: string };
  /** Every zone's managed records again (a load balancer address changed). */
  refreshManagedDnsRecordsWorkflow: Record<string, never>;
  /** A certificate's issue, renewal, upload or option change: issued (ACME) if due, then live on every load balancer. */
  syncCertificateWorkflow: { id: string };
  /** A certificate removed from every load balancer (TLS off, or its FQDN unbound). */
  deleteCertificateWorkflow: { id: string };
  /** A cron job's create and update write its Temporal schedule; its delete removes it. */
  syncCronJobWorkflow: { id: string };
  deleteCronJobWorkflow: { id: string };
  /** One run of a cron job (its schedule's action, or runCronJobNow with MANUAL). */
  runCronJobWorkflow: { id: string; trigger: 'SCHEDULE' | 'MANUAL'; scheduledAt?: string };
  /** A daemon's create, update and delete all write its webroot's programs and routes on every node. */
  syncDaemonWorkflow: { id: string };
  deleteDaemonWorkflow: { id: string };
  /** Mail: each change of a domain, mailbox or alias applies its mail nodes' whole spec (coalesced per node). */
  syncMailDomainWorkflow: { id: string };
  deleteMailDomainWorkflow: { id: string };
  syncMailboxWorkflow: { id: string };
  deleteMailboxWorkflow: { id: string };
  syncMailAliasWorkflow: { id: string };
  deleteMailAliasWorkflow: { id: string };
  /** Reads a daemon's log tail on every node of its shard (the API awaits its result: DaemonLogTail[]). */
  readDaemonLogWorkflow: { id: string; lines: number };
}

/** The name of a workflow the API starts. */
export type WorkflowName = keyof WorkflowInputs;

/**
 * The shape the worker's workflow module must have: a function per name, taking its input.
 * `typeof import('./workflows/index.js') extends HostedWorkflows` is the worker's check.
 */
export type HostedWorkflows = { [N in WorkflowName]: (input: WorkflowInputs[N]) => Promise<unknown> };
