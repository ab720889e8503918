import {
  CreateTenantDocument,
  GetTenantDocument,
  ListRegionsDocument,
  ListTenantsDocument,
  RevokeApiKeyDocument,
  SuspendTenantDocument,
  TenantChangedDocument,
  UpdateTenantDocument,
  ViewerDocument,
} from '@hostplane/schema/sdk';
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

describe('API keys and scopes', () => {
  let brandId: string;
  let tenant: { id: string; name: string };
  beforeAll(async () => {
    brandId = (await createBrand()).id;
    tenant = await createTenant(admin(), brandId);
  });
  afterAll(closeClients);

  it('refuses missing, malformed and unknown keys with UNAUTHENTICATED', async () => {
    await expectCode(client('').query(ViewerDocument), 'UNAUTHENTICATED');
    await expectCode(client('not-a-key').query(ViewerDocument), 'UNAUTHENTICATED');
    await expectCode(client(`hp_aaaaaaaaaaaa_${'A'.repeat(43)}`).query(ViewerDocument), 'UNAUTHENTICATED');
  });

  it('shows the caller’s identity in viewer, and stores only a hash of the secret', async () => {
    const secret = await createKey(['tenants:read'], [brandId]);
    const { viewer } = await client(secret).query(ViewerDocument);
    expect(viewer).toMatchObject({ scopes: ['tenants:read'], brandIds: [brandId], isPlatformAdmin: false });
    expect(secret.startsWith(`hp_${viewer.prefix}_`)).toBe(true);
    const leaked = await withDatabase(async (db) => {
      const tables = ['ApiKey', 'AuditLog', 'Event'];
      let hits = 0; // one client runs one query at a time
      for (const t of tables) {
        const found = await db.query(`SELECT 1 FROM "${t}" WHERE row_to_json("${t}")::text LIKE $1`, [
          `%${secret.slice(16)}%`,
        ]);
        hits += found.rowCount ?? 0;
      }
      return hits;
    });
    expect(leaked).toBe(0);
  });

  it('stops a revoked key at once, over HTTP and WebSocket', async () => {
    const secret = await createKey(['tenants:read'], [brandId]);
    const c = client(secret);
    await c.query(ViewerDocument);
    const { viewer } = await c.query(ViewerDocument);
    await admin().mutate(RevokeApiKeyDocument, { input: { id: viewer.apiKeyId } });
    await expectCode(c.query(ViewerDocument), 'UNAUTHENTICATED');
    const ws = client(secret);
    const error = await new Promise<unknown>((resolve) => {
      ws.subscribe(TenantChangedDocument, { id: tenant.id, after: null }, () => resolve(null), resolve);
    });
    expect((error as { code?: string }).code).toBe('UNAUTHENTICATED');
  });

  it('closes a revoked key’s open subscriptions, which then receive nothing more', async () => {
    const watched = await createTenant(admin(), brandId, 'revocation watch');
    const secret = await createKey(['tenants:read'], [brandId]);
    const watcher = client(secret);
    const { viewer } = await watcher.query(ViewerDocument);
    const received: string[] = [];
    const closed = new Promise<unknown>((resolve) => {
      watcher.subscribe(
        TenantChangedDocument,
        { id: watched.id, after: null },
        (data) => received.push(data.tenantChanged.kind),
        resolve,
      );
    });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(0); // live: history replayed

    await admin().mutate(RevokeApiKeyDocument, { input: { id: viewer.apiKeyId } });
    const error = (await closed) as { code?: string; message?: string };
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('4403');

    // An event after the revoke reaches a live key's subscriber, and not the revoked one.
    const control: string[] = [];
    // From the tenant's first event: a live-only subscription could register after the update's event.
    const stopControl = admin().subscribe(TenantChangedDocument, { id: watched.id, after: '0' }, (data) =>
      control.push(data.tenantChanged.kind),
    );
    const seen = received.length;
    await admin().mutate(UpdateTenantDocument, { input: { id: watched.id, displayName: 'after the revoke' } });
    await expect.poll(() => control.includes('UPDATED'), { timeout: 10_000 }).toBe(true);
    stopControl();
    expect(received).toHaveLength(seen);
    expect(received).not.toContain('UPDATED');
  });

  it('enforces scopes: read-only keys cannot write, tenant keys cannot see infrastructure', async () => {
    const reader = client(await createKey(['tenants:read'], [brandId]));
    expect((await reader.query(GetTenantDocument, { id: tenant.id })).tenant.id).toBe(tenant.id);
    await expectCode(
      reader.mutate(CreateTenantDocument, { input: { brandId, shardId: await localShardId() } }),
      'FORBIDDEN',
    );
    await expectCode(reader.mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'x' } }), 'FORBIDDEN');
    await expectCode(reader.query(ListRegionsDocument), 'FORBIDDEN');
    const nothing = client(await createKey(['brands:read'], [brandId]));
    await expectCode(nothing.query(ListTenantsDocument, { first: 5 }), 'FORBIDDEN');
  });

  it('binds a tenant key to its tenant only', async () => {
    const other = await createTenant(admin(), brandId, 'sibling');
    const own = client(await createKey(['tenants:*'], [brandId], tenant.id));
    const list = await own.query(ListTenantsDocument, { first: 100, filter: { status: null } });
    expect(list.tenants.edges.map((e) => e.node.id)).toEqual([tenant.id]);
    await expectCode(own.query(GetTenantDocument, { id: other.id }), 'NOT_FOUND');
    const create = await own.mutate(CreateTenantDocument, { input: { brandId } });
    expect(create.createTenant.userErrors[0]?.code).toBe('FORBIDDEN');
  });

  it('refuses hostile pagination and malformed ids with clear errors', async () => {
    const c = admin();
    await expectCode(c.query(ListTenantsDocument, { first: 10_000 }), 'BAD_USER_INPUT');
    await expectCode(c.query(ListTenantsDocument, { first: 5, after: 'not-a-cursor' }), 'BAD_USER_INPUT');
    await expectCode(c.query(GetTenantDocument, { id: '%%%' }), 'NOT_FOUND');
    await expectCode(c.query(GetTenantDocument, { id: brandId }), 'NOT_FOUND');
  });
});
