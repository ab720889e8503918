// The SDK's waitFor against the running platform: read first, then the `events` subscription
// after the newest cursor; every way it can end.
import {
  createHostplaneClient,
  DeleteTenantDocument,
  HostplaneApiError,
  waitFor,
  WaitForTimeoutError,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from './clients.js';

describe('waitFor (SDK)', () => {
  let brandId: string;
  let tenantId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(closeClients);

  it('follows a new tenant to ACTIVE with every step, and returns at once when already there', async () => {
    const c = admin();
    const tenant = await createTenant(c, brandId, 'waitFor');
    tenantId = tenant.id;
    const seen: ResourceEventFieldsFragment[] = [];
    const result = await waitFor(c, tenant.id, ['ACTIVE', 'FAILED'], {
      timeoutMs: 40_000,
      onEvent: (e) => seen.push(e),
    });
    expect(result).toMatchObject({ type: 'Tenant', status: 'ACTIVE' });
    expect(result.events).toEqual(seen);
    expect(result.events.some((event) => event.kind === 'STEP')).toBe(true);
    const statuses = result.events.filter((event) => event.kind === 'STATUS').map((event) => event.status);
    expect(statuses.at(-1)).toBe('ACTIVE');
    // Cursors strictly increase: nothing twice, in order.
    const cursors = result.events.map((event) => BigInt(event.cursor));
    expect(cursors.every((cursor, i) => i === 0 || cursor > cursors[i - 1]!)).toBe(true);

    const again = await waitFor(c, tenant.id, ['ACTIVE']);
    expect(again).toEqual({ type: 'Tenant', status: 'ACTIVE', statusMessage: null, events: [] });
  }, 60_000);

  it('rejects with the events so far when the status does not come in time', async () => {
    const error = await waitFor(admin(), tenantId, ['SUSPENDED'], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitForTimeoutError);
    expect((error as Error).message).toMatch(/did not reach SUSPENDED in 300 ms/);
  });

  it('refuses a node without a status, and surfaces API errors', async () => {
    await expect(waitFor(admin(), brandId, ['ACTIVE'])).rejects.toThrow(/Brand, which has no status/);
    const { apiUrl, wsUrl } = getPlatform();
    const stranger = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: 'hp_not_a_key', webSocketImpl: WebSocket });
    const error = await waitFor(stranger, tenantId, ['ACTIVE']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostplaneApiError);
    expect((error as HostplaneApiError).code).toBe('UNAUTHENTICATED');
    await stranger.close();
  });

  it('follows a delete to DELETED; a resource already gone counts as DELETED', async () => {
    const c = admin();
    await c.mutate(DeleteTenantDocument, { input: { id: tenantId } });
    expect((await waitFor(c, tenantId, ['DELETED', 'FAILED'], { timeoutMs: 40_000 })).status).toBe('DELETED');
    expect(await waitFor(c, tenantId, ['DELETED'])).toMatchObject({ status: 'DELETED', events: [] });
  }, 60_000);
});
