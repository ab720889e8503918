import {
  userError,
  UserErrorCode,
  type CreateDatabaseInput,
  type DatabaseMutationResult,
  type MigrateDatabaseInput,
  type Viewer,
} from '@hostplane/schema';
import { beginDataStoreOperation, retryTarget, startDataStoreWorkflow } from '../data-stores/guarded-update.js';
import { refusedInState } from '../events/operations.js';
import { insertNamed } from '../data-stores/insert.js';
import { resolvePlacement, resolveShard } from '../data-stores/placement.js';
import type { ServiceDeps } from '../services.js';
import type { DataStoreOperation } from '../temporal/contract.js';
import { resolveCharset } from './charsets.js';
import { DatabaseReads } from './database-reads.js';
import { databaseRecord, withBrand } from './database-records.js';

const refuse = (field: string, message: string, code = UserErrorCode.INVALID): DatabaseMutationResult => ({
  database: null,
  userErrors: [userError(field, message, code)],
});

/** Create, delete, retry and migrate databases: validate, write PENDING, start the workflow. */
export class DatabaseLifecycle extends DatabaseReads {
  constructor(protected readonly deps: ServiceDeps) {
    super(deps.db);
  }

  async create(viewer: Viewer, input: CreateDatabaseInput): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const charset = resolveCharset(input.charset, input.collation);
    if ('userErrors' in charset) return { database: null, userErrors: charset.userErrors };
    const placement = await resolvePlacement(this.db, viewer, input, 'DATABASE');
    if ('userErrors' in placement) return { database: null, userErrors: placement.userErrors };
    const { tenant, shardId } = placement;
    const row = await insertNamed(this.db, 'Database', tenant.brandId, 'db_', (tx, name) =>
      tx.database.create({ data: { name, tenantId: tenant.id, shardId, ...charset, lastOperation: 'CREATE' } }),
    );
    return this.started(row.id, 'CREATE');
  }

  async delete(viewer: Viewer, id: string): Promise<DatabaseMutationResult> {
    return this.operate(viewer, id, 'DELETE');
  }

  async retry(viewer: Viewer, id: string): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, id);
    if (!database) return refuse('id', 'Database not found.', UserErrorCode.NOT_FOUND);
    const retry = await retryTarget(this.db, 'Database', database, 'database');
    if ('error' in retry) return { database: null, userErrors: [retry.error] };
    return this.operate(viewer, id, retry.operation, {}, ['FAILED']);
  }

  async migrate(viewer: Viewer, input: MigrateDatabaseInput): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, input.id);
    if (!database) return refuse('id', 'Database not found.', UserErrorCode.NOT_FOUND);
    const target = await resolveShard(this.db, 'DATABASE', input.shardId);
    if ('userErrors' in target) return { database: null, userErrors: target.userErrors };
    if (target.shardId === database.shardId) return refuse('shardId', 'The database already lives on that shard.');
    return this.operate(viewer, input.id, 'MIGRATE', { migratingToShardId: target.shardId });
  }

  /** Guarded transition for `operation`, then its workflow. */
  private async operate(
    viewer: Viewer,
    globalId: string,
    operation: DataStoreOperation,
    data: Record<string, unknown> = {},
    expectFrom?: Parameters<typeof beginDataStoreOperation>[5],
  ): Promise<DatabaseMutationResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, globalId);
    if (!database) return refuse('id', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (!(await beginDataStoreOperation(this.db, 'Database', database.id, operation, data, expectFrom))) {
      return { database: null, userErrors: [refusedInState('database', operation, database.status)] };
    }
    return this.started(database.id, operation);
  }

  private async started(id: string, operation: DataStoreOperation): Promise<DatabaseMutationResult> {
    await startDataStoreWorkflow(this.deps, 'Database', id, operation);
    const row = await this.db.database.findUniqueOrThrow({ where: { id }, include: withBrand });
    return { database: databaseRecord(row), userErrors: [] };
  }
}
