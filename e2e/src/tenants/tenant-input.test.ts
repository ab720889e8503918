import {
  ApplyClusterDocument,
  CreateTenantDocument,
  DeleteTenantDocument,
  ListShardsDocument,
  ListTenantsDocument,
  SuspendTenantDocument,
  UpdateTenantDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, localShardId } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';

const GHOST_TENANT = Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url');

describe('tenant input validation', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(closeClients);

  async function tenantCount(): Promise<number> {
    const { tenants } = await admin().query(ListTenantsDocument, { first: 1, filter: { brandId, status: null } });
    return tenants.totalCount;
  }

  it.each([
    ['a malformed brand id', { brandId: 'nope' }, 'brandId', 'NOT_FOUND'],
    [
      'an unknown brand',
      { brandId: Buffer.from('Brand:00000000-0000-4000-8000-000000000000').toString('base64url') },
      'brandId',
      'NOT_FOUND',
    ],
    ['a malformed shard id', { shardId: 'x' }, 'shardId', 'NOT_FOUND'],
    ['a too long display name', { displayName: 'x'.repeat(101) }, 'displayName', 'INVALID'],
  ])('refuses %s with a userError and writes nothing', async (_what, override, field, code) => {
    const { createTenant } = await admin().mutate(CreateTenantDocument, {
      input: { brandId, shardId: await localShardId(), ...override },
    });
    expect(createTenant.tenant).toBeNull();
    expect(createTenant.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    expect(await tenantCount()).toBe(0);
  });

  it('refuses a shard that is not a WEB shard', async () => {
    const c = admin();
    await c.mutate(ApplyClusterDocument, {
      input: {
        region: 'e2e-input',
        cluster: 'e2e-input',
        lbAddresses: [],
        shards: [{ name: 'lb-only', role: 'LB' }],
        nodes: [],
      },
    });
    const { shards } = await c.query(ListShardsDocument, { role: 'LB' });
    const lb = shards.find((s) => s.name === 'lb-only')!;
    const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId, shardId: lb.id } });
    expect(createTenant.userErrors[0]?.message).toMatch(/not a WEB shard/);
    expect(await tenantCount()).toBe(0);
  });

  it('answers NOT_FOUND userErrors for unknown tenants on every mutation', async () => {
    const c = admin();
    const update = await c.mutate(UpdateTenantDocument, { input: { id: GHOST_TENANT, displayName: 'x' } });
    const suspend = await c.mutate(SuspendTenantDocument, { input: { id: GHOST_TENANT, reason: 'x' } });
    const remove = await c.mutate(DeleteTenantDocument, { input: { id: 'garbage' } });
    for (const errors of [
      update.updateTenant.userErrors,
      suspend.suspendTenant.userErrors,
      remove.deleteTenant.userErrors,
    ]) {
      expect(errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    }
  });

  it('returns the same tenant for a repeated idempotencyKey, even when both arrive at once', async () => {
    const c = admin();
    const input = { brandId, shardId: await localShardId(), idempotencyKey: 'order-4711' };
    const [a, b] = await Promise.all([
      c.mutate(CreateTenantDocument, { input }),
      c.mutate(CreateTenantDocument, { input }),
    ]);
    const ids = [a, b].map((r) => r.createTenant.tenant?.id);
    expect([a, b].flatMap((r) => r.createTenant.userErrors)).toEqual([]);
    const again = await c.mutate(CreateTenantDocument, { input });
    expect(again.createTenant.tenant?.id).toBeDefined();
    expect(new Set([...ids, again.createTenant.tenant!.id]).size).toBe(1);
    expect(await tenantCount()).toBe(1);
    const id = again.createTenant.tenant!.id;
    await watchTenant(c, id, ['ACTIVE']);
    await c.mutate(DeleteTenantDocument, { input: { id } });
    await watchTenant(c, id, ['DELETED']);
  });

  it('refuses a suspend without a reason', async () => {
    const { suspendTenant } = await admin().mutate(SuspendTenantDocument, {
      input: { id: GHOST_TENANT, reason: '  ' },
    });
    expect(suspendTenant.userErrors[0]?.field).toEqual(['input', 'reason']);
  });
});
