import {
  UserErrorCode,
  type CreateValkeyUserInput,
  type UpdateValkeyUserInput,
  type ValkeyUserMutationResult,
  type Viewer,
} from '@hostplane/schema';
import { VALKEY_USER_NAME_PATTERN } from '@hostplane/contract/data-stores';
import { validateValkeyUsers, valkeyPasswordHash } from '@hostplane/contract/data-stores/validate';
import { passwordProblem } from '../common/password-policy.js';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { QuotaExceeded } from '../plans/quota.js';
import type { ServiceDeps } from '../services.js';
import type { ValkeyReads } from './valkey-reads.js';
import { valkeyUserRecord, withInstanceBrand, withoutHash } from './valkey-records.js';

type Result = ValkeyUserMutationResult;
const MAX_RULES = 50;
/** Any valid hash: rules are checked with the agent's own validator, which needs one. */
const PLACEHOLDER_HASH = '0'.repeat(64);

interface AclInput {
  keyPatterns?: string[] | null;
  channels?: string[] | null;
  commands?: string[] | null;
}

/** Why the ACL rules are refused (checked exactly as the node agent will), or null. */
function aclProblem(instance: string, name: string, acl: Required<{ [K in keyof AclInput]: string[] }>): Result | null {
  for (const [field, list] of Object.entries(acl)) {
    if (list.length > MAX_RULES) return refuse('valkeyUser', field, `${field} may hold at most ${MAX_RULES} entries.`);
  }
  try {
    const rules = { keys: acl.keyPatterns, channels: acl.channels, commands: acl.commands };
    validateValkeyUsers(instance, [{ name, passwordHash: PLACEHOLDER_HASH, rules }]);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const field = /command rule/.test(message) ? 'commands' : /pattern/.test(message) ? 'keyPatterns' : 'name';
    return refuse('valkeyUser', field, message.replace(/^user \S+: /, ''));
  }
}

/** Valkey ACL users: create, update, delete, retry (passwords hashed with SHA-256 first). */
export class ValkeyUsers {
  private readonly userKit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: ValkeyReads,
  ) {
    this.userKit = lifecycleOf(
      deps,
      'ValkeyUser',
      async (id) =>
        valkeyUserRecord(
          await deps.db.valkeyUser.findUniqueOrThrow({ where: { id }, omit: withoutHash, include: withInstanceBrand }),
        ),
      {
        scope: 'valkey:write',
        find: (viewer, id) => this.reads.findUser(viewer, id),
        notFound: 'Valkey user not found.',
      },
    );
  }

  async createUser(viewer: Viewer, input: CreateValkeyUserInput): Promise<Result> {
    viewer.require('valkey:write');
    const instance = await this.reads.findInstance(viewer, input.instanceId);
    if (!instance) return refuse('valkeyUser', 'instanceId', 'Valkey instance not found.', UserErrorCode.NOT_FOUND);
    if (isGone(instance.status))
      return refuse('valkeyUser', 'instanceId', `Instance is ${instance.status}.`, UserErrorCode.INVALID_STATE);
    const name = input.name.trim();
    if (!VALKEY_USER_NAME_PATTERN.test(name) || (name !== instance.name && !name.startsWith(`${instance.name}_`))) {
      return refuse(
        'valkeyUser',
        'name',
        `name must be ${instance.name} or start with ${instance.name}_ followed by 1 to 20 of [a-z0-9_].`,
      );
    }
    const acl = { keyPatterns: input.keyPatterns, channels: input.channels ?? [], commands: input.commands };
    const bad = aclProblem(instance.name, name, acl);
    if (bad) return bad;
    const weak = passwordProblem(input.password, name);
    if (weak) return refuse('valkeyUser', 'password', weak);
    const passwordHash = valkeyPasswordHash(input.password);
    try {
      const row = await insertWithEvent(this.deps.db, 'ValkeyUser', instance.brandId, async (tx) => {
        await tx.valkeyUser.deleteMany({ where: { instanceId: instance.id, name, status: 'DELETED' } });
        return tx.valkeyUser.create({
          data: { name, instanceId: instance.id, tenantId: instance.tenantId, passwordHash, ...acl },
        });
      });
      return this.userKit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof QuotaExceeded) return error.refusal('valkeyUser');
      if (isUniqueViolation(error))
        return refuse('valkeyUser', 'name', `The instance already has a user named ${name}.`, UserErrorCode.TAKEN);
      throw error;
    }
  }

  async updateUser(viewer: Viewer, input: UpdateValkeyUserInput): Promise<Result> {
    viewer.require('valkey:write');
    const user = await this.reads.findUser(viewer, input.id);
    if (!user) return refuse('valkeyUser', 'id', 'Valkey user not found.', UserErrorCode.NOT_FOUND);
    if (input.password == null && input.keyPatterns == null && input.channels == null && input.commands == null) {
      return refuse('valkeyUser', 'password', 'Give a new password or ACL rules.', UserErrorCode.REQUIRED);
    }
    const acl = {
      keyPatterns: input.keyPatterns ?? user.keyPatterns,
      channels: input.channels ?? user.channels,
      commands: input.commands ?? user.commands,
    };
    const instanceName = user.name.slice(0, 13);
    const bad = aclProblem(instanceName, user.name, acl);
    if (bad) return bad;
    const weak = input.password != null ? passwordProblem(input.password, user.name) : null;
    if (weak) return refuse('valkeyUser', 'password', weak);
    const data = { ...acl, ...(input.password != null ? { passwordHash: valkeyPasswordHash(input.password) } : {}) };
    return this.userKit.operate(user, 'UPDATE', { data });
  }

  deleteUser(viewer: Viewer, id: string): Promise<Result> {
    return this.userKit.operateById(viewer, id, 'DELETE');
  }

  retryUser(viewer: Viewer, id: string): Promise<Result> {
    return this.userKit.retry(viewer, id);
  }
}
