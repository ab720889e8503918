import {
  userError,
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
import { beginDataStoreOperation, retryTarget, startDataStoreWorkflow } from '../data-stores/guarded-update.js';
import { refusedInState } from '../events/operations.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import type { DataStoreOperation } from '../temporal/contract.js';
import { parseAccessRule } from './access-rule.js';
import { DatabaseLifecycle } from './database-lifecycle.js';
import { accessRuleRecord, databaseUserRecord, withDatabaseBrand, withoutHash } from './database-records.js';

type UserResult = DatabaseUserMutationResult;
type RuleResult = DatabaseAccessRuleMutationResult;
const refuseUser = (field: string, message: string, code = UserErrorCode.INVALID): UserResult => ({
  databaseUser: null,
  userErrors: [userError(field, message, code)],
});
const refuseRule = (field: string, message: string, code = UserErrorCode.INVALID): RuleResult => ({
  databaseAccessRule: null,
  userErrors: [userError(field, message, code)],
});
const GONE = ['DELETING', 'DELETED'];

/**
 * The databases port: reads (DatabaseReads), database lifecycle (DatabaseLifecycle), and here
 * users and access rules. Passwords are hashed (mysql_native_password) before anything is
 * written; the plaintext is never stored, logged or returned.
 */
export class DatabaseService extends DatabaseLifecycle implements DatabasesPort {
  async createUser(viewer: Viewer, input: CreateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, input.databaseId);
    if (!database) return refuseUser('databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (GONE.includes(database.status))
      return refuseUser('databaseId', `Database is ${database.status}.`, UserErrorCode.INVALID_STATE);
    const name = input.name.trim();
    if (!DATABASE_USER_NAME_PATTERN.test(name) || (name !== database.name && !name.startsWith(`${database.name}_`))) {
      return refuseUser(
        'name',
        `name must be ${database.name} or start with ${database.name}_ followed by 1 to 20 of [a-z0-9_].`,
      );
    }
    const weak = passwordProblem(input.password, name);
    if (weak) return refuseUser('password', weak);
    const passwordHash = mysqlNativePasswordHash(input.password);
    const privileges: DatabasePrivileges = input.privileges ?? ('ALL' as DatabasePrivileges);
    try {
      const row = await insertWithEvent(this.db, 'DatabaseUser', database.brandId, async (tx) => {
        await tx.databaseUser.deleteMany({ where: { name, status: 'DELETED' } }); // a deleted user's name is free again
        return tx.databaseUser.create({
          data: { name, databaseId: database.id, tenantId: database.tenantId, passwordHash, privileges },
        });
      });
      return this.userStarted(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuseUser('name', `A database user named ${name} already exists.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async updateUser(viewer: Viewer, input: UpdateDatabaseUserInput): Promise<UserResult> {
    viewer.require('databases:write');
    const user = await this.findUser(viewer, input.id);
    if (!user) return refuseUser('id', 'Database user not found.', UserErrorCode.NOT_FOUND);
    if (input.password == null && input.privileges == null)
      return refuseUser('password', 'Give a new password or privileges.', UserErrorCode.REQUIRED);
    const weak = input.password != null ? passwordProblem(input.password, user.name) : null;
    if (weak) return refuseUser('password', weak);
    const data = {
      ...(input.password != null ? { passwordHash: mysqlNativePasswordHash(input.password) } : {}),
      ...(input.privileges != null ? { privileges: input.privileges } : {}),
    };
    return this.operateUser(user.id, user.status, 'UPDATE', data);
  }

  async deleteUser(viewer: Viewer, id: string): Promise<UserResult> {
    viewer.require('databases:write');
    const user = await this.findUser(viewer, id);
    if (!user) return refuseUser('id', 'Database user not found.', UserErrorCode.NOT_FOUND);
    return this.operateUser(user.id, user.status, 'DELETE');
  }

  async retryUser(viewer: Viewer, id: string): Promise<UserResult> {
    viewer.require('databases:write');
    const user = await this.findUser(viewer, id);
    if (!user) return refuseUser('id', 'Database user not found.', UserErrorCode.NOT_FOUND);
    const retry = await retryTarget(this.db, 'DatabaseUser', user, 'user');
    if ('error' in retry) return { databaseUser: null, userErrors: [retry.error] };
    return this.operateUser(user.id, user.status, retry.operation, {}, true);
  }

  async createAccessRule(viewer: Viewer, input: CreateDatabaseAccessRuleInput): Promise<RuleResult> {
    viewer.require('databases:write');
    const database = await this.findDatabase(viewer, input.databaseId);
    if (!database) return refuseRule('databaseId', 'Database not found.', UserErrorCode.NOT_FOUND);
    if (GONE.includes(database.status))
      return refuseRule('databaseId', `Database is ${database.status}.`, UserErrorCode.INVALID_STATE);
    const cidr = parseAccessRule(input.cidr);
    if (!cidr) return refuseRule('cidr', 'cidr must be an IPv4 address, an IPv4 CIDR (a.b.c.d/n) or an IPv6 address.');
    const description = optionalText(input.description);
    if (description && description.length > 200)
      return refuseRule('description', 'description must be at most 200 characters.');
    try {
      const row = await insertWithEvent(this.db, 'DatabaseAccessRule', database.brandId, async (tx) => {
        await tx.databaseAccessRule.deleteMany({ where: { databaseId: database.id, cidr, status: 'DELETED' } });
        return tx.databaseAccessRule.create({
          data: { databaseId: database.id, tenantId: database.tenantId, cidr, description },
        });
      });
      return this.ruleStarted(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuseRule('cidr', `The database already has a rule for ${cidr}.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async deleteAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    viewer.require('databases:write');
    const rule = await this.findAccessRule(viewer, id);
    if (!rule) return refuseRule('id', 'Access rule not found.', UserErrorCode.NOT_FOUND);
    if (!(await beginDataStoreOperation(this.db, 'DatabaseAccessRule', rule.id, 'DELETE'))) {
      return { databaseAccessRule: null, userErrors: [refusedInState('rule', 'DELETE', rule.status)] };
    }
    return this.ruleStarted(rule.id, 'DELETE');
  }

  async retryAccessRule(viewer: Viewer, id: string): Promise<RuleResult> {
    viewer.require('databases:write');
    const rule = await this.findAccessRule(viewer, id);
    if (!rule) return refuseRule('id', 'Access rule not found.', UserErrorCode.NOT_FOUND);
    const retry = await retryTarget(this.db, 'DatabaseAccessRule', rule, 'rule');
    if ('error' in retry) return { databaseAccessRule: null, userErrors: [retry.error] };
    if (!(await beginDataStoreOperation(this.db, 'DatabaseAccessRule', rule.id, retry.operation, {}, ['FAILED']))) {
      return { databaseAccessRule: null, userErrors: [refusedInState('rule', retry.operation, rule.status)] };
    }
    return this.ruleStarted(rule.id, retry.operation);
  }

  private async operateUser(
    id: string,
    status: string,
    operation: DataStoreOperation,
    data = {},
    retry = false,
  ): Promise<UserResult> {
    if (
      !(await beginDataStoreOperation(this.db, 'DatabaseUser', id, operation, data, retry ? ['FAILED'] : undefined))
    ) {
      return { databaseUser: null, userErrors: [refusedInState('database user', operation, status)] };
    }
    return this.userStarted(id, operation);
  }

  private async userStarted(id: string, operation: DataStoreOperation): Promise<UserResult> {
    await startDataStoreWorkflow(this.deps, 'DatabaseUser', id, operation);
    const row = await this.db.databaseUser.findUniqueOrThrow({
      where: { id },
      omit: withoutHash,
      include: withDatabaseBrand,
    });
    return { databaseUser: databaseUserRecord(row), userErrors: [] };
  }

  private async ruleStarted(id: string, operation: DataStoreOperation): Promise<RuleResult> {
    await startDataStoreWorkflow(this.deps, 'DatabaseAccessRule', id, operation);
    const row = await this.db.databaseAccessRule.findUniqueOrThrow({ where: { id }, include: withDatabaseBrand });
    return { databaseAccessRule: accessRuleRecord(row), userErrors: [] };
  }
}
