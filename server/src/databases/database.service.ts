import {
  UserErrorCode,
  type CreateDatabaseAccessRuleInput,
  type CreateDatabaseUserInput,
  type DatabaseAccessRuleMutationResult,
  type DatabasePrivileges,
  type DatabasesPort,
  type DatabaseUserMutationResult,
  type UpdateDatabaseUserInput,
  type Viewer,
} from '@hostplane/schema';
import { DATABASE_USER_NAME_PATTERN, mysqlNativePasswordHash } from '@hostplane/node-agent/data-stores';
import { passwordProblem } from '../common/password-policy.js';
import { optionalText } from '../common/validation.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { parseAccessRule } from './access-rule.js';
import { DatabaseLifecycle } from './database-lifecycle.js';
import { accessRuleRecord, databaseUserRecord, withDatabaseBrand, withoutHash } from './database-records.js';

type UserResult = DatabaseUserMutationResult;
type RuleResult = DatabaseAccessRuleMutationResult;
const GONE = ['DELETING', 'DELETED'];

/**
 * The databases port: reads (DatabaseReads), database lifecycle (DatabaseLifecycle), and here
 * users and access rules. Passwords are hashed (mysql_native_password) before anything is
 * written; the plaintext is never stored, logged or returned.
 */
export class DatabaseService extends DatabaseLifecycle implements DatabasesPort {
  private readonly userKit = lifecycleOf(
    this.deps,
    'DatabaseUser',
    async (id) =>
      databaseUserRecord(
        await this.db.databaseUser.findUniqueOrThrow({ where: { id }, omit: withoutHash, include: withDatabaseBrand }),
      ),
    { scope: 'databases:write', find: (viewer, id) => this.findUser(viewer, id), notFound: 'Database user not found.' },
  );
  private readonly ruleKit = lifecycleOf(
    this.deps,
    'DatabaseAccessRule',
    async (id) =>
      accessRuleRecord(
        await this.db.databaseAccessRule.findUniqueOrThrow({ where: { id }, include: withDatabaseBrand }),
      ),
    {
      scope: 'databases:write',
      find: (viewer, id) => this.findAccessRule(viewer, id),
      notFound: 'Access rule not found.',
    },
  );

  async createUser(viewer: Viewer, input: CreateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, input.databaseId);
    if (!database) return refuse('databaseUser', 'databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (GONE.includes(database.status))
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
      const row = await insertWithEvent(this.db, 'DatabaseUser', database.brandId, async (tx) => {
        await tx.databaseUser.deleteMany({ where: { name, status: 'DELETED' } }); // a deleted user's name is free again
        return tx.databaseUser.create({
          data: { name, databaseId: database.id, tenantId: database.tenantId, passwordHash, privileges },
        });
      });
      return this.userKit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse('databaseUser', 'name', `A database user named ${name} already exists.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async updateUser(viewer: Viewer, input: UpdateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const user = await this.findUser(viewer, input.id);
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

  async createAccessRule(viewer: Viewer, input: CreateDatabaseAccessRuleInput): Promise<RuleResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, input.databaseId);
    if (!database) return refuse('databaseAccessRule', 'databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (GONE.includes(database.status))
      return refuse('databaseAccessRule', 'databaseId', `Database is ${database.status}.`, UserErrorCode.INVALID_STATE);
    const cidr = parseAccessRule(input.cidr);
    if (!cidr)
      return refuse(
        'databaseAccessRule',
        'cidr',
        'cidr must be an IPv4 address, an IPv4 CIDR (a.b.c.d/n) or an IPv6 address.',
      );
    const description = optionalText(input.description);
    if (description && description.length > 200)
      return refuse('databaseAccessRule', 'description', 'description must be at most 200 characters.');
    try {
      const row = await insertWithEvent(this.db, 'DatabaseAccessRule', database.brandId, async (tx) => {
        await tx.databaseAccessRule.deleteMany({ where: { databaseId: database.id, cidr, status: 'DELETED' } });
        return tx.databaseAccessRule.create({
          data: { databaseId: database.id, tenantId: database.tenantId, cidr, description },
        });
      });
      return this.ruleKit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse(
          'databaseAccessRule',
          'cidr',
          `The database already has a rule for ${cidr}.`,
          UserErrorCode.TAKEN,
        );
      throw error;
    }
  }

  deleteAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    return this.ruleKit.operateById(viewer, id, 'DELETE');
  }

  retryAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    return this.ruleKit.retry(viewer, id);
  }
}
