// The maintenance schedule across a payload-key rotation (docs/production-temporal.md): its
// arguments are sealed when the worker writes it, so each worker start re-seals them with the
// current key, and a schedule sealed with a key the worker no longer holds is replaced whole.
// A namespace of this file's own keeps the shared platform's schedule out of it.
import { randomBytes } from 'node:crypto';
import { payloadDataConverter } from '@hostplane/contract/codec';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';
import { ensureMaintenanceSchedules, PRUNE_SCHEDULE_ID } from './schedules.js';

const namespace = `rotation-${randomBytes(4).toString('hex')}`;
const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
const policy = { eventDays: 7, auditDays: 90 };
let connection: Connection;

const converter = (current: Buffer, ...decryptOnly: Buffer[]) =>
  payloadDataConverter({
    HOSTPLANE_PAYLOAD_KEY: current.toString('base64'),
    HOSTPLANE_PAYLOAD_DECRYPT_KEYS: decryptOnly.map((key) => key.toString('base64')).join(','),
  });

/** The schedule's arguments as a process holding only `key` reads them. */
async function argsReadWith(key: Buffer): Promise<unknown> {
  const client = new Client({ connection, namespace, dataConverter: converter(key) });
  const { action } = await client.schedule.getHandle(PRUNE_SCHEDULE_ID).describe();
  return action.type === 'startWorkflow' ? action.args : null;
}

beforeAll(async () => {
  connection = await Connection.connect({ address: getPlatform().temporalAddress });
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: { seconds: 86_400 as never }, // int64 as a number: protobufjs takes it
  });
  // A new namespace reaches the frontend's cache within seconds.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await ensureMaintenanceSchedules(connection, namespace, policy, converter(oldKey)).then(
      () => true,
      (error: unknown) => {
        if (Date.now() > deadline) throw error;
        return false;
      },
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}, 60_000);

afterAll(async () => {
  await connection?.close();
});

describe('the maintenance schedule across a key rotation', () => {
  it('is re-sealed with the new key when the worker restarts with it, and reads once the old key is retired', async () => {
    await expect(argsReadWith(newKey)).rejects.toThrow(); // sealed with the old key so far
    await ensureMaintenanceSchedules(connection, namespace, policy, converter(newKey, oldKey));
    expect(await argsReadWith(newKey)).toEqual([policy]);
  });

  it('is replaced whole by a worker that no longer holds the key that sealed it', async () => {
    await ensureMaintenanceSchedules(connection, namespace, policy, converter(oldKey));
    expect(await argsReadWith(oldKey)).toEqual([policy]);
    await ensureMaintenanceSchedules(connection, namespace, policy, converter(newKey));
    expect(await argsReadWith(newKey)).toEqual([policy]);
  });
});
