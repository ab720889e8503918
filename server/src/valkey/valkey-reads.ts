import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type TenantRecord,
  type ValkeyInstanceRecord,
  type ValkeyInstancesArgs,
  type ValkeyUserRecord,
  type Viewer,
} from '@hostplane/schema';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import {
  canSeeOwned,
  grouped,
  LIVE,
  listWhere,
  TenantLoader,
  visibleOwnedWhere,
  withBrand,
} from '../data-stores/ownership.js';
import { ShardHosts } from '../data-stores/endpoints.js';
import type { Db } from '../db/index.js';
import { valkeyInstanceRecord, valkeyUserRecord, withInstanceBrand, withoutHash } from './valkey-records.js';

/** The read side of the Valkey port, with per-request DataLoaders for nested fields. */
export class ValkeyReads {
  private readonly byTenant = new DataLoader<string, ValkeyInstanceRecord[]>(async (ids) => {
    const rows = await this.db.valkeyInstance.findMany({
      where: { tenantId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: { createdAt: 'asc' },
    });
    return grouped(ids, rows.map(valkeyInstanceRecord), (r) => r.tenantId);
  });
  private readonly users = new DataLoader<string, ValkeyUserRecord[]>(async (ids) => {
    const rows = await this.db.valkeyUser.findMany({
      where: { instanceId: { in: [...ids] }, ...LIVE },
      omit: withoutHash,
      include: withInstanceBrand,
      orderBy: { createdAt: 'asc' },
    });
    return grouped(ids, rows.map(valkeyUserRecord), (r) => r.instanceId);
  });
  private readonly byId = new DataLoader<string, ValkeyInstanceRecord | null>(async (ids) => {
    const rows = (await this.db.valkeyInstance.findMany({ where: { id: { in: [...ids] } }, include: withBrand })).map(
      valkeyInstanceRecord,
    );
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  });
  private readonly tenants: TenantLoader;
  private readonly shardHosts: ShardHosts;

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
    this.shardHosts = new ShardHosts(db);
  }

  async list(viewer: Viewer, args: ValkeyInstancesArgs) {
    viewer.require('valkey:read');
    const where = listWhere(viewer, args.filter ?? {});
    return keysetPage<ValkeyInstanceRecord>({
      args,
      where,
      ...byCreatedAt,
      findMany: async (q) =>
        (await this.db.valkeyInstance.findMany({ ...q, include: withBrand })).map(valkeyInstanceRecord),
      count: (q) => this.db.valkeyInstance.count(q),
    });
  }

  async get(viewer: Viewer, id: string): Promise<ValkeyInstanceRecord | null> {
    viewer.require('valkey:read');
    return this.findInstance(viewer, id);
  }

  async getUser(viewer: Viewer, id: string): Promise<ValkeyUserRecord | null> {
    viewer.require('valkey:read');
    return this.findUser(viewer, id);
  }

  async ofTenant(viewer: Viewer, tenantId: string): Promise<ValkeyInstanceRecord[]> {
    viewer.require('valkey:read');
    return (await this.byTenant.load(tenantId)).filter((r) => canSeeOwned(viewer, r));
  }

  async usersOf(viewer: Viewer, instanceId: string): Promise<ValkeyUserRecord[]> {
    viewer.require('valkey:read');
    return (await this.users.load(instanceId)).filter((r) => canSeeOwned(viewer, r));
  }

  async load(viewer: Viewer, instanceId: string): Promise<ValkeyInstanceRecord | null> {
    viewer.require('valkey:read');
    const record = await this.byId.load(instanceId);
    return record && canSeeOwned(viewer, record) ? record : null;
  }

  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    return this.tenants.load(viewer, tenantId);
  }

  /** Where its users connect: its port on its shard's node; `instance` was authorized when it was read. */
  endpointOf(viewer: Viewer, instance: ValkeyInstanceRecord) {
    viewer.require('valkey:read');
    return this.shardHosts.endpoint(instance.shardId, instance.port);
  }

  async findInstance(viewer: Viewer, globalId: string): Promise<ValkeyInstanceRecord | null> {
    const id = decodeIdOf('ValkeyInstance', globalId);
    if (!id) return null;
    const row = await this.db.valkeyInstance.findFirst({
      where: { id, ...visibleOwnedWhere(viewer) },
      include: withBrand,
    });
    return row ? valkeyInstanceRecord(row) : null;
  }

  async findUser(viewer: Viewer, globalId: string): Promise<ValkeyUserRecord | null> {
    const id = decodeIdOf('ValkeyUser', globalId);
    if (!id) return null;
    const where = { id, instance: visibleOwnedWhere(viewer) };
    const row = await this.db.valkeyUser.findFirst({ where, omit: withoutHash, include: withInstanceBrand });
    return row ? valkeyUserRecord(row) : null;
  }
}
