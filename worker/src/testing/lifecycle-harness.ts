// Everything the tenant workflows need, real and in one process: a Temporal dev server, a fresh
// migrated database, the control worker and one node agent (its homes under a temp dir).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { payloadDataConverter } from '@hostplane/contract/codec';
import { temporalLogger } from '@hostplane/contract/temporal-runtime';
import { createNodeActivities, createNodeWorker, TenantUserManager } from '@hostplane/node-agent';
import { forceRemoveAccount } from '@hostplane/node-agent/testing';
import { createDb, type Db } from '@hostplane/server/db';
import {
  CONTROL_TASK_QUEUE,
  tenantWorkflowId,
  tenantWorkflowName,
  type TenantOperation,
} from '@hostplane/server/temporal';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { writeWorkflowBundle } from '../bundle.js';
import { createControlWorker } from '../worker.js';
import { startTemporalDevServer } from './temporal-dev-server.js';
import { seedInfrastructure, type Infrastructure } from './tenant-fixtures.js';
import { createTestDatabase } from './test-database.js';

const workflowSources = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface LifecycleHarness {
  db: Db;
  client: Client;
  infra: Infrastructure;
  /** Linux accounts the test may have created; removed by stop() even if a test failed. */
  linuxUsers: string[];
  /** Starts the workflow the API would start for `operation` and waits for it to complete. */
  runTenantWorkflow(operation: TenantOperation, tenantId: string): Promise<void>;
  /** The attempt number of each (non-local) activity the workflow ran: > 1 means retried. */
  activityAttempts(operation: TenantOperation, tenantId: string): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startLifecycleHarness(logger: Logger): Promise<LifecycleHarness> {
  const cleanups: Array<() => Promise<unknown>> = []; // run in reverse by stop()
  const linuxUsers: string[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    for (const name of linuxUsers) await forceRemoveAccount(name);
  };
  try {
    const workDir = await mkdtemp(path.join(tmpdir(), 'hp-wtest-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    const bundlePath = path.join(workDir, 'workflows.js');
    const [temporal, database] = await Promise.all([
      startTemporalDevServer(),
      createTestDatabase('hostplane_wtest'),
      writeWorkflowBundle(bundlePath, workflowSources, temporalLogger(logger)),
    ]);
    cleanups.push(
      () => temporal.stop(),
      () => database.drop(),
    );
    const db = createDb(database.url, { max: 4 });
    cleanups.push(() => db.$disconnect());
    const infra = await seedInfrastructure(db);

    const connection = await NativeConnection.connect({ address: temporal.address });
    cleanups.push(() => connection.close());
    const tenantUsers = new TenantUserManager({
      homeRoot: path.join(workDir, 'homes'),
      shell: '/bin/bash',
      nologinShell: '/usr/sbin/nologin',
    });
    const namespace = 'default';
    // Agents take only sealed payloads: the whole harness shares a key of its own.
    const dataConverter = payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: randomBytes(32).toString('base64') });
    const workers = await Promise.all([
      createControlWorker({ connection, namespace, db, logger, workflowBundlePath: bundlePath, dataConverter }),
      createNodeWorker({
        connection,
        namespace,
        nodeId: infra.nodeId,
        activities: createNodeActivities({ tenantUsers, logger }),
        dataConverter,
        fileRoot: path.join(workDir, 'agent-files'),
      }),
    ]);
    const running = Promise.all(workers.map((w) => w.run()));
    cleanups.push(() => Promise.all(workers.map((w) => w.shutdown())).then(() => running));
    const client = new Client({
      connection: await Connection.connect({ address: temporal.address }),
      dataConverter,
    });
    cleanups.push(() => client.connection.close());

    return {
      db,
      client,
      infra,
      linuxUsers,
      stop,
      runTenantWorkflow: (operation, tenantId) =>
        client.workflow.execute(tenantWorkflowName[operation], {
          taskQueue: CONTROL_TASK_QUEUE,
          workflowId: tenantWorkflowId(operation, tenantId),
          args: [{ tenantId }],
        }),
      activityAttempts: async (operation, tenantId) => {
        const handle = client.workflow.getHandle(tenantWorkflowId(operation, tenantId));
        const { events } = await handle.fetchHistory();
        return (events ?? []).flatMap((e) => {
          const started = e.activityTaskStartedEventAttributes;
          return started ? [started.attempt ?? 0] : [];
        });
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
