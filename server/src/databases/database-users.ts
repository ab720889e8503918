import {
  UserErrorCode,
  type CreateDatabaseUserInput,
  type DatabasePrivileges,
  type DatabaseUserMutationResult,
  type UpdateDatabaseUserInput,
  type Viewer,
} from '@hostplane/schema';
import { DATABASE_USER_NAME_PATTERN } from '@hostplane/contract/data-stores';
import { mysqlNativePasswordHash } from '@hostplane/contract/data-stores/validate';
import { passwordProblem } from '../common/password-policy.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { QuotaExceeded } from '../plans/quota.js';
import type { DatabaseReads } from './database-reads.js';
import type { ServiceDeps } from '../services.js';
import { databaseUserRecord, withDatabaseBrand, withoutHash } from './database-records.js';

type UserResult = DatabaseUserMutationResult;

/**
 * Database users: create, update, delete, retry. Passwords are hashed (mysql_native_password)
 * before anything is written; the plaintext is never stored, logged or returned.
 */
export class DatabaseUsers {
  private readonly userKit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: DatabaseReads,
  ) {
    this.userKit = lifecycleOf(
      deps,
      'DatabaseUser',
      async (id) =>
        databaseUserRecord(
          await deps.db.databaseUser.findUniqueOrThrow({
            where: { id },
            omit: withoutHash,
            include: withDatabaseBrand,
          }),
        ),
      {
        scope: 'databases:write',
        find: (viewer, id) => this.reads.findUser(viewer, id),
        notFound: 'Database user not found.',
      },
    );
  }

  async createUser(viewer: Viewer, input: CreateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const database = await this.reads.findDatabase(viewer, input.databaseId);
    if (!database) return refuse('databaseUser', 'databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (isGone(database.status))
      return refuse('databaseUser', 'databaseId', `Database is ${database.status}.`, UserErrorCode.INVALID_STATE);
    const name = input.name.trim();
    if (!DATABASE_USER_NAME_PATTERN.test(name) || (name !== database.name && !name.startsWith(`${database.name}_`))) {
      return refuse(
        'databaseUser',
        'name',
        `name must be ${database.name} or start with ${database.name}_ followed by 1 to 20 of [a-z0-9_].`,
      );
    }
    const weak = passwordProblem(input.password, name);
    if (weak) return refuse('databaseUser', 'password', weak);
    const passwordHash = mysqlNativePasswordHash(input.password);
    const privileges: DatabasePrivileges = input.privileges ?? ('ALL' as DatabasePrivileges);
    try {
      const row = await insertWithEvent(this.deps.db, 'DatabaseUser', database.brandId, async (tx) => {
        await tx.databaseUser.deleteMany({ where: { name, status: 'DELETED' } }); // a deleted user's name is free again
        return tx.databaseUser.create({
          data: { name, databaseId: database.id, tenantId: database.tenantId, passwordHash, privileges },
        });
      });
      return this.userKit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof QuotaExceeded) return error.refusal('databaseUser');
      if (isUniqueViolation(error))
        return refuse('databaseUser', 'name', `A database user named ${name} already exists.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async updateUser(viewer: Viewer, input: UpdateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const user = await this.reads.findUser(viewer, input.id);
    if (!user) return refuse('databaseUser', 'id', 'Database user not found.', UserErrorCode.NOT_FOUND);
    if (input.password == null && input.privileges == null)
      return refuse('databaseUser', 'password', 'Give a new password or privileges.', UserErrorCode.REQUIRED);
    const weak = input.password != null ? passwordProblem(input.password, user.name) : null;
    if (weak) return refuse('databaseUser', 'password', weak);
    const data = {
      ...(input.password != null ? { passwordHash: mysqlNativePasswordHash(input.password) } : {}),
      ...(input.privileges != null ? { privileges: input.privileges } : {}),
    };
    return this.userKit.operate(user, 'UPDATE', { data });
  }

  deleteUser(viewer: Viewer, id: string): Promise<UserResult> {
    return this.userKit.operateById(viewer, id, 'DELETE');
  }

  retryUser(viewer: Viewer, id: string): Promise<UserResult> {
    return this.userKit.retry(viewer, id);
  }
}
