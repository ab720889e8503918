import {
  UserErrorCode,
  type CreateSshKeyInput,
  type SshAccess,
  type SshKeyMutationResult,
  type SshKeysPort,
  type Viewer,
} from '@hostplane/schema';
import { parseSshPublicKey } from '@hostplane/contract/ssh/key-format';
import { tenantRecord } from '../common/records.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { resolveOwner } from '../data-stores/placement.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import { findVisibleTenant } from '../tenants/tenant-access.js';
import { SshKeyReads } from './ssh-key-reads.js';

type Result = SshKeyMutationResult;

/** Keys per tenant: each is a line of its key file on every node of its shard. */
export const MAX_SSH_KEYS_PER_TENANT = 50;

/**
 * A tenant's SSH keys: create, delete, retry (and the reads). A suspended tenant may still
 * change its keys (none logs in while it is suspended); a tenant being deleted takes no new
 * ones, and its delete removes them (worker's cascade).
 */
export class SshKeyService implements SshKeysPort {
  private readonly reads: SshKeyReads;
  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.reads = new SshKeyReads(deps.db);
    this.kit = lifecycleOf(deps, 'SshKey', (id) => this.reads.byId(id), {
      scope: 'ssh_keys:write',
      find: (viewer, id) => this.reads.find(viewer, id),
      notFound: 'SSH key not found.',
    });
  }

  get: SshKeysPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  ofTenant: SshKeysPort['ofTenant'] = (viewer, tenantId, args) => this.reads.ofTenant(viewer, tenantId, args);
  endpointsOf: SshKeysPort['endpointsOf'] = (viewer, tenant) => this.reads.endpointsOf(viewer, tenant);
  loadTenant: SshKeysPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);

  /** Validates the key (type, size, format), inserts it PENDING with its CREATED event and starts the tenant's sync. */
  async create(viewer: Viewer, input: CreateSshKeyInput): Promise<Result> {
    viewer.require('ssh_keys:write');
    const owner = await resolveOwner(this.deps.db, viewer, input.tenantId);
    if ('userErrors' in owner) return { sshKey: null, userErrors: owner.userErrors };
    const { tenant } = owner;
    const name = input.name.trim();
    if (name.length < 1 || name.length > 64 || !/^[\x20-\x7e]+$/.test(name))
      return refuse('sshKey', 'name', 'name must be 1–64 printable ASCII characters.');
    const parsed = parseSshPublicKey(input.publicKey);
    if ('problem' in parsed) return refuse('sshKey', 'publicKey', parsed.problem);
    if ((await this.reads.countLive(tenant.id)) >= MAX_SSH_KEYS_PER_TENANT)
      return refuse(
        'sshKey',
        'tenantId',
        `A tenant has at most ${MAX_SSH_KEYS_PER_TENANT} SSH keys.`,
        UserErrorCode.INVALID_STATE,
      );
    const { type: keyType, ...key } = parsed.key;
    try {
      const row = await insertWithEvent(this.deps.db, 'SshKey', tenant.brandId, (tx) =>
        tx.sshKey.create({ data: { tenantId: tenant.id, name, keyType, ...key } }),
      );
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (isUniqueViolation(error))
        return refuse('sshKey', 'publicKey', 'The tenant already has this key.', UserErrorCode.TAKEN);
      throw error;
    }
  }

  /** One query per tenant shown: a page of tenants asks for it rarely (the SSH tab, one tenant). */
  accessOf: SshKeysPort['accessOf'] = async (viewer, tenant) => {
    viewer.require('ssh_keys:read');
    const row = await this.deps.db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { sshAccess: true } });
    return row.sshAccess as SshAccess;
  };

  /**
   * Stores the access and starts its sync on every node. A sync already running for the tenant
   * reads the access again after applying (whole-set-sync.ts), so it ends with this one.
   */
  setAccess: SshKeysPort['setAccess'] = async (viewer, input) => {
    viewer.require('ssh_keys:write');
    const tenant = await findVisibleTenant(this.deps.db, viewer, input.tenantId);
    if (!tenant) return refuse('tenant', 'tenantId', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    if (isGone(tenant.status) || tenant.status === 'PENDING' || tenant.status === 'PROVISIONING')
      return refuse('tenant', 'tenantId', `Tenant is ${tenant.status}.`, UserErrorCode.INVALID_STATE);
    const updated = await this.deps.db.tenant.update({ where: { id: tenant.id }, data: { sshAccess: input.access } });
    const outcome = await this.deps.workflows.start('syncTenantSshAccessWorkflow', `tenant-ssh-access-${tenant.id}`, {
      tenantId: tenant.id,
    });
    if (!outcome.started && outcome.reason === 'UNAVAILABLE')
      return refuse('tenant', 'tenantId', outcome.message, UserErrorCode.INVALID_STATE);
    return { tenant: tenantRecord(updated), userErrors: [] };
  };

  delete = (viewer: Viewer, id: string): Promise<Result> => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string): Promise<Result> => this.kit.retry(viewer, id);
}
