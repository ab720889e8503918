import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type DatabaseAccessRuleRecord,
  type DatabaseRecord,
  type DatabasesArgs,
  type DatabaseUserRecord,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import type { Db } from '../db/index.js';
import { MYSQL_CLIENT_PORT, ShardHosts } from '../data-stores/endpoints.js';
import { grouped, LIVE, listWhere, TenantLoader } from '../data-stores/ownership.js';
import {
  accessRuleRecord,
  canSeeOwned,
  databaseRecord,
  databaseUserRecord,
  visibleChildWhere,
  visibleOwnedWhere,
  withBrand,
  withDatabaseBrand,
  withoutHash,
} from './database-records.js';

/**
 * The read side of the databases port. DataLoaders live as long as the service (one request):
 * a page of tenants with their databases, users and rules costs one query per relation.
 */
export class DatabaseReads {
  private readonly byTenant = new DataLoader<string, DatabaseRecord[]>(async (ids) => {
    const rows = await this.db.database.findMany({
      where: { tenantId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: { createdAt: 'asc' },
    });
    return grouped(ids, rows.map(databaseRecord), (r) => r.tenantId);
  });
  private readonly users = new DataLoader<string, DatabaseUserRecord[]>(async (ids) => {
    const rows = await this.db.databaseUser.findMany({
      where: { databaseId: { in: [...ids] }, ...LIVE },
      omit: withoutHash,
      include: withDatabaseBrand,
      orderBy: { createdAt: 'asc' },
    });
    return grouped(ids, rows.map(databaseUserRecord), (r) => r.databaseId);
  });
  private readonly rules = new DataLoader<string, DatabaseAccessRuleRecord[]>(async (ids) => {
    const rows = await this.db.databaseAccessRule.findMany({
      where: { databaseId: { in: [...ids] }, ...LIVE },
      include: withDatabaseBrand,
      orderBy: { createdAt: 'asc' },
    });
    return grouped(ids, rows.map(accessRuleRecord), (r) => r.databaseId);
  });
  private readonly byId = new DataLoader<string, DatabaseRecord | null>(async (ids) => {
    const rows = (await this.db.database.findMany({ where: { id: { in: [...ids] } }, include: withBrand })).map(
      databaseRecord,
    );
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  });
  private readonly tenants: TenantLoader;
  private readonly shardHosts: ShardHosts;

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
    this.shardHosts = new ShardHosts(db);
  }

  async list(viewer: Viewer, args: DatabasesArgs) {
    viewer.require('databases:read');
    const where = listWhere(viewer, args.filter ?? {});
    return keysetPage<DatabaseRecord>({
      args,
      where,
      ...byCreatedAt,
      findMany: async (q) => (await this.db.database.findMany({ ...q, include: withBrand })).map(databaseRecord),
      count: (q) => this.db.database.count(q),
    });
  }

  /** A database by global id, if the viewer may see it (any status: DELETED ones stay readable). */
  async get(viewer: Viewer, id: string): Promise<DatabaseRecord | null> {
    viewer.require('databases:read');
    return this.findDatabase(viewer, id);
  }

  async getUser(viewer: Viewer, globalId: string): Promise<DatabaseUserRecord | null> {
    viewer.require('databases:read');
    return this.findUser(viewer, globalId);
  }

  async getAccessRule(viewer: Viewer, globalId: string): Promise<DatabaseAccessRuleRecord | null> {
    viewer.require('databases:read');
    return this.findAccessRule(viewer, globalId);
  }

  async ofTenant(viewer: Viewer, tenantId: string): Promise<DatabaseRecord[]> {
    viewer.require('databases:read');
    return (await this.byTenant.load(tenantId)).filter((r) => canSeeOwned(viewer, r));
  }

  async usersOf(viewer: Viewer, databaseId: string): Promise<DatabaseUserRecord[]> {
    viewer.require('databases:read');
    return (await this.users.load(databaseId)).filter((r) => canSeeOwned(viewer, r));
  }

  async accessRulesOf(viewer: Viewer, databaseId: string): Promise<DatabaseAccessRuleRecord[]> {
    viewer.require('databases:read');
    return (await this.rules.load(databaseId)).filter((r) => canSeeOwned(viewer, r));
  }

  async load(viewer: Viewer, databaseId: string): Promise<DatabaseRecord | null> {
    viewer.require('databases:read');
    const record = await this.byId.load(databaseId);
    return record && canSeeOwned(viewer, record) ? record : null;
  }

  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    return this.tenants.load(viewer, tenantId);
  }

  /** Where its users connect; `database` was authorized when it was read. */
  endpointOf(viewer: Viewer, database: DatabaseRecord) {
    viewer.require('databases:read');
    return this.shardHosts.endpoint(database.shardId, MYSQL_CLIENT_PORT);
  }

  async findDatabase(viewer: Viewer, globalId: string): Promise<DatabaseRecord | null> {
    const id = decodeIdOf('Database', globalId);
    if (!id) return null;
    const row = await this.db.database.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand });
    return row ? databaseRecord(row) : null;
  }

  async findUser(viewer: Viewer, globalId: string): Promise<DatabaseUserRecord | null> {
    const id = decodeIdOf('DatabaseUser', globalId);
    if (!id) return null;
    const row = await this.db.databaseUser.findFirst({
      where: { id, ...visibleChildWhere(viewer) },
      omit: withoutHash,
      include: withDatabaseBrand,
    });
    return row ? databaseUserRecord(row) : null;
  }

  async findAccessRule(viewer: Viewer, globalId: string): Promise<DatabaseAccessRuleRecord | null> {
    const id = decodeIdOf('DatabaseAccessRule', globalId);
    if (!id) return null;
    const row = await this.db.databaseAccessRule.findFirst({
      where: { id, ...visibleChildWhere(viewer) },
      include: withDatabaseBrand,
    });
    return row ? accessRuleRecord(row) : null;
  }
}
