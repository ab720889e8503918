// Brands belong to the brand's operator, not its tenants (server/src/brands/brand.service.ts): a
// tenant-bound key never changes its brand, whatever scopes it holds (its hostnames are every
// tenant's); reading brands needs `brands:read`. A refused attempt on another brand is audited
// under the caller's brand (server/src/audit/audit.middleware.ts), never in the target's log.
import { CreateTenantDocument, GetBrandDocument, ListBrandsDocument, UpdateBrandDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  client,
  closeClients,
  createBrand,
  createKey,
  createTenant,
  localShardId,
  withDatabase,
} from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';

const dbId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('brands and tenant-bound keys', () => {
  let brand: { id: string; baseHostname: string };
  beforeAll(async () => {
    brand = await createBrand();
  });
  afterAll(closeClients);

  it('refuses updateBrand to a tenant-bound key that holds brands:write, and leaves the brand as it was', async () => {
    const tenant = await createTenant(admin(), brand.id, 'brand rewriter');
    const secret = await createKey(['brands:read', 'brands:write', 'tenants:read'], [brand.id], tenant.id);
    const attempt = client(secret).mutate(UpdateBrandDocument, {
      input: { id: brand.id, baseHostname: 'attacker.example.test' },
    });
    await expectCode(attempt, 'FORBIDDEN');
    const { brand: after } = await admin().query(GetBrandDocument, { id: brand.id });
    expect(after?.baseHostname).toBe(brand.baseHostname);
    // A brand key with the scope still may.
    const operator = await createKey(['brands:read', 'brands:write'], [brand.id]);
    const { updateBrand } = await client(operator).mutate(UpdateBrandDocument, {
      input: { id: brand.id, hostmasterEmail: `ops@${brand.baseHostname}` },
    });
    expect(updateBrand.userErrors).toEqual([]);
  });

  it('reads brands only with brands:read', async () => {
    const without = client(await createKey(['tenants:read'], [brand.id]));
    await expectCode(without.query(ListBrandsDocument, { first: 10 }), 'FORBIDDEN');
    await expectCode(without.query(GetBrandDocument, { id: brand.id }), 'FORBIDDEN');
    const reader = client(await createKey(['brands:read'], [brand.id]));
    const { brands } = await reader.query(ListBrandsDocument, { first: 10 });
    expect(brands.edges.map((e) => e.node.id)).toEqual([brand.id]);
  });

  it('files a refused attempt on another brand under the caller’s brand', async () => {
    const other = await createBrand();
    const secret = await createKey(['tenants:write', 'tenants:read'], [brand.id]);
    const marker = `cross-brand ${Date.now()}`;
    const created = await client(secret)
      .mutate(CreateTenantDocument, {
        input: { brandId: other.id, shardId: await localShardId(), displayName: marker },
      })
      .then(
        (r) => r.createTenant.tenant,
        () => null, // refused as an error or as a userError: either way nothing was created
      );
    expect(created).toBeNull();
    const filed = await withDatabase(async (db) => {
      const rows = await db.query<{ brandId: string | null }>(
        `SELECT "brandId" FROM "AuditLog" WHERE operation = 'createTenant' AND input::text LIKE $1`,
        [`%${marker}%`],
      );
      return rows.rows.map((r) => r.brandId);
    });
    expect(filed).toEqual([dbId(brand.id)]);
  });
});
