import { randomUUID } from 'node:crypto';
import {
  UserErrorCode,
  type CreateMailDomainInput,
  type MailDomainMutationResult,
  type UpdateMailDomainInput,
  type Viewer,
} from '@hostplane/schema';
import { decodeIdOf } from '@hostplane/schema';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { QuotaExceeded } from '../plans/quota.js';
import { visibleOwnedWhere } from '../data-stores/ownership.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { isGone } from '../resources/gone.js';
import { dataKeyOf } from '../secrets/data-keys.js';
import { sealDkimKey } from '../secrets/vault.js';
import type { ServiceDeps } from '../services.js';
import { newDkimKeyPair } from './mail-secrets.js';
import { checkedTargets } from './mail-address-claims.js';
import { MAX_ALIAS_TARGETS } from './mail-validation.js';

const CATCH_ALL = { min: 0 as const, max: MAX_ALIAS_TARGETS };
import type { MailReads } from './mail-reads.js';

type Result = MailDomainMutationResult;

/** A DKIM selector per key generation: the month it was made (a rotation publishes the next beside it). */
const selectorFor = (now: Date) => `hp${now.toISOString().slice(0, 7).replace('-', '')}`;

/**
 * Mail on a tenant's zone: create (an ACTIVE zone the key sees, no mail on it yet, a mail shard
 * in the tenant's cluster; the DKIM key pair made here and its private half sealed before the
 * insert), the catch-all's update, delete (its mailboxes and aliases go with it), retry.
 */
export class MailDomainService {
  readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: MailReads,
  ) {
    this.kit = lifecycleOf(deps, 'MailDomain', (id) => reads.domainById(id), {
      scope: 'mail:write',
      find: (viewer, id) => reads.findDomain(viewer, id),
      notFound: 'Mail domain not found.',
    });
  }

  async create(viewer: Viewer, input: CreateMailDomainInput): Promise<Result> {
    viewer.require('mail:write');
    const zoneId = decodeIdOf('DnsZone', input.zoneId);
    const zone = zoneId
      ? await this.deps.db.dnsZone.findFirst({
          where: { id: zoneId, ...visibleOwnedWhere(viewer) },
          include: {
            tenant: { select: { id: true, brandId: true, status: true, shard: { select: { clusterId: true } } } },
          },
        })
      : null;
    // Mail is a tenant's: a brand's own zone (no tenant) is not found here.
    if (!zone?.tenant) return refuse('mailDomain', 'zoneId', 'DNS zone not found.', UserErrorCode.NOT_FOUND);
    const tenantId = zone.tenant.id;
    if (zone.status !== 'ACTIVE')
      return refuse('mailDomain', 'zoneId', `Zone ${zone.name} is ${zone.status}.`, UserErrorCode.INVALID_STATE);
    if (isGone(zone.tenant.status))
      return refuse('mailDomain', 'zoneId', `The zone's tenant is ${zone.tenant.status}.`, UserErrorCode.INVALID_STATE);
    const catchAll = await checkedTargets(this.deps.db, input.catchAllTargets ?? [], 'catchAllTargets', CATCH_ALL);
    if ('errors' in catchAll) return { mailDomain: null, userErrors: catchAll.errors };
    const shard = await this.deps.db.shard.findFirst({
      where: { role: 'EMAIL', clusterId: zone.tenant.shard.clusterId, nodes: { some: {} } },
      orderBy: { name: 'asc' },
      select: { id: true },
    });
    if (!shard)
      return refuse('mailDomain', 'zoneId', 'The tenant’s cluster has no mail shard.', UserErrorCode.INVALID_STATE);
    const vault = this.deps.vault;
    if (!vault)
      return refuse(
        'mailDomain',
        'zoneId',
        'The platform has no secrets key to seal DKIM keys with.',
        UserErrorCode.INVALID_STATE,
      );
    const taken = () => refuse('mailDomain', 'zoneId', `${zone.name} already has mail.`, UserErrorCode.TAKEN);
    if (
      await this.deps.db.mailDomain.findFirst({
        where: { zoneId: zone.id, status: { not: 'DELETED' } },
        select: { id: true },
      })
    )
      return taken();
    const dkim = await newDkimKeyPair();
    const id = randomUUID();
    try {
      await insertWithEvent(this.deps.db, 'MailDomain', zone.tenant.brandId, async (tx) => {
        const dataKey = await dataKeyOf(tx, vault, tenantId);
        return tx.mailDomain.create({
          data: {
            id,
            tenantId,
            zoneId: zone.id,
            shardId: shard.id,
            name: zone.name,
            dkimSelector: selectorFor(new Date()),
            dkimPublicKey: dkim.publicKey,
            dkimPrivateKeySealed: new Uint8Array(sealDkimKey(dataKey, id, dkim.privateKeyPem)),
            catchAllTargets: catchAll.addresses,
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return taken();
      if (error instanceof QuotaExceeded) return error.refusal('mailDomain');
      throw error;
    }
    return this.kit.started(id, 'CREATE');
  }

  /** The catch-all: the node spec written again; the same targets change nothing. */
  async update(viewer: Viewer, input: UpdateMailDomainInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    const catchAll = await checkedTargets(this.deps.db, input.catchAllTargets, 'catchAllTargets', CATCH_ALL);
    if ('errors' in catchAll) return { mailDomain: null, userErrors: catchAll.errors };
    if (JSON.stringify(catchAll.addresses) === JSON.stringify(found.row.catchAllTargets))
      return { mailDomain: found.row, userErrors: [] };
    return this.kit.operate(found.row, 'UPDATE', { data: { catchAllTargets: catchAll.addresses } });
  }

  delete = (viewer: Viewer, id: string) => this.kit.operateById(viewer, id, 'DELETE');
  retry = (viewer: Viewer, id: string) => this.kit.retry(viewer, id);
}
