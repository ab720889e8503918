// The registry of async resource types (DESIGN.md §5c): for each, the Prisma model that stores
// it, how userErrors name it, the mutation payload field it is returned in, and per operation the
// statuses it may start from, the status it moves to at once and the workflow it starts. Every
// service's guarded moves, workflow starts, retries and refusals read it (./lifecycle.ts); the
// worker's status and step activities look models up here too. Plain data: no I/O.
import type { ResourceStatus } from '../db/index.js';
import {
  dataStoreWorkflowId,
  fqdnWorkflowId,
  tenantWorkflowId,
  webrootWorkflowId,
  type DataStoreResourceType,
  type WorkflowInputs,
  type WorkflowName,
} from '../temporal/contract.js';

/** One operation of a resource type. */
export interface OperationRule {
  /** Statuses the operation may start from: a resource busy in a workflow is refused. */
  from: readonly ResourceStatus[];
  /** Where the guarded move puts it before the workflow runs: DELETING for a removal. */
  to: 'PENDING' | 'DELETING';
  /** The workflow that carries the operation out. */
  workflow: WorkflowName;
}

/** A resource type: what the kit needs to run its protocol. */
export interface ResourceTypeSpec<Op extends string = string, P extends string = string> {
  /** The Prisma delegate (`db[model]`) storing it; every such table has id, status, statusMessage, lastOperation. */
  model: string;
  /** How userErrors name it: "Cannot delete a {noun} that is …". */
  noun: string;
  /** The field of its mutation payload that carries it (`{ [payload]: …, userErrors }`). */
  payload: P;
  operations: Record<Op, OperationRule>;
  /** The workflow id of an operation on a resource (deterministic: a double submit cannot run twice). */
  workflowId(operation: Op, id: string): string;
  /** The workflow's argument. */
  input(id: string): WorkflowInputs[WorkflowName];
}

const ANY_LIVE = ['ACTIVE', 'FAILED', 'SUSPENDED'] as const;
const byId = (id: string) => ({ id });

/** Create, update, delete and migrate of a data store (only those it has a workflow for). */
function dataStore<Op extends 'CREATE' | 'UPDATE' | 'DELETE' | 'MIGRATE', P extends string>(
  type: DataStoreResourceType,
  noun: string,
  payload: P,
  workflows: Record<Op, WorkflowName>,
): ResourceTypeSpec<Op, P> {
  const from: Record<'CREATE' | 'UPDATE' | 'DELETE' | 'MIGRATE', readonly ResourceStatus[]> = {
    CREATE: ['FAILED'],
    UPDATE: ['ACTIVE', 'FAILED'],
    DELETE: ANY_LIVE,
    MIGRATE: ['ACTIVE'],
  };
  const operations = Object.fromEntries(
    (Object.entries(workflows) as Array<[Op, WorkflowName]>).map(([op, workflow]) => [
      op,
      { from: from[op], to: op === 'DELETE' ? 'DELETING' : 'PENDING', workflow },
    ]),
  ) as Record<Op, OperationRule>;
  const model = type.charAt(0).toLowerCase() + type.slice(1);
  return { model, noun, payload, operations, workflowId: (op, id) => dataStoreWorkflowId(type, op, id), input: byId };
}

/**
 * A mail resource: create, update and delete each re-apply its mail nodes' whole spec
 * (syncMail…/deleteMail…Workflow); ids `mail-domain-create-<uuid>`, ….
 */
function mailResource<T extends 'MailDomain' | 'Mailbox' | 'MailAlias', P extends string>(
  type: T,
  model: string,
  noun: string,
  payload: P,
): ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', P> {
  const prefix = type.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());
  return {
    model,
    noun,
    payload,
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: `sync${type}Workflow` as WorkflowName },
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: `sync${type}Workflow` as WorkflowName },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: `delete${type}Workflow` as WorkflowName },
    },
    workflowId: (operation, id) => `${prefix}-${operation.toLowerCase()}-${id}`,
    input: byId,
  };
}

