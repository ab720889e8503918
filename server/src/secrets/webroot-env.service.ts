import { MAX_ENV_ENTRIES } from '@hostplane/contract/webroots';
import {
  userError,
  UserErrorCode,
  type DeleteWebrootEnvVarInput,
  type SetWebrootEnvInput,
  type Viewer,
  type WebrootEnvPort,
  type WebrootEnvVarRecord,
  type WebrootMutationResult,
  type WebrootRecord,
} from '@hostplane/schema';
import { decodeIdOf } from '@hostplane/schema';
import DataLoader from 'dataloader';
import type { DbTx } from '../db/index.js';
import { lifecycleOf, refusedInState } from '../resources/lifecycle.js';
import { resourceType } from '../resources/registry.js';
import type { ServiceDeps } from '../services.js';
import { tenantUnusable } from '../webroots/tenant-usable.js';
import { canSeeRecord, visibleWebrootsWhere, webrootRecord, withOwner } from '../webroots/webroot-records.js';
import { dataKeyOf } from './data-keys.js';
import { envChangesOf, type EnvChange } from './env-input.js';
import { fingerprintOf, sealValue, type SecretsVault } from './vault.js';

/** Thrown inside the status move's transaction to roll the env writes back with it. */
class Refused extends Error {
  constructor(readonly errors: ReturnType<typeof userError>[]) {
    super('refused');
  }
}

/**
 * A webroot's environment: plain variables and secrets (sealed under the tenant's data key,
 * never returned). Every change is written in the same transaction as the webroot's guarded move
 * to PENDING (UPDATE), whose workflow re-renders its spec: one rollout per node.
 */
export class WebrootEnvService implements WebrootEnvPort {
  private readonly kit;
  private readonly byWebroot = new DataLoader<string, WebrootEnvVarRecord[]>(async (ids) => {
    const rows = await this.deps.db.webrootEnvVar.findMany({
      where: { webrootId: { in: [...ids] } },
      select: { webrootId: true, name: true, secret: true, value: true, fingerprint: true, updatedAt: true },
      orderBy: { name: 'asc' },
    });
    return ids.map((id) => rows.filter((r) => r.webrootId === id).map(({ webrootId: _id, ...record }) => record));
  });

  constructor(private readonly deps: ServiceDeps) {
    this.kit = lifecycleOf(
      deps,
      'Webroot',
      async (id) => webrootRecord(await deps.db.webroot.findUniqueOrThrow({ where: { id }, include: withOwner })),
      { scope: 'webroots:write', find: (viewer, id) => this.find(viewer, id), notFound: 'Webroot not found.' },
    );
  }

  async ofWebroot(viewer: Viewer, webroot: WebrootRecord): Promise<WebrootEnvVarRecord[]> {
    viewer.require('webroots:read');
    return canSeeRecord(viewer, webroot) ? this.byWebroot.load(webroot.id) : [];
  }

  async set(viewer: Viewer, input: SetWebrootEnvInput): Promise<WebrootMutationResult> {
    viewer.require('webroots:write'); // before any input check: a key without it learns nothing
    const parsed = envChangesOf(input);
    if ('userErrors' in parsed) return { webroot: null, userErrors: parsed.userErrors };
    return this.apply(viewer, input.webrootId, parsed.changes);
  }

  remove(viewer: Viewer, input: DeleteWebrootEnvVarInput): Promise<WebrootMutationResult> {
    return this.apply(viewer, input.webrootId, [{ kind: 'remove', name: input.name }], 'name');
  }

  private async apply(
    viewer: Viewer,
    webrootId: string,
    changes: EnvChange[],
    removeField?: string,
  ): Promise<WebrootMutationResult> {
    const found = await this.kit.find(viewer, webrootId);
    if ('refused' in found) return { ...found.refused, webroot: null };
    const { row } = found;
    const unusable = tenantUnusable('webrootId', row.tenant);
    if (unusable) return { webroot: null, userErrors: [unusable] };
    const vault = this.deps.vault;
    if (!vault && changes.some((c) => c.kind === 'secret')) {
      const message = 'Secrets are not configured on this platform (HOSTPLANE_SECRETS_KEY).';
      return { webroot: null, userErrors: [userError('secrets', message, UserErrorCode.INVALID_STATE)] };
    }
    try {
      return await this.kit.operate(row, 'UPDATE', {
        data: async (tx) => {
          await lockInStatus(tx, row.id);
          await writeChanges(tx, vault, row, changes, removeField);
          return {};
        },
      });
    } catch (error) {
      if (error instanceof Refused) return { webroot: null, userErrors: error.errors };
      throw error;
    }
  }

  private find(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Webroot', globalId);
    if (!id) return Promise.resolve(null);
    return this.deps.db.webroot.findFirst({ where: { id, ...visibleWebrootsWhere(viewer) }, include: withOwner });
  }
}

/**
 * Locks the webroot row and refuses unless UPDATE may start from its status: the kit's guarded
 * move only runs after the env writes, so a refusal there would commit them without a rollout.
 */
async function lockInStatus(tx: DbTx, id: string) {
  const [current] = await tx.$queryRaw<Array<{ status: string }>>`
    SELECT status::text AS status FROM "Webroot" WHERE id = ${id}::uuid FOR UPDATE`;
  const from = resourceType('Webroot').operations.UPDATE.from as readonly string[];
  if (!current || !from.includes(current.status)) {
    throw new Refused([refusedInState('Webroot', 'UPDATE', current?.status ?? 'DELETED')]);
  }
}

async function writeChanges(
  tx: DbTx,
  vault: SecretsVault | undefined,
  webroot: { id: string; tenantId: string },
  changes: EnvChange[],
  removeField = 'remove',
) {
  const existing = new Set(
    (await tx.webrootEnvVar.findMany({ where: { webrootId: webroot.id }, select: { name: true } })).map((r) => r.name),
  );
  const missing = changes.flatMap((c, i) =>
    c.kind === 'remove' && !existing.has(c.name)
      ? [
          userError(
            removeField === 'remove' ? `remove.${i}` : removeField,
            `No variable ${c.name}.`,
            UserErrorCode.NOT_FOUND,
          ),
        ]
      : [],
  );
  if (missing.length > 0) throw new Refused(missing);
  const after = new Set(existing);
  for (const c of changes) {
    if (c.kind === 'remove') after.delete(c.name);
    else after.add(c.name);
  }
  if (after.size > MAX_ENV_ENTRIES)
    throw new Refused([userError('', `At most ${MAX_ENV_ENTRIES} variables per webroot.`)]);
  // Only under the vault; opened here only long enough to seal this request's values.
  const dataKey =
    vault && changes.some((c) => c.kind === 'secret') ? await dataKeyOf(tx, vault, webroot.tenantId) : null;
  for (const c of changes) {
    const where = { webrootId_name: { webrootId: webroot.id, name: c.name } };
    if (c.kind === 'remove') {
      await tx.webrootEnvVar.delete({ where });
      continue;
    }
    const data =
      c.kind === 'variable'
        ? { secret: false, value: c.value, sealedValue: null, fingerprint: null }
        : {
            secret: true,
            value: null,
            sealedValue: new Uint8Array(sealValue(dataKey!, webroot.id, c.name, c.value)),
            fingerprint: fingerprintOf(dataKey!, c.value),
          };
    await tx.webrootEnvVar.upsert({ where, create: { webrootId: webroot.id, name: c.name, ...data }, update: data });
  }
}
