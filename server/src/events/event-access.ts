import { fromGlobalId, type EventFilter, type EventRecord, type Viewer } from '@hostplane/schema';

/** Read scope each resource type's events need. */
const READ_SCOPE: Record<string, string> = {
  Tenant: 'tenants:read',
  Database: 'databases:read',
  DatabaseUser: 'databases:read',
  DatabaseAccessRule: 'databases:read',
  ValkeyInstance: 'valkey:read',
  ValkeyUser: 'valkey:read',
  EgressRule: 'egress_rules:read',
  SshKey: 'ssh_keys:read',
  DnsZone: 'dns:read',
  DnsRecord: 'dns:read',
  MailDomain: 'mail:read',
  Mailbox: 'mail:read',
  MailAlias: 'mail:read',
  Certificate: 'certificates:read',
  CronJob: 'cron_jobs:read',
  Daemon: 'daemons:read',
  Webroot: 'webroots:read',
  Fqdn: 'webroots:read',
};

/** May this viewer see this event? Checked for every event, replayed or live. */
export function canSeeEvent(viewer: Viewer, event: EventRecord): boolean {
  const scope = READ_SCOPE[event.resourceType] ?? 'infrastructure:read';
  if (!viewer.can(scope)) return false;
  if (event.brandId === null) return viewer.isPlatformAdmin;
  if (!viewer.canAccessBrand(event.brandId)) return false;
  return !viewer.tenantId || viewer.tenantId === event.tenantId;
}

export interface DecodedEventFilter {
  resourceTypes: string[] | null;
  resourceIds: string[] | null;
  tenantId: string | null;
  kinds: string[] | null;
}

/** Malformed ids match nothing, like any other id the viewer cannot see. */
export function decodeEventFilter(filter: EventFilter | null | undefined): DecodedEventFilter {
  const ids = filter?.resourceIds?.map((g) => fromGlobalId(g)?.id ?? 'invalid') ?? null;
  const tenant = filter?.tenantId ? (fromGlobalId(filter.tenantId)?.id ?? 'invalid') : null;
  return {
    resourceTypes: filter?.resourceTypes?.length ? filter.resourceTypes : null,
    resourceIds: ids,
    tenantId: tenant,
    kinds: filter?.kinds?.length ? filter.kinds : null,
  };
}

export function matchesFilter(f: DecodedEventFilter, event: EventRecord): boolean {
  return (
    (!f.resourceTypes || f.resourceTypes.includes(event.resourceType)) &&
    (!f.resourceIds || f.resourceIds.includes(event.resourceId)) &&
    (!f.tenantId || f.tenantId === event.tenantId) &&
    (!f.kinds || f.kinds.includes(event.kind))
  );
}
