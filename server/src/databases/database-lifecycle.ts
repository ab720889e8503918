import {
  UserErrorCode,
  type CreateDatabaseInput,
  type DatabaseMutationResult,
  type MigrateDatabaseInput,
  type Viewer,
} from '@hostplane/schema';
import { insertNamed } from '../data-stores/insert.js';
import { resolvePlacement, resolveShard } from '../data-stores/placement.js';
import type { ServiceDeps } from '../services.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { withinQuota } from '../plans/quota.js';
import { resolveCharset } from './charsets.js';
import type { DatabaseReads } from './database-reads.js';
import { databaseRecord, withBrand } from './database-records.js';

/** Create, delete, retry and migrate databases: validate, write PENDING, start the workflow. */
export class DatabaseLifecycle {
  private readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: DatabaseReads,
  ) {
    this.kit = lifecycleOf(
      deps,
      'Database',
      async (id) => databaseRecord(await deps.db.database.findUniqueOrThrow({ where: { id }, include: withBrand })),
      {
        scope: 'databases:write',
        find: (viewer, id) => this.reads.findDatabase(viewer, id),
        notFound: 'Database not found.',
      },
    );
  }

  async create(viewer: Viewer, input: CreateDatabaseInput): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const charset = resolveCharset(input.charset, input.collation);
    if ('userErrors' in charset) return { database: null, userErrors: charset.userErrors };
    const placement = await resolvePlacement(this.deps.db, viewer, input, 'DATABASE');
    if ('userErrors' in placement) return { database: null, userErrors: placement.userErrors };
    const { tenant, shardId } = placement;
    const row = await withinQuota('database', () =>
      insertNamed(this.deps.db, 'Database', tenant.brandId, 'db_', (tx, name) =>
        tx.database.create({ data: { name, tenantId: tenant.id, shardId, ...charset, lastOperation: 'CREATE' } }),
      ),
    );
    if ('userErrors' in row) return row;
    return this.kit.started(row.id, 'CREATE');
  }

  delete(viewer: Viewer, id: string): Promise<DatabaseMutationResult> {
    return this.kit.operateById(viewer, id, 'DELETE');
  }

  retry(viewer: Viewer, id: string): Promise<DatabaseMutationResult> {
    return this.kit.retry(viewer, id);
  }

  async migrate(viewer: Viewer, input: MigrateDatabaseInput): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const database = await this.reads.findDatabase(viewer, input.id);
    if (!database) return refuse('database', 'id', 'Database not found.', UserErrorCode.NOT_FOUND);
    const target = await resolveShard(this.deps.db, 'DATABASE', input.shardId);
    if ('userErrors' in target) return { database: null, userErrors: target.userErrors };
    if (target.shardId === database.shardId)
      return refuse('database', 'shardId', 'The database already lives on that shard.');
    return this.kit.operate(database, 'MIGRATE', { data: { migratingToShardId: target.shardId } });
  }
}
