// Integration: real Temporal dev server, real PostgreSQL, real useradd — the control worker and
// one node agent in this process, the workflows started through the Temporal client.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  createNodeActivities,
  createNodeWorker,
  installTemporalRuntime,
  temporalLogger,
  TenantUserManager,
} from '@hostplane/node-agent';
import {
  forceRemoveAccount,
  getent,
  randomTenantName,
  randomUid,
  shadowOf,
} from '@hostplane/node-agent/testing';
import { createDb, type Db } from '@hostplane/server/db';
import {
  CONTROL_TASK_QUEUE,
  tenantWorkflowId,
  tenantWorkflowName,
  type TenantOperation,
} from '@hostplane/server/temporal';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkflowBundle } from '../bundle.js';
import { startTemporalDevServer, type TemporalDevServer } from '../testing/temporal-dev-server.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import * as fixtures from '../testing/tenant-fixtures.js';
import { createControlWorker } from '../worker.js';

const run = promisify(execFile);
const logger = pino({ level: 'warn' });
installTemporalRuntime(logger);

let temporal: TemporalDevServer;
let database: TestDatabase;
let db: Db;
let client: Client;
let workers: Worker[] = [];
let running: Promise<unknown>;
let homeRoot: string;
let infra: fixtures.Infrastructure;
const linuxUsers: string[] = [];

beforeAll(async () => {
  const workDir = await mkdtemp(path.join(tmpdir(), 'hp-wtest-'));
  homeRoot = path.join(workDir, 'homes');
  const bundlePath = path.join(workDir, 'workflows.js');
  const workflowsSource = fileURLToPath(new URL('./index.ts', import.meta.url));
  [temporal, database] = await Promise.all([
    startTemporalDevServer(),
    createTestDatabase('hostplane_wtest'),
    writeWorkflowBundle(bundlePath, workflowsSource, temporalLogger(logger)),
  ]);
  db = createDb(database.url, { max: 4 });
  infra = await fixtures.seedInfrastructure(db);
  const connection = await NativeConnection.connect({ address: temporal.address });
  const tenantUsers = new TenantUserManager({
    homeRoot,
    shell: '/bin/bash',
    nologinShell: '/usr/sbin/nologin',
  });
  workers = await Promise.all([
    createControlWorker({
      connection,
      namespace: 'default',
      db,
      logger,
      workflowBundlePath: bundlePath,
    }),
    createNodeWorker({
      connection,
      namespace: 'default',
      nodeId: infra.nodeId,
      activities: createNodeActivities({ tenantUsers, logger }),
    }),
  ]);
  running = Promise.all(workers.map((w) => w.run())).finally(() => connection.close());
  client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
});

afterAll(async () => {
  for (const worker of workers) worker.shutdown();
  await running;
  await client?.connection.close();
  await db?.$disconnect();
  await Promise.all([database?.drop(), temporal?.stop()]);
  for (const name of linuxUsers) await forceRemoveAccount(name);
  if (homeRoot) await rm(path.dirname(homeRoot), { recursive: true, force: true });
});

/** Starts the workflow the API would start for `operation`, and waits for it to complete. */
function runTenantWorkflow(operation: TenantOperation, tenantId: string): Promise<void> {
  return client.workflow.execute(tenantWorkflowName[operation], {
    taskQueue: CONTROL_TASK_QUEUE,
    workflowId: tenantWorkflowId(operation, tenantId),
    args: [{ tenantId }],
  });
}

/** The attempt number of every activity the workflow ran (retries show as attempt > 1). */
async function activityAttempts(operation: TenantOperation, tenantId: string): Promise<number[]> {
  const handle = client.workflow.getHandle(tenantWorkflowId(operation, tenantId));
  const { events } = await handle.fetchHistory();
  return (events ?? []).flatMap((e) => {
    const started = e.activityTaskStartedEventAttributes;
    return started ? [started.attempt ?? 0] : [];
  });
}

async function newTenant(shardId = infra.shardId, uid?: number) {
  const tenant = await fixtures.insertTenant(db, infra.brandId, shardId, uid);
  linuxUsers.push(tenant.name);
  return tenant;
}

