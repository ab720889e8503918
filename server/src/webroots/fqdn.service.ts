import DataLoader from 'dataloader';
import {
  decodeIdOf,
  UserErrorCode,
  type BindFqdnInput,
  type FqdnMutationResult,
  type FqdnRecord,
  type FqdnsPort,
  type Viewer,
} from '@hostplane/schema';
import { Prisma } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import { groupBy } from '../loaders.js';
import type { ServiceDeps } from '../services.js';
import { claimHostname } from './hostname-claims.js';
import { resolveWebrootOwner } from './webroot-owner.js';
import { normalizeHostname } from './hostname.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { enforceQuota, QuotaExceeded } from '../plans/quota.js';
import { canSeeRecord, fqdnRecord, NOT_DELETED, visibleFqdnsWhere, withWebrootOwner } from './webroot-records.js';

/**
 * FQDNs: bind (unique platform-wide, case-insensitive: stored lowercase under a unique index),
 * unbind and retry. A webroot of another brand is reported exactly like a missing one.
 */
export class FqdnService implements FqdnsPort {
  private readonly byWebroot = new DataLoader<string, FqdnRecord[]>(async (ids) => {
    const rows = await this.deps.db.fqdn.findMany({
      where: { webrootId: { in: [...ids] }, ...NOT_DELETED },
      include: withWebrootOwner,
      orderBy: { createdAt: 'asc' },
    });
    return groupBy(ids, rows.map(fqdnRecord), (r) => r.webrootId);
  });

  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.kit = lifecycleOf(
      deps,
      'Fqdn',
      async (id) => fqdnRecord(await deps.db.fqdn.findUniqueOrThrow({ where: { id }, include: withWebrootOwner })),
      { scope: 'webroots:write', find: (viewer, id) => this.find(viewer, id), notFound: 'FQDN not found.' },
    );
  }

  async get(viewer: Viewer, id: string): Promise<FqdnRecord | null> {
    viewer.require('webroots:read');
    const row = await this.find(viewer, id);
    return row ? fqdnRecord(row) : null;
  }

  async ofWebroot(viewer: Viewer, webrootId: string): Promise<FqdnRecord[]> {
    viewer.require('webroots:read');
    return (await this.byWebroot.load(webrootId)).filter((r) => canSeeRecord(viewer, r));
  }

  async bind(viewer: Viewer, input: BindFqdnInput): Promise<FqdnMutationResult> {
    viewer.require('webroots:write');
    const normalized = normalizeHostname(input.hostname);
    if ('userError' in normalized) return { fqdn: null, userErrors: [normalized.userError] };
    const { hostname } = normalized;
    const owner = await resolveWebrootOwner(this.deps.db, viewer, input.webrootId);
    if ('userErrors' in owner) return { fqdn: null, userErrors: owner.userErrors };
    const { webroot } = owner;
    const claim = await claimHostname(this.deps.db, viewer, hostname, webroot.tenant.brandId);
    if ('userError' in claim) return { fqdn: null, userErrors: [claim.userError] };
    // Unproven claims may wait side by side (see the schema); a proven one ends the race.
    if (await this.deps.db.fqdn.findFirst({ where: { hostname, verifiedAt: { not: null }, ...NOT_DELETED } })) {
      return refuse('fqdn', 'hostname', `${hostname} is already bound to a webroot.`, UserErrorCode.TAKEN);
    }
    try {
      const row = await this.deps.db.$transaction(async (tx) => {
        const created = await tx.fqdn.create({
          data: {
            hostname,
            webrootId: webroot.id,
            tenantId: webroot.tenantId,
            lastOperation: 'BIND',
            // Without a token the name is proven already; with one, it routes only once DNS shows it.
            verificationToken: claim.verificationToken,
            verifiedAt: claim.verificationToken ? null : new Date(),
          },
        });
        await enforceQuota(tx, 'Fqdn', webroot.tenantId);
        const event = {
          brandId: webroot.tenant.brandId,
          tenantId: webroot.tenantId,
          resourceType: 'Fqdn',
          resourceId: created.id,
        };
        await appendEvent(tx, { ...event, kind: 'CREATED', status: created.status });
        return created;
      });
      return this.kit.started(row.id, 'BIND');
    } catch (error) {
      if (error instanceof QuotaExceeded) return error.refusal('fqdn');
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      return refuse('fqdn', 'hostname', `${hostname} is already bound to a webroot.`, UserErrorCode.TAKEN);
    }
  }

  unbind(viewer: Viewer, id: string): Promise<FqdnMutationResult> {
    return this.kit.operateById(viewer, id, 'UNBIND');
  }

  retry(viewer: Viewer, id: string): Promise<FqdnMutationResult> {
    return this.kit.retry(viewer, id);
  }

  private async find(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Fqdn', globalId);
    if (!id) return null;
    return this.deps.db.fqdn.findFirst({
      where: { id, ...visibleFqdnsWhere(viewer) },
      include: withWebrootOwner,
    });
  }
}
