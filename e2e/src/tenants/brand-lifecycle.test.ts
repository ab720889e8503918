// updateBrand and deleteBrand with tenants under the brand: fields change and are validated,
// other brands' keys cannot touch it, deletion is refused while a tenant lives and, once every
// tenant is DELETED, takes the brand and its deleted tenants' records with it.
import {
  CreateWebrootDocument,
  DeleteBrandDocument,
  DeleteTenantDocument,
  GetBrandDocument,
  UpdateBrandDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  client,
  closeClients,
  createBrand,
  createKey,
  createTenant,
  uuidOf,
  withDatabase,
} from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus, watchTenant } from '../support/watch.js';

describe('brands with tenants', () => {
  let brand: Awaited<ReturnType<typeof createBrand>>;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let webrootId: string;

  beforeAll(async () => {
    brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'brand tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    const { createWebroot } = await admin().mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'STATIC' },
    });
    webrootId = createWebroot.webroot!.id;
    await watchStatus(admin(), webrootId, ['ACTIVE']);
  }, 90_000);
  afterAll(closeClients);

  it('updates the hostnames and hostmaster, validates them and keeps other brands’ keys out', async () => {
    const base = `new-${brand.baseHostname}`;
    const changes = {
      baseHostname: base,
      nsHostnames: [`a.ns.${base}`, `b.ns.${base}`],
      hostmasterEmail: `hm@${base}`,
    };
    const { updateBrand } = await admin().mutate(UpdateBrandDocument, { input: { id: brand.id, ...changes } });
    expect(updateBrand.userErrors).toEqual([]);
    expect((await admin().query(GetBrandDocument, { id: brand.id })).brand).toMatchObject({
      name: brand.name,
      ...changes,
    });

    const refused = await admin().mutate(UpdateBrandDocument, {
      input: { id: brand.id, baseHostname: 'Not A Host', nsHostnames: ['only.one.test'], hostmasterEmail: 'nobody' },
    });
    expect(refused.updateBrand.userErrors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'baseHostname'], 'INVALID'],
      [['input', 'nsHostnames'], 'INVALID'],
      [['input', 'hostmasterEmail'], 'INVALID'],
    ]);
    expect((await admin().query(GetBrandDocument, { id: brand.id })).brand).toMatchObject(changes);

    const other = client(await createKey(['brands:*'], [(await createBrand()).id]));
    const foreign = await other.mutate(UpdateBrandDocument, { input: { id: brand.id, baseHostname: 'x.test' } });
    expect(foreign.updateBrand.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    await expectCode(other.mutate(DeleteBrandDocument, { input: { id: brand.id } }), 'FORBIDDEN');
  });

  it('refuses to delete a brand while one of its tenants lives', async () => {
    const { deleteBrand } = await admin().mutate(DeleteBrandDocument, { input: { id: brand.id } });
    expect(deleteBrand.userErrors.map((e) => [e.code, e.message])).toEqual([
      ['INVALID_STATE', `Brand ${brand.name} still has 1 tenant(s).`],
    ]);
    expect((await admin().query(GetBrandDocument, { id: brand.id })).brand.id).toBe(brand.id);
  });

  it('deletes the brand once its tenants are DELETED, with their records', async () => {
    await admin().mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(admin(), tenant.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect((await watchStatus(admin(), webrootId, ['DELETED', 'FAILED'])).status).toBe('DELETED');

    const { deleteBrand } = await admin().mutate(DeleteBrandDocument, { input: { id: brand.id } });
    expect(deleteBrand).toEqual({ brand: null, userErrors: [] });
    await expectCode(admin().query(GetBrandDocument, { id: brand.id }), 'NOT_FOUND');
    const left = await withDatabase(async (db) => {
      const rows = await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM "Tenant" WHERE name = $1) + (SELECT count(*) FROM "Webroot" WHERE id = $2) AS n`,
        [tenant.name, uuidOf(webrootId)],
      );
      return Number(rows.rows[0]!.n);
    });
    expect(left).toBe(0);
  });
});
