// Through the API, on the platform's own node: what a tenant may configure on the shared node is
// bounded (no unlimited PHP memory or time, no Valkey commands that reach past the tenant's
// data), and its Valkey server holds no root.
import { readFile } from 'node:fs/promises';
import { CreateValkeyUserDocument, CreateWebrootDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeValkeyInstance, strongPassword } from '../support/data-stores.js';
import { watchTenant } from '../support/watch.js';
import { serverPid } from '../valkey/valkey-client.js';

describe('limits on what a tenant configures on a node', () => {
  let tenantId: string;
  let instance: Awaited<ReturnType<typeof activeValkeyInstance>>;

  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id, 'limits tenant')).id;
    await watchTenant(admin(), tenantId, ['ACTIVE']);
    instance = await activeValkeyInstance(admin(), tenantId);
  }, 90_000);
  afterAll(closeClients);

  it('runs the tenant’s Valkey server as an unprivileged user', async () => {
    const pid = await serverPid(instance.port);
    expect(pid).not.toBeNull();
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const uids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(status)!.slice(1).map(Number);
    expect(uids.filter((uid) => uid === 0)).toEqual([]);
  });

  it.each([['+@all'], ['+@dangerous'], ['+@scripting'], ['+restore'], ['+eval'], ['+config|set']])(
    'refuses a Valkey user granted %s with a userError on commands',
    async (rule) => {
      const input = {
        instanceId: instance.id,
        name: `${instance.name}_app`,
        password: strongPassword(),
        keyPatterns: ['*'],
        commands: ['+@read', rule],
      };
      const { createValkeyUser } = await admin().mutate(CreateValkeyUserDocument, { input });
      expect(createValkeyUser.valkeyUser).toBeNull();
      expect(createValkeyUser.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'commands'],
          code: 'INVALID',
          message: expect.stringContaining(rule),
        }),
      ]);
    },
  );

  it.each([
    ['memory_limit', '-1', /memory_limit must be a size in 8M\.\.2048M/],
    ['max_execution_time', '0', /max_execution_time must be an integer in 1\.\.600 seconds/],
  ])('refuses a PHP webroot with %s = %s', async (key, value, message) => {
    const { createWebroot } = await admin().mutate(CreateWebrootDocument, {
      input: { tenantId, runtime: 'PHP', phpSettings: { phpAdminValues: [{ key, value }] } },
    });
    expect(createWebroot.webroot).toBeNull();
    expect(createWebroot.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'phpSettings', 'phpAdminValues'],
        code: 'INVALID',
        message: expect.stringMatching(message),
      }),
    ]);
  });
});
