// Data keys in the platform database: made once per tenant (a concurrent first secret reads the
// winner's), and master key rotation re-wraps them at start without touching any sealed value.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';
import { createDb, type Db } from '../db/index.js';
import { seedBrandAndShard, seedTenantRows } from '../testing/seed.js';
import { acmeAccountPlace, dataKeyOf, rewrapDataKeys } from './data-keys.js';
import { openValue, sealValue, SecretsVault } from './vault.js';

const webrootId = '0b7f2c1a-8e3d-4f5a-b6c7-d8e9f0a1b2c3';

describe('tenant data keys', () => {
  let db: Db;
  let tenantIds: string[];

  beforeAll(async () => {
    db = createDb(getPlatform().databaseUrl);
    const { brand, shard } = await seedBrandAndShard(db);
    await seedTenantRows(db, brand.id, shard.id, 2);
    tenantIds = (await db.tenant.findMany({ where: { brandId: brand.id }, select: { id: true } })).map((t) => t.id);
  });
  afterAll(() => db.$disconnect());

  it('makes one data key per tenant, even for concurrent first secrets', async () => {
    const vault = new SecretsVault(randomBytes(32));
    const tenantId = tenantIds[0]!;
    const keys = await Promise.all(
      Array.from({ length: 4 }, () => db.$transaction((tx) => dataKeyOf(tx, vault, tenantId))),
    );
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    expect(await db.tenantDataKey.count({ where: { tenantId } })).toBe(1);
  });

  it('re-wraps every data key under a new master key; sealed values open unchanged, the old key is no longer needed', async () => {
    const oldMaster = randomBytes(32);
    const before = new SecretsVault(oldMaster);
    const tenantId = tenantIds[1]!;
    const dataKey = await db.$transaction((tx) => dataKeyOf(tx, before, tenantId));
    const sealed = sealValue(dataKey, webrootId, 'API_TOKEN', 'sk_rotate_me');
    const stored = await db.tenantDataKey.findUniqueOrThrow({ where: { tenantId } });

    const newMaster = randomBytes(32);
    const after = new SecretsVault(newMaster, [oldMaster]);
    expect(await rewrapDataKeys(db, after)).toBeGreaterThanOrEqual(1);
    const row = await db.tenantDataKey.findUniqueOrThrow({ where: { tenantId } });
    expect(row.masterKeyId).toBe(after.masterKeyId);
    expect(Buffer.from(row.wrappedKey).equals(Buffer.from(stored.wrappedKey))).toBe(false);
    expect(row.rewrappedAt).not.toBeNull();
    const newOnly = new SecretsVault(newMaster);
    expect(openValue(newOnly.unwrap(tenantId, row), webrootId, 'API_TOKEN', sealed)).toBe('sk_rotate_me');
    // A second start re-wraps nothing of this tenant's.
    await rewrapDataKeys(db, after);
    expect((await db.tenantDataKey.findUniqueOrThrow({ where: { tenantId } })).masterKeyId).toBe(after.masterKeyId);
  });

  it('re-wraps the ACME account key’s data key too: the account key opens with the new master key alone', async () => {
    const oldMaster = randomBytes(32);
    const before = new SecretsVault(oldMaster);
    const directoryUrl = `https://acme.invalid/${randomBytes(4).toString('hex')}/dir`;
    const place = acmeAccountPlace(directoryUrl);
    const wrapped = before.newDataKey(place);
    const sealed = sealValue(before.unwrap(place, wrapped), place, 'key', 'account key pem');
    await db.acmeAccount.create({
      data: {
        directoryUrl,
        wrappedKey: new Uint8Array(wrapped.wrappedKey),
        masterKeyId: wrapped.masterKeyId,
        sealedAccountKey: new Uint8Array(sealed),
      },
    });

    const newMaster = randomBytes(32);
    const after = new SecretsVault(newMaster, [oldMaster]);
    expect(await rewrapDataKeys(db, after)).toBeGreaterThanOrEqual(1);
    const row = await db.acmeAccount.findUniqueOrThrow({ where: { directoryUrl } });
    expect(row.masterKeyId).toBe(after.masterKeyId);
    const newOnly = new SecretsVault(newMaster);
    expect(openValue(newOnly.unwrap(place, row), place, 'key', row.sealedAccountKey)).toBe('account key pem');
    await db.acmeAccount.delete({ where: { directoryUrl } });
  });
});
