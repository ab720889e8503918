import {
  EventsDocument,
  GetTenantDocument,
  UpdateTenantDocument,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';

describe('event stream replay', () => {
  let tenantId: string;
  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id)).id;
    await watchTenant(admin(), tenantId, ['ACTIVE']);
  });
  afterAll(closeClients);

  it('replays every missed event after the cursor, in order, then follows live', async () => {
    const c = admin();
    const before = (await c.query(GetTenantDocument, { id: tenantId, lastEvents: 1 })).tenant.events[0]!.cursor;
    for (const name of ['one', 'two', 'three']) {
      await c.mutate(UpdateTenantDocument, { input: { id: tenantId, displayName: name } });
    }
    const received: ResourceEventFieldsFragment[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const stop = c.subscribe(
        EventsDocument,
        { after: before, filter: { resourceIds: [tenantId] } },
        ({ events }) => {
          received.push(events);
          if (received.length === 4) {
            stop();
            resolve();
          }
          if (received.length === 3) {
            void c.mutate(UpdateTenantDocument, { input: { id: tenantId, displayName: 'live' } }).catch(reject);
          }
        },
        reject,
      );
    });
    await done;
    expect(received.map((e) => e.kind)).toEqual(['UPDATED', 'UPDATED', 'UPDATED', 'UPDATED']);
    const cursors = received.map((e) => BigInt(e.cursor));
    expect(cursors.every((cursor, i) => i === 0 || cursor > cursors[i - 1]!)).toBe(true);
    expect(cursors[0]! > BigInt(before)).toBe(true);
    const history = (await c.query(GetTenantDocument, { id: tenantId, lastEvents: 4 })).tenant.events;
    expect(history.map((e) => e.cursor).reverse()).toEqual(received.map((e) => e.cursor));
  });

  it('refuses a malformed cursor', async () => {
    const error = await new Promise<unknown>((resolve) => {
      admin().subscribe(EventsDocument, { after: 'yesterday', filter: null }, () => resolve(null), resolve);
    });
    expect((error as { code?: string }).code).toBe('BAD_USER_INPUT');
  });
});
