import type { ValkeyPort } from '@hostplane/schema';
import type { ServiceDeps } from '../services.js';
import { ValkeyLifecycle } from './valkey-lifecycle.js';
import { ValkeyReads } from './valkey-reads.js';
import { ValkeyUsers } from './valkey-users.js';

/**
 * The Valkey port, one part per resource: reads (ValkeyReads, with the request's DataLoaders),
 * instances (ValkeyLifecycle) and their ACL users (ValkeyUsers). None extends another.
 */
export class ValkeyService implements ValkeyPort {
  private readonly reads: ValkeyReads;
  private readonly instances: ValkeyLifecycle;
  private readonly users: ValkeyUsers;

  constructor(deps: ServiceDeps) {
    this.reads = new ValkeyReads(deps.db);
    this.instances = new ValkeyLifecycle(deps, this.reads);
    this.users = new ValkeyUsers(deps, this.reads);
  }

  list: ValkeyPort['list'] = (viewer, args) => this.reads.list(viewer, args);
  get: ValkeyPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  getUser: ValkeyPort['getUser'] = (viewer, id) => this.reads.getUser(viewer, id);
  ofTenant: ValkeyPort['ofTenant'] = (viewer, tenantId) => this.reads.ofTenant(viewer, tenantId);
  usersOf: ValkeyPort['usersOf'] = (viewer, instanceId) => this.reads.usersOf(viewer, instanceId);
  load: ValkeyPort['load'] = (viewer, instanceId) => this.reads.load(viewer, instanceId);
  loadTenant: ValkeyPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);
  endpointOf: ValkeyPort['endpointOf'] = (viewer, instance) => this.reads.endpointOf(viewer, instance);

  create: ValkeyPort['create'] = (viewer, input) => this.instances.create(viewer, input);
  update: ValkeyPort['update'] = (viewer, input) => this.instances.update(viewer, input);
  delete: ValkeyPort['delete'] = (viewer, id) => this.instances.delete(viewer, id);
  retry: ValkeyPort['retry'] = (viewer, id) => this.instances.retry(viewer, id);
  migrate: ValkeyPort['migrate'] = (viewer, input) => this.instances.migrate(viewer, input);

  createUser: ValkeyPort['createUser'] = (viewer, input) => this.users.createUser(viewer, input);
  updateUser: ValkeyPort['updateUser'] = (viewer, input) => this.users.updateUser(viewer, input);
  deleteUser: ValkeyPort['deleteUser'] = (viewer, id) => this.users.deleteUser(viewer, id);
  retryUser: ValkeyPort['retryUser'] = (viewer, id) => this.users.retryUser(viewer, id);
}