describe('tenant lifecycle workflows', () => {
  let tenant: Awaited<ReturnType<typeof newTenant>>;

  it('create: PROVISIONING → Linux user on the node → ACTIVE, events in cursor order', async () => {
    tenant = await newTenant();
    await runTenantWorkflow('CREATE', tenant.id);

    expect(await fixtures.tenantRow(db, tenant.id)).toMatchObject({
      status: 'ACTIVE',
      statusMessage: null,
    });
    expect(await getent('passwd', tenant.name)).toMatch(
      new RegExp(`^${tenant.name}:x:${tenant.uid}:${tenant.uid}:`),
    );
    expect(await fixtures.tenantEvents(db, tenant.id)).toEqual([
      'STATUS PROVISIONING',
      'STEP linux user created STARTED',
      'STEP linux user created SUCCEEDED',
      'STATUS ACTIVE',
    ]);
    // A repeated create of an ACTIVE tenant is a no-op, not a second provisioning.
    const cursor = await fixtures.lastCursor(db);
    await runTenantWorkflow('CREATE', tenant.id);
    expect(await fixtures.tenantEvents(db, tenant.id, cursor)).toEqual([]);
  });

  it('suspend: account locked on the node → SUSPENDED, the API-stored reason kept', async () => {
    await db.tenant.update({ where: { id: tenant.id }, data: { suspendReason: 'unpaid invoice' } });
    await runTenantWorkflow('SUSPEND', tenant.id);

    expect(await fixtures.tenantRow(db, tenant.id)).toMatchObject({
      status: 'SUSPENDED',
      suspendReason: 'unpaid invoice',
    });
    const shadow = await shadowOf(tenant.name);
    expect(shadow?.password.startsWith('!')).toBe(true);
    expect(shadow?.expire).toBe('1');
  });

  it('unsuspend: account unlocked → ACTIVE, reason cleared', async () => {
    await runTenantWorkflow('UNSUSPEND', tenant.id);

    expect(await fixtures.tenantRow(db, tenant.id)).toMatchObject({
      status: 'ACTIVE',
      suspendReason: null,
    });
    expect(await shadowOf(tenant.name)).toEqual({ password: '*', expire: '' });
  });

  it('delete: DELETING → user, group and home removed → DELETED', async () => {
    const cursor = await fixtures.lastCursor(db);
    await runTenantWorkflow('DELETE', tenant.id);

    expect((await fixtures.tenantRow(db, tenant.id)).status).toBe('DELETED');
    expect(await getent('passwd', tenant.name)).toBeNull();
    expect(await getent('group', tenant.name)).toBeNull();
    expect(await fixtures.tenantEvents(db, tenant.id, cursor)).toEqual([
      'STATUS DELETING',
      'STEP linux user removed STARTED',
      'STEP linux user removed SUCCEEDED',
      'STATUS DELETED',
    ]);
  });

  it('a shard without nodes → FAILED saying so; such a tenant can still be deleted', async () => {
    const orphan = await newTenant(infra.emptyShardId);
    await runTenantWorkflow('CREATE', orphan.id);

    const row = await fixtures.tenantRow(db, orphan.id);
    expect(row.status).toBe('FAILED');
    expect(row.statusMessage).toBe(`shard web-empty (${infra.emptyShardId}) has no nodes`);
    expect(await fixtures.tenantEvents(db, orphan.id)).toEqual([
      'STATUS PROVISIONING',
      'STATUS FAILED',
    ]);

    await runTenantWorkflow('DELETE', orphan.id);
    expect((await fixtures.tenantRow(db, orphan.id)).status).toBe('DELETED');
  });

  it('a uid already taken on the node → FAILED with the reason, nothing retried', async () => {
    const squatter = randomTenantName();
    linuxUsers.push(squatter);
    const uid = randomUid();
    await run('useradd', ['-u', String(uid), '-M', '-N', '-g', 'users', squatter]);
    const victim = await newTenant(infra.shardId, uid);
    await runTenantWorkflow('CREATE', victim.id);

    const expected = `node ${infra.nodeId}: uid ${uid} is already used by user ${squatter}`;
    expect(await fixtures.tenantRow(db, victim.id)).toMatchObject({
      status: 'FAILED',
      statusMessage: expected,
    });
    expect(await fixtures.tenantEvents(db, victim.id)).toEqual([
      'STATUS PROVISIONING',
      'STEP linux user created STARTED',
      'STEP linux user created FAILED',
      'STATUS FAILED',
    ]);
    expect(await activityAttempts('CREATE', victim.id)).toEqual([1]); // one attempt: non-retryable
    expect(await getent('group', victim.name)).toBeNull();
  });
});
