// Issue 10: a tenant's processes (its UID) must never open connections to the control plane on
// its node — Temporal, PostgreSQL, the API — nor other tenants' Valkey instances (apps listen on
// Unix sockets: app-sockets.test.ts), while the ports tenants use (MariaDB, the sites, their own
// instances) stay open and other users are not touched. Each probe runs as the tenant's Linux
// UID against this run's real services; before the floor, every one opened.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { egressTableName } from '@hostplane/contract/egress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeValkeyInstance } from '../support/data-stores.js';
import { watchTenant } from '../support/watch.js';
import { connectAs, endpointOf } from './tenant-process.js';

const run = promisify(execFile);
const NOBODY = 65_534;

async function activeTenant(brandId: string, displayName: string) {
  const tenant = await createTenant(admin(), brandId, displayName);
  expect((await watchTenant(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return tenant;
}

describe('egress floor: what a tenant UID can reach on its node', () => {
  let uid: number;
  let brandId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    uid = (await activeTenant(brandId, 'egress tenant')).uid;
  }, 60_000);

  afterAll(closeClients);

  const controlPlane = () => {
    const p = getPlatform();
    return {
      Temporal: endpointOf(p.temporalAddress),
      PostgreSQL: endpointOf(p.databaseUrl),
      API: endpointOf(p.apiUrl),
    };
  };

  it.each(['Temporal', 'PostgreSQL', 'API'] as const)('refuses the tenant a connection to %s', async (name) => {
    const { host, port } = controlPlane()[name];
    expect(await connectAs(null, host, port)).toBe('OPEN'); // the service is there
    expect(await connectAs(uid, host, port)).toBe('ECONNREFUSED');
  });

  it('refuses the tenant the mail node’s auto-reply listener (it relays null-sender mail unauthenticated)', async () => {
    const { address, replyPort } = getPlatform().platformMail;
    expect(await connectAs(null, address, replyPort)).toBe('OPEN'); // Dovecot's vacation replies go there
    expect(await connectAs(uid, address, replyPort)).toBe('ECONNREFUSED');
  });

  it('leaves the tenant the node’s services meant for it: MariaDB (its databases)', async () => {
    expect(await connectAs(uid, '127.0.0.1', 3306)).toBe('OPEN');
  });

  it('filters only this node’s tenants: another user still reaches Temporal', async () => {
    const { host, port } = controlPlane().Temporal;
    expect(await connectAs(NOBODY, host, port)).toBe('OPEN');
  });

  it('keeps its rules in a table of this node’s own, holding the tenant’s UID', async () => {
    const { stdout } = await run('nft', ['list', 'table', 'inet', egressTableName(getPlatform().nodeId)]);
    expect(stdout).toMatch(new RegExp(`set tenants \\{[^}]*elements = \\{[^}]*\\b${uid}\\b`));
  });

  it('lets a tenant reach its own Valkey instance’s port, never another tenant’s', async () => {
    const [owner, neighbour] = await Promise.all([
      activeTenant(brandId, 'valkey owner'),
      activeTenant(brandId, 'valkey neighbour'),
    ]);
    const instance = await activeValkeyInstance(admin(), owner.id);
    const host = instance.endpoint?.host ?? '127.0.0.1';
    expect(await connectAs(null, host, instance.port)).toBe('OPEN'); // the instance listens
    expect(await connectAs(owner.uid, host, instance.port)).toBe('OPEN');
    expect(await connectAs(neighbour.uid, host, instance.port)).toBe('ECONNREFUSED');
    expect(await connectAs(NOBODY, host, instance.port)).toBe('OPEN'); // not a tenant: not filtered
  }, 120_000);
});
