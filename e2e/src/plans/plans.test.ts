// Plans as brand-level admin objects: CRUD with userErrors, brand isolation on every path
// (list, get, node, Tenant.plan, tenant create/update), and what a tenant's own key may do:
// read its usage and its own plan, never another plan, never write one.
import {
  CreatePlanDocument,
  CreateTenantDocument,
  DeletePlanDocument,
  GetNodeDocument,
  GetPlanDocument,
  GetTenantPlanDocument,
  GetTenantUsageDocument,
  ListPlansDocument,
  UpdatePlanDocument,
  UpdateTenantDocument,
  ViewerDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant, localShardId } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { createPlan } from './plan-support.js';

describe('plans', () => {
  let brandA: string;
  let brandB: string;
  let planA: Awaited<ReturnType<typeof createPlan>>;
  let otherPlanA: Awaited<ReturnType<typeof createPlan>>;
  let planB: Awaited<ReturnType<typeof createPlan>>;
  let tenantA: { id: string };
  /** Every scope, brand A only. */
  let brandKeyA: string;
  /** Tenant A's own key, with every scope a tenant could be given. */
  let tenantKey: string;

  beforeAll(async () => {
    [brandA, brandB] = (await Promise.all([createBrand(), createBrand()])).map((b) => b.id) as [string, string];
    [planA, otherPlanA, planB] = await Promise.all([
      createPlan(brandA, { maxWebroots: 2 }),
      createPlan(brandA, { maxDatabases: 1 }),
      createPlan(brandB),
    ]);
    tenantA = await createTenant(admin(), brandA);
    const { updateTenant } = await admin().mutate(UpdateTenantDocument, {
      input: { id: tenantA.id, planId: planA.id },
    });
    expect(updateTenant.userErrors).toEqual([]);
    brandKeyA = await createKey(['*'], [brandA]);
    tenantKey = await createKey(['tenants:*', 'plans:*', 'webroots:*'], [brandA], tenantA.id);
  }, 60_000);
  afterAll(closeClients);

  it('creates, updates and lists a plan; bad input is a userError on its field', async () => {
    const c = client(brandKeyA);
    const { createPlan: created } = await c.mutate(CreatePlanDocument, {
      input: { brandId: brandA, name: '  Starter  ', maxWebroots: 3, maxValkeyMemoryMb: 256 },
    });
    expect(created.userErrors).toEqual([]);
    expect(created.plan).toMatchObject({ name: 'Starter', maxWebroots: 3, maxValkeyMemoryMb: 256, maxFqdns: null });
    const id = created.plan!.id;

    const refused = async (input: Record<string, unknown>) =>
      (await c.mutate(CreatePlanDocument, { input: { brandId: brandA, name: 'x', ...input } as never })).createPlan;
    expect((await refused({ maxWebroots: -1 })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'maxWebroots'], code: 'INVALID' }),
    ]);
    expect((await refused({ name: '   ' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'name'], code: 'INVALID' }),
    ]);
    expect((await refused({ name: 'Starter' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'name'], code: 'TAKEN' }),
    ]);
    expect((await refused({ brandId: brandB })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'brandId'], code: 'NOT_FOUND' }),
    ]);

    // Omitted limits stay, a null lifts one.
    const { updatePlan } = await c.mutate(UpdatePlanDocument, { input: { id, maxWebroots: null, maxFqdns: 10 } });
    expect(updatePlan.plan).toMatchObject({ name: 'Starter', maxWebroots: null, maxFqdns: 10, maxValkeyMemoryMb: 256 });

    const { plans } = await c.query(ListPlansDocument, { first: 100 });
    const names = plans.edges.map((e) => e.node.name);
    expect(names).toContain('Starter');
    expect(plans.edges.every((e) => e.node.brand.id === brandA)).toBe(true);
    const { deletePlan } = await c.mutate(DeletePlanDocument, { input: { id } });
    expect(deletePlan).toEqual({ plan: null, userErrors: [] });
    await expectCode(c.query(GetPlanDocument, { id }), 'NOT_FOUND');
  });

  it('hides another brand’s plan on every path and refuses to put a tenant on it', async () => {
    const c = client(brandKeyA);
    await expectCode(c.query(GetPlanDocument, { id: planB.id }), 'NOT_FOUND');
    await expectCode(c.query(GetNodeDocument, { id: planB.id }), 'NOT_FOUND');
    expect((await c.query(GetNodeDocument, { id: planA.id })).node).toMatchObject({ __typename: 'Plan' });
    const filtered = await c.query(ListPlansDocument, { first: 100, filter: { brandId: brandB } });
    expect(filtered.plans.totalCount).toBe(0);
    const update = await c.mutate(UpdatePlanDocument, { input: { id: planB.id, maxWebroots: 1000 } });
    expect(update.updatePlan.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const remove = await c.mutate(DeletePlanDocument, { input: { id: planB.id } });
    expect(remove.deletePlan.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await admin().query(GetPlanDocument, { id: planB.id })).plan.maxWebroots).toBeNull();

    // A brand key cannot see plan B at all; the admin sees both brands and is told why.
    const viaBrandKey = await c.mutate(UpdateTenantDocument, { input: { id: tenantA.id, planId: planB.id } });
    expect(viaBrandKey.updateTenant.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'planId'], code: 'NOT_FOUND' }),
    ]);
    const viaAdmin = await admin().mutate(UpdateTenantDocument, { input: { id: tenantA.id, planId: planB.id } });
    expect(viaAdmin.updateTenant.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'planId'], code: 'INVALID' }),
    ]);
    const create = await admin().mutate(CreateTenantDocument, {
      input: { brandId: brandA, shardId: await localShardId(), planId: planB.id },
    });
    expect(create.createTenant).toMatchObject({
      tenant: null,
      userErrors: [expect.objectContaining({ code: 'INVALID' })],
    });
    expect((await admin().query(GetTenantPlanDocument, { id: tenantA.id })).tenant.plan?.id).toBe(planA.id);
  });

  it('lets a tenant’s key read its usage and its own plan, and nothing more', async () => {
    const own = client(tenantKey);
    const { tenant } = await own.query(GetTenantUsageDocument, { id: tenantA.id });
    expect(tenant.usage.webroots).toEqual({ used: 0, limit: 2 });
    expect(tenant.usage.databases).toEqual({ used: 0, limit: null });
    expect((await own.query(GetTenantPlanDocument, { id: tenantA.id })).tenant.plan?.id).toBe(planA.id);
    const { plans } = await own.query(ListPlansDocument, { first: 100 });
    expect(plans.edges.map((e) => e.node.id)).toEqual([planA.id]);
    await expectCode(own.query(GetPlanDocument, { id: otherPlanA.id }), 'NOT_FOUND');
    await expectCode(own.query(GetPlanDocument, { id: planB.id }), 'NOT_FOUND');

    // No writes: neither plans nor its own plan assignment, whatever its scopes.
    await expectCode(own.mutate(CreatePlanDocument, { input: { brandId: brandA, name: 'mine' } }), 'FORBIDDEN');
    await expectCode(own.mutate(UpdatePlanDocument, { input: { id: planA.id, maxWebroots: null } }), 'FORBIDDEN');
    await expectCode(own.mutate(DeletePlanDocument, { input: { id: planA.id } }), 'FORBIDDEN');
    const swap = await own.mutate(UpdateTenantDocument, { input: { id: tenantA.id, planId: otherPlanA.id } });
    expect(swap.updateTenant.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const { viewer } = await own.query(ViewerDocument, {});
    expect(viewer.allowedOperations).toEqual(expect.arrayContaining(['plans', 'plan']));
    expect(viewer.allowedOperations.filter((op) => /Plan$/.test(op))).toEqual([]);
    expect((await admin().query(GetPlanDocument, { id: planA.id })).plan.maxWebroots).toBe(2);
  });

  it('needs plans:read for Tenant.plan and plans, but not for Tenant.usage', async () => {
    const reader = client(await createKey(['tenants:read'], [brandA]));
    expect((await reader.query(GetTenantUsageDocument, { id: tenantA.id })).tenant.usage.webroots.limit).toBe(2);
    await expectCode(reader.query(ListPlansDocument, { first: 10 }), 'FORBIDDEN');
    await expectCode(reader.query(GetTenantPlanDocument, { id: tenantA.id }), 'FORBIDDEN');
  });

  it('refuses to delete a plan a tenant is on (IN_USE), and deletes it once none is', async () => {
    const plan = await createPlan(brandA);
    const tenant = await createTenant(admin(), brandA, 'on a plan');
    await admin().mutate(UpdateTenantDocument, { input: { id: tenant.id, planId: plan.id } });
    const refused = await admin().mutate(DeletePlanDocument, { input: { id: plan.id } });
    expect(refused.deletePlan.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'IN_USE' }),
    ]);
    expect((await admin().query(GetPlanDocument, { id: plan.id })).plan.id).toBe(plan.id);
    // An empty planId takes the tenant off its plan; its label stays.
    const off = await admin().mutate(UpdateTenantDocument, { input: { id: tenant.id, planId: '' } });
    expect(off.updateTenant.tenant?.displayName).toBe('on a plan');
    expect((await admin().mutate(DeletePlanDocument, { input: { id: plan.id } })).deletePlan.userErrors).toEqual([]);
  });
});
