// What the SSH tests share through the API: an ACTIVE tenant, a key added to ACTIVE, and where
// its tenant logs in (the node's sshd, as Tenant.sshEndpoints shows it).
import { CreateSshKeyDocument, ListTenantSshKeysDocument, type HostplaneClient } from '@hostplane/schema/sdk';
import { expect } from 'vitest';
import { admin, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { sshRun, type KeyPair, type Target } from './ssh-client.js';

export async function activeTenant(brandId: string, name: string) {
  const tenant = await createTenant(admin(), brandId, name);
  expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return tenant;
}

export async function addKey(c: HostplaneClient, tenantId: string, key: KeyPair, name = 'laptop') {
  const { createSshKey } = await c.mutate(CreateSshKeyDocument, {
    input: { tenantId, name, publicKey: key.publicKey },
  });
  expect(createSshKey.userErrors).toEqual([]);
  const added = createSshKey.sshKey!;
  expect((await watchStatus(c, added.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return added;
}

export async function targetOf(c: HostplaneClient, tenantId: string): Promise<Target & { hostKeys: string[] }> {
  const { tenant } = await c.query(ListTenantSshKeysDocument, { tenantId });
  const [endpoint] = tenant.sshEndpoints;
  if (!endpoint) throw new Error('the tenant has no SSH endpoint');
  return { ...endpoint, hostKeys: endpoint.hostKeys.map((k) => k.fingerprint).sort() };
}

/** A login running `id -u` (a key is live once ACTIVE: no retry, it must work at once). */
export function loginOk(key: KeyPair, target: Target) {
  return sshRun(key, target, 'id -u');
}
