// Integration: real Temporal dev server, real PostgreSQL, real useradd — the control worker and
// one node agent in this process, the workflows started through the Temporal client as the API
// starts them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { installTemporalRuntime } from '@hostplane/contract/temporal-runtime';
import { getent, randomTenantName, randomUid, shadowOf } from '@hostplane/node-agent/testing';
import type { TenantModel } from '@hostplane/server/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLifecycleHarness, type LifecycleHarness } from '../testing/lifecycle-harness.js';
import * as fixtures from '../testing/tenant-fixtures.js';

const run = promisify(execFile);
// 'error': the failure cases log expected warnings (conflicts, empty shard).
const logger = pino({ level: 'error' });
installTemporalRuntime(logger);

let h: LifecycleHarness;
beforeAll(async () => {
  h = await startLifecycleHarness(logger);
});
afterAll(() => h?.stop());

async function newTenant(shardId = h.infra.shardId, uid?: number): Promise<TenantModel> {
  const tenant = await fixtures.insertTenant(h.db, h.infra.brandId, shardId, uid);
  h.linuxUsers.push(tenant.name);
  return tenant;
}

describe('tenant lifecycle workflows', () => {
  let tenant: TenantModel;

  it('create: PROVISIONING → Linux user on the node → ACTIVE, events in cursor order', async () => {
    tenant = await newTenant();
    await h.runTenantWorkflow('CREATE', tenant.id);

    expect(await fixtures.tenantRow(h.db, tenant.id)).toMatchObject({
      status: 'ACTIVE',
      statusMessage: null,
    });
    expect(await getent('passwd', tenant.name)).toMatch(new RegExp(`^${tenant.name}:x:${tenant.uid}:${tenant.uid}:`));
    expect(await fixtures.tenantEvents(h.db, tenant.id)).toEqual([
      'STATUS PROVISIONING',
      'STEP linux user created STARTED',
      'STEP linux user created SUCCEEDED',
      'STATUS ACTIVE',
    ]);
    // A repeated create of an ACTIVE tenant is a no-op, not a second provisioning.
    const cursor = await fixtures.lastCursor(h.db);
    await h.runTenantWorkflow('CREATE', tenant.id);
    expect(await fixtures.tenantEvents(h.db, tenant.id, cursor)).toEqual([]);
  });

  it('suspend: account locked on the node → SUSPENDED, the API-stored reason kept', async () => {
    await h.db.tenant.update({
      where: { id: tenant.id },
      data: { suspendReason: 'unpaid invoice' },
    });
    await h.runTenantWorkflow('SUSPEND', tenant.id);

    expect(await fixtures.tenantRow(h.db, tenant.id)).toMatchObject({
      status: 'SUSPENDED',
      suspendReason: 'unpaid invoice',
    });
    const shadow = await shadowOf(tenant.name);
    expect(shadow?.password.startsWith('!')).toBe(true);
    expect(shadow?.expire).toBe('1');
  });

  it('unsuspend: account unlocked → ACTIVE, reason cleared', async () => {
    await h.runTenantWorkflow('UNSUSPEND', tenant.id);

    expect(await fixtures.tenantRow(h.db, tenant.id)).toMatchObject({
      status: 'ACTIVE',
      suspendReason: null,
    });
    expect(await shadowOf(tenant.name)).toEqual({ password: '*', expire: '' });
  });

  it('delete: DELETING → user, group and home removed → DELETED', async () => {
    const cursor = await fixtures.lastCursor(h.db);
    await h.runTenantWorkflow('DELETE', tenant.id);

    expect((await fixtures.tenantRow(h.db, tenant.id)).status).toBe('DELETED');
    expect(await getent('passwd', tenant.name)).toBeNull();
    expect(await getent('group', tenant.name)).toBeNull();
    expect(await fixtures.tenantEvents(h.db, tenant.id, cursor)).toEqual([
      'STATUS DELETING',
      'STEP linux user removed STARTED',
      'STEP linux user removed SUCCEEDED',
      'STATUS DELETED',
    ]);
  });

  it('a shard without nodes → FAILED saying so; such a tenant can still be deleted', async () => {
    const orphan = await newTenant(h.infra.emptyShardId);
    await h.runTenantWorkflow('CREATE', orphan.id);

    const row = await fixtures.tenantRow(h.db, orphan.id);
    expect(row.status).toBe('FAILED');
    expect(row.statusMessage).toBe(`shard web-empty (${h.infra.emptyShardId}) has no nodes`);
    expect(await fixtures.tenantEvents(h.db, orphan.id)).toEqual(['STATUS PROVISIONING', 'STATUS FAILED']);

    await h.runTenantWorkflow('DELETE', orphan.id);
    expect((await fixtures.tenantRow(h.db, orphan.id)).status).toBe('DELETED');
  });

  it('a uid already taken on the node → FAILED with the reason, nothing retried', async () => {
    const squatter = randomTenantName();
    h.linuxUsers.push(squatter);
    const uid = randomUid();
    await run('useradd', ['-u', String(uid), '-M', '-N', '-g', 'users', squatter]);
    const victim = await newTenant(h.infra.shardId, uid);
    await h.runTenantWorkflow('CREATE', victim.id);

    const expected = `node ${h.infra.nodeId}: uid ${uid} is already used by user ${squatter}`;
    expect(await fixtures.tenantRow(h.db, victim.id)).toMatchObject({
      status: 'FAILED',
      statusMessage: expected,
    });
    expect(await fixtures.tenantEvents(h.db, victim.id)).toEqual([
      'STATUS PROVISIONING',
      'STEP linux user created STARTED',
      'STEP linux user created FAILED',
      'STATUS FAILED',
    ]);
    expect(await h.activityAttempts('CREATE', victim.id)).toEqual([1]); // one attempt: non-retryable
    expect(await getent('group', victim.name)).toBeNull();
  });
});