export const RESOURCE_TYPES = {
  Tenant: {
    model: 'tenant',
    noun: 'tenant',
    payload: 'tenant',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'createTenantWorkflow' },
      SUSPEND: { from: ['ACTIVE'], to: 'PENDING', workflow: 'suspendTenantWorkflow' },
      UNSUSPEND: { from: ['SUSPENDED'], to: 'PENDING', workflow: 'unsuspendTenantWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteTenantWorkflow' },
    },
    workflowId: tenantWorkflowId,
    input: (tenantId) => ({ tenantId }),
  } satisfies ResourceTypeSpec<'CREATE' | 'SUSPEND' | 'UNSUSPEND' | 'DELETE', 'tenant'>,
  Webroot: {
    model: 'webroot',
    noun: 'webroot',
    payload: 'webroot',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncWebrootWorkflow' },
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: 'syncWebrootWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteWebrootWorkflow' },
    },
    workflowId: webrootWorkflowId,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', 'webroot'>,
  Fqdn: {
    model: 'fqdn',
    noun: 'FQDN',
    payload: 'fqdn',
    operations: {
      BIND: { from: ['FAILED'], to: 'PENDING', workflow: 'bindFqdnWorkflow' },
      // PENDING: a bind still waiting for its host name's proof of control may be given up.
      UNBIND: { from: ['PENDING', 'ACTIVE', 'FAILED'], to: 'DELETING', workflow: 'unbindFqdnWorkflow' },
    },
    workflowId: fqdnWorkflowId,
    input: byId,
  } satisfies ResourceTypeSpec<'BIND' | 'UNBIND', 'fqdn'>,
  Database: dataStore('Database', 'database', 'database', {
    CREATE: 'createDatabaseWorkflow',
    DELETE: 'deleteDatabaseWorkflow',
    MIGRATE: 'migrateDatabaseWorkflow',
  }),
  DatabaseUser: dataStore('DatabaseUser', 'database user', 'databaseUser', {
    CREATE: 'syncDatabaseUserWorkflow',
    UPDATE: 'syncDatabaseUserWorkflow',
    DELETE: 'deleteDatabaseUserWorkflow',
  }),
  DatabaseAccessRule: dataStore('DatabaseAccessRule', 'rule', 'databaseAccessRule', {
    CREATE: 'syncDatabaseAccessRuleWorkflow',
    DELETE: 'deleteDatabaseAccessRuleWorkflow',
  }),
  ValkeyInstance: dataStore('ValkeyInstance', 'Valkey instance', 'valkeyInstance', {
    CREATE: 'syncValkeyInstanceWorkflow',
    UPDATE: 'syncValkeyInstanceWorkflow',
    DELETE: 'deleteValkeyInstanceWorkflow',
    MIGRATE: 'migrateValkeyInstanceWorkflow',
  }),
  ValkeyUser: dataStore('ValkeyUser', 'Valkey user', 'valkeyUser', {
    CREATE: 'syncValkeyUserWorkflow',
    UPDATE: 'syncValkeyUserWorkflow',
    DELETE: 'deleteValkeyUserWorkflow',
  }),
  EgressRule: {
    model: 'egressRule',
    noun: 'egress rule',
    payload: 'egressRule',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncEgressRuleWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteEgressRuleWorkflow' },
    },
    workflowId: (operation, id) => `egress-rule-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'DELETE', 'egressRule'>,
  SshKey: {
    model: 'sshKey',
    noun: 'SSH key',
    payload: 'sshKey',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncSshKeyWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteSshKeyWorkflow' },
    },
    workflowId: (operation, id) => `ssh-key-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'DELETE', 'sshKey'>,
  Certificate: {
    model: 'certificate',
    noun: 'certificate',
    payload: 'certificate',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncCertificateWorkflow' },
      // A renewal, an upload or an option change: issued again if due, installed again.
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: 'syncCertificateWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteCertificateWorkflow' },
    },
    workflowId: (operation, id) => `certificate-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', 'certificate'>,
  CronJob: {
    model: 'cronJob',
    noun: 'cron job',
    payload: 'cronJob',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncCronJobWorkflow' },
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: 'syncCronJobWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteCronJobWorkflow' },
    },
    workflowId: (operation, id) => `cron-job-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', 'cronJob'>,
  Daemon: {
    model: 'daemon',
    noun: 'daemon',
    payload: 'daemon',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncDaemonWorkflow' },
      // A changed setting, enable and disable: the webroot's programs and routes written again.
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: 'syncDaemonWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteDaemonWorkflow' },
    },
    workflowId: (operation, id) => `daemon-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', 'daemon'>,
  DnsZone: {
    model: 'dnsZone',
    noun: 'DNS zone',
    payload: 'dnsZone',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncDnsZoneWorkflow' },
      // DNSSEC on or off: the whole zone written again, signed or not.
      UPDATE: { from: ['ACTIVE', 'FAILED'], to: 'PENDING', workflow: 'syncDnsZoneWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteDnsZoneWorkflow' },
    },
    workflowId: (operation, id) => `dns-zone-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'UPDATE' | 'DELETE', 'dnsZone'>,
  DnsRecord: {
    model: 'dnsRecord',
    noun: 'DNS record',
    payload: 'dnsRecord',
    operations: {
      CREATE: { from: ['FAILED'], to: 'PENDING', workflow: 'syncDnsRecordWorkflow' },
      DELETE: { from: ANY_LIVE, to: 'DELETING', workflow: 'deleteDnsRecordWorkflow' },
    },
    workflowId: (operation, id) => `dns-record-${operation.toLowerCase()}-${id}`,
    input: byId,
  } satisfies ResourceTypeSpec<'CREATE' | 'DELETE', 'dnsRecord'>,
  MailDomain: mailResource('MailDomain', 'mailDomain', 'mail domain', 'mailDomain'),
  Mailbox: mailResource('Mailbox', 'mailbox', 'mailbox', 'mailbox'),
  MailAlias: mailResource('MailAlias', 'mailAlias', 'alias', 'mailAlias'),
};

/** Every async resource type, by its GraphQL type name. */
export type AsyncResourceType = keyof typeof RESOURCE_TYPES;

/** The operations a resource type has. */
export type OperationOf<T extends AsyncResourceType> = keyof (typeof RESOURCE_TYPES)[T]['operations'] & string;

/** The field of its mutation payload that carries it. */
export type PayloadOf<T extends AsyncResourceType> = (typeof RESOURCE_TYPES)[T]['payload'];

/** Its registry entry, typed by its operations. */
export function resourceType<T extends AsyncResourceType>(type: T): ResourceTypeSpec<OperationOf<T>, PayloadOf<T>> {
  return RESOURCE_TYPES[type] as unknown as ResourceTypeSpec<OperationOf<T>, PayloadOf<T>>;
}
