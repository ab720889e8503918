import type { ConnectionResult } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { DataStoreEndpointRecord } from '../common/endpoint.type.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type {
  CreateDatabaseAccessRuleInput,
  CreateDatabaseInput,
  CreateDatabaseUserInput,
  DatabasesArgs,
  MigrateDatabaseInput,
  UpdateDatabaseUserInput,
} from './database.input.js';
import type { DatabaseAccessRuleRecord, DatabaseRecord, DatabaseUserRecord } from './database.type.js';

export interface DatabaseMutationResult {
  database: DatabaseRecord | null;
  userErrors: UserError[];
}
export interface DatabaseUserMutationResult {
  databaseUser: DatabaseUserRecord | null;
  userErrors: UserError[];
}
export interface DatabaseAccessRuleMutationResult {
  databaseAccessRule: DatabaseAccessRuleRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`databases:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface DatabasesPort {
  list(viewer: Viewer, args: DatabasesArgs): Promise<ConnectionResult<DatabaseRecord>>;
  get(viewer: Viewer, id: string): Promise<DatabaseRecord | null>;
  getUser(viewer: Viewer, id: string): Promise<DatabaseUserRecord | null>;
  getAccessRule(viewer: Viewer, id: string): Promise<DatabaseAccessRuleRecord | null>;
  /** Batched per request: a tenant's databases (not DELETED), a database's users and rules. */
  ofTenant(viewer: Viewer, tenantId: string): Promise<DatabaseRecord[]>;
  usersOf(viewer: Viewer, databaseId: string): Promise<DatabaseUserRecord[]>;
  accessRulesOf(viewer: Viewer, databaseId: string): Promise<DatabaseAccessRuleRecord[]>;
  /** Batched loads by raw id for nested fields. */
  load(viewer: Viewer, databaseId: string): Promise<DatabaseRecord | null>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  /** Batched: where the database's clients connect (null while its shard has no node). */
  endpointOf(viewer: Viewer, database: DatabaseRecord): Promise<DataStoreEndpointRecord | null>;

  create(viewer: Viewer, input: CreateDatabaseInput): Promise<DatabaseMutationResult>;
  delete(viewer: Viewer, id: string): Promise<DatabaseMutationResult>;
  retry(viewer: Viewer, id: string): Promise<DatabaseMutationResult>;
  migrate(viewer: Viewer, input: MigrateDatabaseInput): Promise<DatabaseMutationResult>;

  createUser(viewer: Viewer, input: CreateDatabaseUserInput): Promise<DatabaseUserMutationResult>;
  updateUser(viewer: Viewer, input: UpdateDatabaseUserInput): Promise<DatabaseUserMutationResult>;
  deleteUser(viewer: Viewer, id: string): Promise<DatabaseUserMutationResult>;
  retryUser(viewer: Viewer, id: string): Promise<DatabaseUserMutationResult>;

  createAccessRule(viewer: Viewer, input: CreateDatabaseAccessRuleInput): Promise<DatabaseAccessRuleMutationResult>;
  deleteAccessRule(viewer: Viewer, id: string): Promise<DatabaseAccessRuleMutationResult>;
  retryAccessRule(viewer: Viewer, id: string): Promise<DatabaseAccessRuleMutationResult>;
}
