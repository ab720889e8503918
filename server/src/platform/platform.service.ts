import {
  forbidden,
  fromGlobalId,
  userError,
  type DashboardStats,
  type PlatformConfig,
  type PlatformPort,
  type Ports,
  type TypedRecord,
  type UpdatePlatformConfigInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import { isEmail, isHostname } from '../common/validation.js';
import type { ServiceDeps } from '../services.js';
import { visibleTenantsWhere } from '../tenants/tenant-access.js';
import { searchResources } from './search.js';

const DEFAULTS: PlatformConfig = {
  baseDomain: 'hostplane.local',
  nameservers: ['ns1.hostplane.local', 'ns2.hostplane.local'],
  hostmasterEmail: 'hostmaster@hostplane.local',
};

function validate(input: UpdatePlatformConfigInput): UserError[] {
  const errors: UserError[] = [];
  if (input.baseDomain != null && !isHostname(input.baseDomain))
    errors.push(userError('baseDomain', 'Not a valid hostname.'));
  if (input.nameservers != null && (input.nameservers.length < 2 || !input.nameservers.every(isHostname))) {
    errors.push(userError('nameservers', 'Give at least two valid name server hostnames.'));
  }
  if (input.hostmasterEmail != null && !isEmail(input.hostmasterEmail)) {
    errors.push(userError('hostmasterEmail', 'Not an e-mail address.'));
  }
  return errors;
}

/** Platform settings, dashboard counts, search and `node(id:)`. */
export class PlatformService implements PlatformPort {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly ports: Omit<Ports, 'platform'>,
  ) {}

  async config(viewer: Viewer): Promise<PlatformConfig> {
    viewer.require('platform:read');
    const rows = await this.deps.db.platformConfig.findMany();
    const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return { ...DEFAULTS, ...(stored as Partial<PlatformConfig>) };
  }

  async updateConfig(viewer: Viewer, input: UpdatePlatformConfigInput) {
    viewer.require('platform:write');
    if (!viewer.isPlatformAdmin) throw forbidden('changing platform settings (platform administrators only)');
    const errors = validate(input);
    if (errors.length) return { platformConfig: null, userErrors: errors };
    const changes = Object.entries(input).filter(([, v]) => v !== null && v !== undefined);
    await this.deps.db.$transaction(
      changes.map(([key, value]) =>
        this.deps.db.platformConfig.upsert({ where: { key }, create: { key, value }, update: { value } }),
      ),
    );
    return { platformConfig: await this.config(viewer), userErrors: [] };
  }

  async dashboard(viewer: Viewer): Promise<DashboardStats> {
    const brands = viewer.brandFilter();
    const [tenantGroups, brandCount] = await Promise.all([
      viewer.can('tenants:read')
        ? this.deps.db.tenant.groupBy({ by: ['status'], where: visibleTenantsWhere(viewer), _count: { _all: true } })
        : Promise.resolve([]),
      this.deps.db.brand.count({ where: brands ? { id: { in: brands } } : {} }),
    ]);
    return {
      resourceCounts: tenantGroups.map((g) => ({ resourceType: 'Tenant', status: g.status, count: g._count._all })),
      brands: brandCount,
    } as DashboardStats;
  }

  search(viewer: Viewer, query: string, first: number): Promise<TypedRecord[]> {
    return searchResources(this.deps.db, viewer, query, first);
  }

  async node(viewer: Viewer, globalId: string): Promise<TypedRecord | null> {
    const decoded = fromGlobalId(globalId);
    if (!decoded) return null;
    const fetchers: Record<string, () => Promise<object | null>> = {
      Tenant: () => this.ports.tenants.get(viewer, globalId),
      Brand: () => this.ports.brands.get(viewer, globalId),
      ApiKey: () => this.ports.apiKeys.get(viewer, globalId),
      Shard: () => this.ports.infrastructure.getShard(viewer, globalId),
      ServerNode: () => this.ports.infrastructure.getNode(viewer, globalId),
      Cluster: () => this.ports.infrastructure.getCluster(viewer, globalId),
      Region: () => this.ports.infrastructure.getRegion(viewer, globalId),
      Database: () => this.ports.databases.get(viewer, globalId),
      DatabaseUser: () => this.ports.databases.getUser(viewer, globalId),
      DatabaseAccessRule: () => this.ports.databases.getAccessRule(viewer, globalId),
      ValkeyInstance: () => this.ports.valkey.get(viewer, globalId),
      ValkeyUser: () => this.ports.valkey.getUser(viewer, globalId),
      EgressRule: () => this.ports.egressRules.get(viewer, globalId),
      SshKey: () => this.ports.sshKeys.get(viewer, globalId),
      Daemon: () => this.ports.daemons.get(viewer, globalId),
      DnsZone: () => this.ports.dns.getZone(viewer, globalId),
      DnsRecord: () => this.ports.dns.getRecord(viewer, globalId),
      MailDomain: () => this.ports.mail.getDomain(viewer, globalId),
      Mailbox: () => this.ports.mail.getMailbox(viewer, globalId),
      MailAlias: () => this.ports.mail.getAlias(viewer, globalId),
      Certificate: () => this.ports.certificates.get(viewer, globalId),
      CronJob: () => this.ports.cronJobs.get(viewer, globalId),
      Webroot: () => this.ports.webroots.get(viewer, globalId),
      Fqdn: () => this.ports.fqdns.get(viewer, globalId),
      Plan: () => this.ports.plans.get(viewer, globalId),
    };
    const record = await fetchers[decoded.type]?.();
    return record ? { __typename: decoded.type, ...record } : null;
  }
}
