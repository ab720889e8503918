import {
  TenantOrderField,
  UserErrorCode,
  type CreateTenantInput,
  type TenantMutationResult,
  type TenantRecord,
  type TenantsArgs,
  type TenantsPort,
  type UpdateTenantInput,
  type Viewer,
} from '@hostplane/schema';
import { Prisma } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import { optionalText } from '../common/validation.js';
import { idOrNil } from '../common/ids.js';
import type { ServiceDeps } from '../services.js';
import { tenantRecord } from '../common/records.js';
import { findVisibleTenant, visibleTenantsWhere } from './tenant-access.js';
import { generateShortName } from './tenant-name.js';
import { resolvePlacement } from './tenant-placement.js';
import { TenantLifecycle } from './tenant-lifecycle.service.js';
import { refuse } from '../resources/lifecycle.js';
import { resolveTenantPlan } from '../plans/plan-access.js';

const MAX_DISPLAY_NAME = 100;

/** Tenants port: queries, create and update here; suspend, unsuspend, delete and retry in TenantLifecycle. */
export class TenantService implements TenantsPort {
  private readonly lifecycle: TenantLifecycle;

  constructor(private readonly deps: ServiceDeps) {
    this.lifecycle = new TenantLifecycle(deps);
  }

  suspend: TenantsPort['suspend'] = (viewer, input) => this.lifecycle.suspend(viewer, input);
  unsuspend: TenantsPort['unsuspend'] = (viewer, id) => this.lifecycle.unsuspend(viewer, id);
  delete: TenantsPort['delete'] = (viewer, id) => this.lifecycle.delete(viewer, id);
  retry: TenantsPort['retry'] = (viewer, id) => this.lifecycle.retry(viewer, id);

  async list(viewer: Viewer, args: TenantsArgs) {
    viewer.require('tenants:read');
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const where: Record<string, unknown> = {
      AND: [
        visibleTenantsWhere(viewer),
        filter.status?.length ? { status: { in: filter.status } } : { status: { not: 'DELETED' } },
        filter.brandId ? { brandId: idOrNil('Brand', filter.brandId) } : {},
        search
          ? {
              OR: [
                { name: { contains: search, mode: 'insensitive' } },
                { displayName: { contains: search, mode: 'insensitive' } },
              ],
            }
          : {},
      ],
    };
    const order = args.orderBy;
    const sort =
      order?.field === TenantOrderField.NAME
        ? { sortField: 'name', keyOf: (t: TenantRecord) => t.name, parseKey: (k: string) => k }
        : byCreatedAt;
    return keysetPage<TenantRecord>({
      args,
      where,
      ...sort,
      direction: order ? (order.direction === 'ASC' ? 'asc' : 'desc') : 'desc',
      findMany: (q) => this.deps.db.tenant.findMany(q) as Promise<TenantRecord[]>,
      count: (q) => this.deps.db.tenant.count(q),
    });
  }

  async get(viewer: Viewer, id: string) {
    viewer.require('tenants:read');
    return (await findVisibleTenant(this.deps.db, viewer, id)) as TenantRecord | null;
  }

  async create(viewer: Viewer, input: CreateTenantInput): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    if (viewer.tenantId)
      return refuse('tenant', 'brandId', 'A tenant-bound API key cannot create tenants.', UserErrorCode.FORBIDDEN);
    const displayName = optionalText(input.displayName);
    if (displayName && displayName.length > MAX_DISPLAY_NAME) {
      return refuse('tenant', 'displayName', `displayName must be at most ${MAX_DISPLAY_NAME} characters.`);
    }
    const idempotencyKey = optionalText(input.idempotencyKey);
    if (idempotencyKey && idempotencyKey.length > 200)
      return refuse('tenant', 'idempotencyKey', 'idempotencyKey is too long.');
    const placement = await resolvePlacement(this.deps.db, viewer, input);
    if ('userErrors' in placement) return { tenant: null, userErrors: placement.userErrors };
    const plan = await resolveTenantPlan(this.deps.db, viewer, placement.brandId, input.planId);
    if ('userErrors' in plan) return { tenant: null, userErrors: plan.userErrors };
    this.deps.logger.debug({ brandId: placement.brandId }, 'creating tenant');

