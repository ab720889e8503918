import {
  CreateApiKeyDocument,
  CreateTenantDocument,
  EventsDocument,
  GetBrandDocument,
  GetDashboardStatsDocument,
  GetNodeDocument,
  GetTenantDocument,
  ListAuditLogsDocument,
  ListBrandsDocument,
  ListTenantsDocument,
  SearchDocument,
  SuspendTenantDocument,
  UpdateTenantDocument,
  ViewerDocument,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchTenant } from '../support/watch.js';

/** A key of brand A must not reach brand B by any path: list, get, node, search, nested, subscription, mutation. */
describe('brand isolation', () => {
  let brandA: { id: string; name: string };
  let brandB: { id: string; name: string };
  let tenantA: { id: string; name: string };
  let tenantB: { id: string; name: string };
  let keyA: string;

  beforeAll(async () => {
    [brandA, brandB] = await Promise.all([createBrand(), createBrand()]);
    [tenantA, tenantB] = await Promise.all([
      createTenant(admin(), brandA.id, 'tenant of A'),
      createTenant(admin(), brandB.id, 'tenant of B'),
    ]);
    await Promise.all([watchTenant(admin(), tenantA.id, ['ACTIVE']), watchTenant(admin(), tenantB.id, ['ACTIVE'])]);
    keyA = await createKey(['tenants:*', 'brands:read', 'audit_logs:read', 'api_keys:*'], [brandA.id]);
  }, 90_000);
  afterAll(closeClients);

  it('lists only its own brand’s tenants and brands', async () => {
    const c = client(keyA);
    const all = await c.query(ListTenantsDocument, { first: 100 });
    expect(all.tenants.edges.map((e) => e.node.brand.id)).toEqual(all.tenants.edges.map(() => brandA.id));
    expect(all.tenants.edges.map((e) => e.node.id)).toContain(tenantA.id);
    expect(
      (await c.query(ListTenantsDocument, { first: 100, filter: { brandId: brandB.id } })).tenants.totalCount,
    ).toBe(0);
    expect((await c.query(ListBrandsDocument, { first: 100 })).brands.edges.map((e) => e.node.id)).toEqual([brandA.id]);
  });

  it('cannot get brand B objects by id or node(id:)', async () => {
    const c = client(keyA);
    await expectCode(c.query(GetTenantDocument, { id: tenantB.id }), 'NOT_FOUND');
    await expectCode(c.query(GetBrandDocument, { id: brandB.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: tenantB.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: brandB.id }), 'NOT_FOUND');
    expect((await c.query(GetNodeDocument, { id: tenantA.id })).node.id).toBe(tenantA.id);
  });

  it('finds nothing of brand B in search and counts nothing of it on the dashboard', async () => {
    const c = client(keyA);
    expect((await c.query(SearchDocument, { query: tenantB.name })).search).toEqual([]);
    expect((await c.query(SearchDocument, { query: brandB.name })).search).toEqual([]);
    expect((await c.query(SearchDocument, { query: tenantA.name })).search.map((r) => r.id)).toEqual([tenantA.id]);
    const stats = (await c.query(GetDashboardStatsDocument)).dashboardStats;
    expect(stats.brands).toBe(1);
    const total = stats.resourceCounts.reduce((n, r) => n + r.count, 0);
    expect(total).toBe((await c.query(ListTenantsDocument, { first: 1, filter: { status: null } })).tenants.totalCount);
  });

  it('cannot mutate brand B: its tenants are not found and its brand cannot be used', async () => {
    const c = client(keyA);
    const suspend = await c.mutate(SuspendTenantDocument, { input: { id: tenantB.id, reason: 'hostile' } });
    expect(suspend.suspendTenant.userErrors[0]?.code).toBe('NOT_FOUND');
    const update = await c.mutate(UpdateTenantDocument, { input: { id: tenantB.id, displayName: 'pwned' } });
    expect(update.updateTenant.userErrors[0]?.code).toBe('NOT_FOUND');
    const create = await c.mutate(CreateTenantDocument, { input: { brandId: brandB.id } });
    expect(create.createTenant.userErrors[0]).toMatchObject({ field: ['input', 'brandId'], code: 'NOT_FOUND' });
    const key = await c.mutate(CreateApiKeyDocument, {
      input: { name: 'x', scopes: ['tenants:read'], brandIds: [brandB.id] },
    });
    expect(key.createApiKey.userErrors[0]?.code).toBe('NOT_FOUND');
    expect((await admin().query(GetTenantDocument, { id: tenantB.id })).tenant.displayName).toBe('tenant of B');
  });

  it('cannot escalate: no scope, brand or * beyond its own', async () => {
    const c = client(keyA);
    const wide = await c.mutate(CreateApiKeyDocument, { input: { name: 'x', scopes: ['*'], brandIds: [brandA.id] } });
    expect(wide.createApiKey.userErrors[0]?.code).toBe('FORBIDDEN');
    const infra = await c.mutate(CreateApiKeyDocument, {
      input: { name: 'x', scopes: ['infrastructure:read'], brandIds: [brandA.id] },
    });
    expect(infra.createApiKey.userErrors[0]?.code).toBe('FORBIDDEN');
    const all = await c.mutate(CreateApiKeyDocument, {
      input: { name: 'x', scopes: ['tenants:read'], brandIds: ['*'] },
    });
    expect(all.createApiKey.userErrors[0]?.code).toBe('FORBIDDEN');
  });

  it('reads no audit entry about brand B', async () => {
    await admin().mutate(UpdateTenantDocument, { input: { id: tenantB.id, displayName: 'tenant of B' } });
    const c = client(keyA);
    const own = (await c.query(ViewerDocument)).viewer.apiKeyId;
    const { auditLogs } = await c.query(ListAuditLogsDocument, { first: 100 });
    // Its own refused attempts on B are its to see; nobody else's B entries are.
    const others = auditLogs.edges.filter((e) => e.node.apiKeyId !== own);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((e) => e.node.brandId === brandA.id)).toBe(true);
  });

  it('receives no brand B event, live or replayed', async () => {
    const c = client(keyA);
    const received: ResourceEventFieldsFragment[] = [];
    const sawA = new Promise<void>((resolve, reject) => {
      const stop = c.subscribe(
        EventsDocument,
        { after: '0', filter: { resourceTypes: ['Tenant'] } },
        ({ events }) => {
          received.push(events);
          if (events.resourceId === tenantA.id && events.kind === 'UPDATED') {
            stop();
            resolve();
          }
        },
        reject,
      );
    });
    // B changes first, then A: by the time A's event arrives, B's would have too.
    await admin().mutate(UpdateTenantDocument, { input: { id: tenantB.id, displayName: 'B changed' } });
    await admin().mutate(UpdateTenantDocument, { input: { id: tenantA.id, displayName: 'A changed' } });
    await sawA;
    expect(received.length).toBeGreaterThan(1);
    expect(received.some((e) => e.resourceId === tenantB.id || e.tenantId === tenantB.id)).toBe(false);
  });
});
