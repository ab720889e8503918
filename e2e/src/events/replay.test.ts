import {
  EventsDocument,
  GetTenantDocument,
  UpdateTenantDocument,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, uuidOf, withDatabase } from '../support/clients.js';
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

  it('reads a tenant’s or a brand’s history through an index of its own, not every event after the cursor', async () => {
    // What a tenant-bound key's `events(after: "0")` and a brand key's replay ask the table. The
    // planner's choice on a small table is no proof, so sequential scans are ruled out: without
    // the (tenantId, cursor) and (brandId, cursor) indexes the best left is the primary key's
    // walk over every event, filtered row by row.
    const plans = await withDatabase(async (db) => {
      await db.query('SET enable_seqscan = off');
      const plan = async (column: string, value: string) =>
        (
          await db.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN SELECT * FROM "Event" WHERE "cursor" > 0 AND "${column}" = $1 ORDER BY "cursor" LIMIT 500`,
            [value],
          )
        ).rows
          .map((row) => row['QUERY PLAN'])
          .join('\n');
      const { brandId } = (
        await db.query<{ brandId: string }>('SELECT "brandId" FROM "Tenant" WHERE id = $1', [uuidOf(tenantId)])
      ).rows[0]!;
      return { tenant: await plan('tenantId', uuidOf(tenantId)), brand: await plan('brandId', brandId) };
    });
    expect(plans.tenant).toContain('Event_tenantId_cursor_idx');
    expect(plans.brand).toContain('Event_brandId_cursor_idx');
  });

  it('refuses a malformed cursor', async () => {
    const error = await new Promise<unknown>((resolve) => {
      admin().subscribe(EventsDocument, { after: 'yesterday', filter: null }, () => resolve(null), resolve);
    });
    expect((error as { code?: string }).code).toBe('BAD_USER_INPUT');
  });
});
