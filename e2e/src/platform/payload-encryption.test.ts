// What Temporal keeps — workflow histories with every activity's input and result — is encrypted
// with the platform's payload key: a database user's password hash, which its sync activity
// carries to the node, is not readable in Temporal's history without the key.
import { createHash } from 'node:crypto';
import { fromGlobalId } from '@hostplane/schema';
import { dataStoreWorkflowId } from '@hostplane/server/temporal';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeDatabase, activeDatabaseUser } from '../support/data-stores.js';

const mysqlNativeHash = (password: string) => {
  const once = createHash('sha1').update(password).digest();
  return `*${createHash('sha1').update(once).digest('hex').toUpperCase()}`;
};

function everyByteString(value: unknown): string[] {
  if (value instanceof Uint8Array) return [Buffer.from(value).toString('latin1')];
  if (Array.isArray(value)) return value.flatMap(everyByteString);
  if (value && typeof value === 'object') return Object.values(value).flatMap(everyByteString);
  return typeof value === 'string' ? [value] : [];
}

describe('Temporal payload encryption', () => {
  afterAll(closeClients);

  it('keeps a database user’s password hash out of readable workflow history', async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id);
    const database = await activeDatabase(admin(), tenant.id);
    const user = await activeDatabaseUser(admin(), database, 'enc');

    const connection = await Connection.connect({ address: getPlatform().temporalAddress });
    try {
      const client = new Client({ connection }); // no codec: what Temporal's UI and database hold
      const workflowId = dataStoreWorkflowId('DatabaseUser', 'CREATE', fromGlobalId(user.id)!.id);
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const scheduled = (history.events ?? []).flatMap((event) =>
        event.activityTaskScheduledEventAttributes ? [event.activityTaskScheduledEventAttributes] : [],
      );
      const ensure = scheduled.filter((attributes) => attributes.activityType?.name === 'ensureDatabaseUser');
      expect(ensure.length).toBeGreaterThan(0);
      const payloads = scheduled.flatMap((attributes) => attributes.input?.payloads ?? []);
      for (const payload of payloads) {
        expect(new TextDecoder().decode(payload.metadata?.encoding ?? new Uint8Array())).toBe('binary/encrypted');
      }
      // Every byte string anywhere in the history (inputs, results, local-activity markers, …).
      const bytes = everyByteString(history).join('\n');
      expect(bytes).not.toContain(mysqlNativeHash(user.password));
      expect(bytes).not.toContain(user.name); // the whole spec is sealed, names included
      expect(bytes).not.toContain(database.name);
    } finally {
      await connection.close();
    }
  });
});
