import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteTenantDocument,
  GetTenantDocument,
  RetryTenantDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant, withDatabase } from '../support/clients.js';
import { isLocked, passwdEntry } from '../support/linux.js';
import { watchTenant } from '../support/watch.js';

describe('tenant lifecycle on a real node agent', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(closeClients);

  it('creates, suspends, unsuspends and deletes the Linux user, streaming every step', async () => {
    const c = admin();
    const tenant = await createTenant(c, brandId);
    expect(tenant.status).toBe('PENDING');
    expect(tenant.name).toMatch(/^t_[a-z0-9]{10}$/);

    const created = await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED']);
    expect(created.status).toBe('ACTIVE');
    // The watcher may join after PROVISIONING under load; the stored history has every event.
    const history = [...(await c.query(GetTenantDocument, { id: tenant.id, lastEvents: 50 })).tenant.events].reverse();
    expect(history.filter((e) => e.kind !== 'STEP').map((e) => `${e.kind}:${e.status}`)).toEqual([
      'CREATED:PENDING',
      'STATUS:PROVISIONING',
      'STATUS:ACTIVE',
    ]);
    expect(history.some((e) => e.kind === 'STEP' && e.stepState === 'SUCCEEDED')).toBe(true);
    expect(created.events.map((e) => e.cursor)).toEqual(history.slice(-created.events.length).map((e) => e.cursor));

    const user = await passwdEntry(tenant.name);
    expect(user?.uid).toBe(tenant.uid);
    expect(user?.home).toBe(join(getPlatform().homeRoot, tenant.name));
    expect(existsSync(join(getPlatform().homeRoot, tenant.name, 'webroots'))).toBe(true);

    const { suspendTenant } = await c.mutate(SuspendTenantDocument, {
      input: { id: tenant.id, reason: 'unpaid invoice' },
    });
    expect(suspendTenant.userErrors).toEqual([]);
    expect((await watchTenant(c, tenant.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    expect(await isLocked(tenant.name)).toBe(true);
    expect((await c.query(GetTenantDocument, { id: tenant.id })).tenant.suspendReason).toBe('unpaid invoice');

    await c.mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect(await isLocked(tenant.name)).toBe(false);
    expect((await passwdEntry(tenant.name))?.shell).toBe('/bin/bash');

    await c.mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(c, tenant.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await passwdEntry(tenant.name)).toBeNull();
    expect(existsSync(join(getPlatform().homeRoot, tenant.name))).toBe(false);
  });

  it('lands FAILED with the reason when the node refuses, and retryTenant recovers', async () => {
    const c = admin();
    const tenant = await createTenant(c, brandId);
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');

    // Arrange drift the API would never write: the record says another UID (nobody's).
    await withDatabase((db) =>
      db.query(`UPDATE "Tenant" SET uid = 65534, status = 'FAILED', "lastOperation" = 'CREATE' WHERE name = $1`, [
        tenant.name,
      ]),
    );
    const retried = await c.mutate(RetryTenantDocument, { input: { id: tenant.id } });
    expect(retried.retryTenant.tenant?.status).toBe('PENDING');
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('FAILED');
    const failed = (await c.query(GetTenantDocument, { id: tenant.id })).tenant;
    expect(failed.statusMessage).toMatch(/uid|already/i);

    await withDatabase((db) => db.query(`UPDATE "Tenant" SET uid = $1 WHERE name = $2`, [tenant.uid, tenant.name]));
    await c.mutate(RetryTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect((await c.query(GetTenantDocument, { id: tenant.id })).tenant.statusMessage).toBeNull();

    await c.mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    await watchTenant(c, tenant.id, ['DELETED']);
  });

  it('lets only one of two concurrent submits through', async () => {
    const c = admin();
    const tenant = await createTenant(c, brandId);
    await watchTenant(c, tenant.id, ['ACTIVE']);
    const results = await Promise.all([
      c.mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'one' } }),
      c.mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'two' } }),
    ]);
    const accepted = results.filter((r) => r.suspendTenant.userErrors.length === 0);
    expect(accepted).toHaveLength(1);
    expect(results.flatMap((r) => r.suspendTenant.userErrors.map((e) => e.code))).toEqual(['INVALID_STATE']);
    await watchTenant(c, tenant.id, ['SUSPENDED']);
    await c.mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    await watchTenant(c, tenant.id, ['DELETED']);
  });
});