    const earlier = idempotencyKey ? await this.findByIdempotencyKey(placement.brandId, idempotencyKey) : null;
    if (earlier) return { tenant: earlier, userErrors: [] };
    const tenant = await this.insertTenant({ ...placement, ...plan }, displayName, idempotencyKey);
    // null: a concurrent create with the same key won the insert; answer with its tenant.
    if (!tenant) return { tenant: await this.findByIdempotencyKey(placement.brandId, idempotencyKey!), userErrors: [] };
    return this.lifecycle.created(tenant.id);
  }

  async update(viewer: Viewer, input: UpdateTenantInput): Promise<TenantMutationResult> {
    viewer.require('tenants:write');
    const tenant = await findVisibleTenant(this.deps.db, viewer, input.id);
    if (!tenant) return refuse('tenant', 'id', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    const displayName = optionalText(input.displayName);
    if (displayName && displayName.length > MAX_DISPLAY_NAME) {
      return refuse('tenant', 'displayName', `displayName must be at most ${MAX_DISPLAY_NAME} characters.`);
    }
    // A tenant's own key never changes its plan: it would be choosing its own limits.
    if (input.planId !== undefined && viewer.tenantId)
      return refuse('tenant', 'planId', 'A tenant-bound API key cannot change its plan.', UserErrorCode.FORBIDDEN);
    const plan =
      input.planId !== undefined
        ? await resolveTenantPlan(this.deps.db, viewer, tenant.brandId, input.planId)
        : { planId: undefined };
    if ('userErrors' in plan) return { tenant: null, userErrors: plan.userErrors };
    const updated = await this.deps.db.$transaction(async (tx) => {
      // An omitted label stays (a plan change alone must not clear it); null or "" clears it.
      const label = input.displayName !== undefined ? { displayName } : {};
      const row = await tx.tenant.update({ where: { id: tenant.id }, data: { ...label, ...plan } });
      await appendEvent(tx, {
        brandId: row.brandId,
        tenantId: row.id,
        resourceType: 'Tenant',
        resourceId: row.id,
        kind: 'UPDATED',
        status: row.status,
      });
      return row;
    });
    return { tenant: updated as TenantRecord, userErrors: [] };
  }

  private async findByIdempotencyKey(brandId: string, idempotencyKey: string): Promise<TenantRecord | null> {
    const row = await this.deps.db.tenant.findUnique({
      where: { brandId_idempotencyKey: { brandId, idempotencyKey } },
    });
    return row ? tenantRecord(row) : null;
  }

  /** Inserts the row and its CREATED event; a short-name collision just draws a new name. */
  private async insertTenant(
    placement: { brandId: string; shardId: string; planId: string | null },
    displayName: string | null,
    idempotencyKey: string | null,
  ) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await this.deps.db.$transaction(async (tx) => {
          const row = await tx.tenant.create({
            data: { ...placement, name: generateShortName('t_'), displayName, idempotencyKey, lastOperation: 'CREATE' },
          });
          await appendEvent(tx, {
            brandId: row.brandId,
            tenantId: row.id,
            resourceType: 'Tenant',
            resourceId: row.id,
            kind: 'CREATED',
            status: row.status,
          });
          return row;
        });
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
        // Which unique index fired is not reliably named through the driver adapter: if a row
        // with our idempotency key exists now, a concurrent create won; otherwise the random
        // name collided and we draw again.
        if (idempotencyKey && (await this.findByIdempotencyKey(placement.brandId, idempotencyKey))) return null;
      }
    }
    throw new Error('Could not draw a unique tenant name in 5 attempts.');
  }
}
