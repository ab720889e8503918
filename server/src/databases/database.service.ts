import type { DatabasesPort } from '@hostplane/schema';
import type { ServiceDeps } from '../services.js';
import { DatabaseAccessRules } from './database-access-rules.js';
import { DatabaseLifecycle } from './database-lifecycle.js';
import { DatabaseReads } from './database-reads.js';
import { DatabaseUsers } from './database-users.js';

/**
 * The databases port, one part per resource: reads (DatabaseReads, with the request's
 * DataLoaders), databases (DatabaseLifecycle), their users (DatabaseUsers) and access rules
 * (DatabaseAccessRules). Each part is a plain class; none extends another.
 */
export class DatabaseService implements DatabasesPort {
  private readonly reads: DatabaseReads;
  private readonly databases: DatabaseLifecycle;
  private readonly users: DatabaseUsers;
  private readonly rules: DatabaseAccessRules;

  constructor(deps: ServiceDeps) {
    this.reads = new DatabaseReads(deps.db);
    this.databases = new DatabaseLifecycle(deps, this.reads);
    this.users = new DatabaseUsers(deps, this.reads);
    this.rules = new DatabaseAccessRules(deps, this.reads);
  }

  list: DatabasesPort['list'] = (viewer, args) => this.reads.list(viewer, args);
  get: DatabasesPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  getUser: DatabasesPort['getUser'] = (viewer, id) => this.reads.getUser(viewer, id);
  getAccessRule: DatabasesPort['getAccessRule'] = (viewer, id) => this.reads.getAccessRule(viewer, id);
  ofTenant: DatabasesPort['ofTenant'] = (viewer, tenantId) => this.reads.ofTenant(viewer, tenantId);
  usersOf: DatabasesPort['usersOf'] = (viewer, databaseId) => this.reads.usersOf(viewer, databaseId);
  accessRulesOf: DatabasesPort['accessRulesOf'] = (viewer, databaseId) => this.reads.accessRulesOf(viewer, databaseId);
  load: DatabasesPort['load'] = (viewer, databaseId) => this.reads.load(viewer, databaseId);
  loadTenant: DatabasesPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);
  endpointOf: DatabasesPort['endpointOf'] = (viewer, database) => this.reads.endpointOf(viewer, database);

  create: DatabasesPort['create'] = (viewer, input) => this.databases.create(viewer, input);
  delete: DatabasesPort['delete'] = (viewer, id) => this.databases.delete(viewer, id);
  retry: DatabasesPort['retry'] = (viewer, id) => this.databases.retry(viewer, id);
  migrate: DatabasesPort['migrate'] = (viewer, input) => this.databases.migrate(viewer, input);

  createUser: DatabasesPort['createUser'] = (viewer, input) => this.users.createUser(viewer, input);
  updateUser: DatabasesPort['updateUser'] = (viewer, input) => this.users.updateUser(viewer, input);
  deleteUser: DatabasesPort['deleteUser'] = (viewer, id) => this.users.deleteUser(viewer, id);
  retryUser: DatabasesPort['retryUser'] = (viewer, id) => this.users.retryUser(viewer, id);

  createAccessRule: DatabasesPort['createAccessRule'] = (viewer, input) => this.rules.createAccessRule(viewer, input);
  deleteAccessRule: DatabasesPort['deleteAccessRule'] = (viewer, id) => this.rules.deleteAccessRule(viewer, id);
  retryAccessRule: DatabasesPort['retryAccessRule'] = (viewer, id) => this.rules.retryAccessRule(viewer, id);
}
