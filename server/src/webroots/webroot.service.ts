import {
  UserErrorCode,
  type CreateWebrootInput,
  type UpdateWebrootInput,
  type Viewer,
  type WebrootMutationResult,
  type WebrootsPort,
} from '@hostplane/schema';
import { Prisma } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import type { ServiceDeps } from '../services.js';
import { findVisibleTenant } from '../tenants/tenant-access.js';
import { generateShortName } from '../tenants/tenant-name.js';
import { resolveRuntime, type RuntimeChoice } from './runtime-input.js';
import { shardRuntimeOffers } from './runtime-offers.js';
import { beginOperation, lifecycleOf, refusedInState, refuse } from '../resources/lifecycle.js';
import { tenantUnusable } from './tenant-usable.js';
import { WebrootReads } from './webroot-reads.js';
import { enforceQuota, withinQuota } from '../plans/quota.js';
import { webrootRecord, withOwner } from './webroot-records.js';

/**
 * The webroots port: reads (WebrootReads, composed), create, update, delete and retry. Input is validated
 * with the node agent's pure validators before anything is written; each change then wins a
 * guarded status transition and starts its workflow.
 */
export class WebrootService implements WebrootsPort {
  private readonly reads: WebrootReads;
  private readonly kit;

  constructor(private readonly deps: ServiceDeps) {
    this.reads = new WebrootReads(deps);
    this.kit = lifecycleOf(
      deps,
      'Webroot',
      async (id) => webrootRecord(await deps.db.webroot.findUniqueOrThrow({ where: { id }, include: withOwner })),
      {
        scope: 'webroots:write',
        find: (viewer, id) => this.reads.findWebroot(viewer, id),
        notFound: 'Webroot not found.',
      },
    );
  }

  list: WebrootsPort['list'] = (viewer, args) => this.reads.list(viewer, args);
  get: WebrootsPort['get'] = (viewer, id) => this.reads.get(viewer, id);
  ofTenant: WebrootsPort['ofTenant'] = (viewer, tenantId) => this.reads.ofTenant(viewer, tenantId);
  load: WebrootsPort['load'] = (viewer, webrootId) => this.reads.load(viewer, webrootId);
  loadTenant: WebrootsPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);
  runtimesOf: WebrootsPort['runtimesOf'] = (viewer, tenant) => this.reads.runtimesOf(viewer, tenant);

  async create(viewer: Viewer, input: CreateWebrootInput): Promise<WebrootMutationResult> {
    viewer.require('webroots:write');
    const tenant = await findVisibleTenant(this.deps.db, viewer, input.tenantId);
    if (!tenant) return refuse('webroot', 'tenantId', 'Tenant not found.', UserErrorCode.NOT_FOUND);
    const unusable = tenantUnusable('tenantId', tenant);
    if (unusable) return { webroot: null, userErrors: [unusable] };
    const resolved = resolveRuntime(input, null, await shardRuntimeOffers(this.deps.db, tenant.shardId));
    if ('userErrors' in resolved) return { webroot: null, userErrors: resolved.userErrors };
    const row = await withinQuota('webroot', async () =>
      this.insert(tenant, resolved.choice, input.serviceHostnameEnabled ?? true),
    );
    if ('userErrors' in row) return row;
    return this.kit.started(row.id, 'CREATE');
  }

  async update(viewer: Viewer, input: UpdateWebrootInput): Promise<WebrootMutationResult> {
    viewer.require('webroots:write');
    const row = await this.reads.findWebroot(viewer, input.id);
    if (!row) return refuse('webroot', 'id', 'Webroot not found.', UserErrorCode.NOT_FOUND);
    const unusable = tenantUnusable('id', row.tenant);
    if (unusable) return { webroot: null, userErrors: [unusable] };
    const previous = {
      ...row,
      runtimeConfig: (row.runtimeConfig ?? {}) as Record<string, unknown>,
    } as RuntimeChoice;
    const resolved = resolveRuntime(input, previous, await shardRuntimeOffers(this.deps.db, row.tenant.shardId));
    if ('userErrors' in resolved) return { webroot: null, userErrors: resolved.userErrors };
    const { choice } = resolved;
    const moved = await beginOperation(this.deps.db, 'Webroot', row.id, 'UPDATE', {
      data: {
        ...choice,
        runtimeConfig: choice.runtimeConfig as Prisma.InputJsonObject,
        ...(input.serviceHostnameEnabled != null ? { serviceHostnameEnabled: input.serviceHostnameEnabled } : {}),
      },
    });
    if (!moved)
      return {
        webroot: null,
        userErrors: [refusedInState('Webroot', 'UPDATE', row.status)],
      };
    return this.kit.started(row.id, 'UPDATE');
  }

  delete(viewer: Viewer, id: string): Promise<WebrootMutationResult> {
    return this.kit.operateById(viewer, id, 'DELETE');
  }

  retry(viewer: Viewer, id: string): Promise<WebrootMutationResult> {
    return this.kit.retry(viewer, id);
  }

  /** Inserts the webroot PENDING with its CREATED event. */
  private async insert(
    tenant: { id: string; brandId: string; shardId: string },
    choice: RuntimeChoice,
    serviceHostnameEnabled: boolean,
  ) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await this.deps.db.$transaction(async (tx) => {
          const row = await tx.webroot.create({
            data: {
              ...choice,
              runtimeConfig: choice.runtimeConfig as Prisma.InputJsonObject,
              name: generateShortName('web_'),
              tenantId: tenant.id,
              serviceHostnameEnabled,
              lastOperation: 'CREATE',
            },
          });
          await enforceQuota(tx, 'Webroot', tenant.id);
          const event = {
            brandId: tenant.brandId,
            tenantId: tenant.id,
            resourceType: 'Webroot',
            resourceId: row.id,
          };
          await appendEvent(tx, { ...event, kind: 'CREATED', status: row.status });
          return row;
        });
      } catch (error) {
        // A unique violation can only be the random name: draw again.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      }
    }
    throw new Error('Could not draw a unique webroot name in 5 attempts.');
  }
}
