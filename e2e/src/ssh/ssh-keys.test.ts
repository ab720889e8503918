// Issue 11: tenants' SSH keys on the node's own sshd, end to end with Debian's `ssh` and `sftp`
// clients: a key logs in as the tenant's UID, a removed key and another tenant's key are
// refused, SFTP uploads are served through HAProxy, suspension ends open sessions, and every
// API path shows a key to its own brand and tenant only.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateSshKeyDocument,
  DeleteSshKeyDocument,
  DeleteTenantDocument,
  EventsDocument,
  GetNodeDocument,
  GetSshKeyDocument,
  ListTenantSshKeysDocument,
  SshKeyChangedDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  type HostplaneApiError,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, client, closeClients, createBrand, createKey, uuidOf } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus } from '../support/watch.js';
import { bindActive, createActiveWebroot, expectSite } from '../support/web.js';
import { activeTenant, addKey, loginOk, targetOf } from './tenant-keys.js';
import {
  keyPair,
  scannedFingerprints,
  sftpBatch,
  sshRun,
  sshSession,
  type KeyPair,
  type Target,
} from './ssh-client.js';

describe('SSH keys: the node’s own sshd, as a tenant logs in', () => {
  let brandId: string;
  let tenant: { id: string; name: string; uid: number };
  let other: { id: string; name: string; uid: number };
  let key: KeyPair;
  let otherKey: KeyPair;
  let target: Target & { hostKeys: string[] };
  let keyId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    [tenant, other, key, otherKey] = await Promise.all([
      activeTenant(brandId, 'ssh tenant'),
      activeTenant(brandId, 'ssh neighbour'),
      keyPair('ed25519'),
      keyPair('ecdsa'),
    ]);
  }, 90_000);
  afterAll(closeClients);

  it('refuses what is not one well-formed OpenSSH public key, naming the field', async () => {
    const rsa1024 = await keyPair('rsa', 1024);
    const bad = [
      'not a key',
      `command="/bin/sh" ${key.publicKey}`,
      `from="*" ${key.publicKey}`,
      rsa1024.publicKey,
      key.publicKey.slice(0, 40),
      `${key.publicKey}\nssh-ed25519 AAAA`,
      'ssh-dss AAAAB3NzaC1kc3MAAACBAP',
      key.publicKey.replace('ssh-ed25519', 'ssh-rsa'),
    ];
    for (const publicKey of bad) {
      const { createSshKey } = await admin().mutate(CreateSshKeyDocument, {
        input: { tenantId: tenant.id, name: 'bad', publicKey },
      });
      expect(createSshKey.sshKey, publicKey).toBeNull();
      expect(createSshKey.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'publicKey'], 'INVALID']]);
    }
  });

  it('adds a key (type, size, fingerprint, comment shown) and it logs in as the tenant’s UID', async () => {
    const started = performance.now();
    const added = await addKey(admin(), tenant.id, key);
    keyId = added.id;
    target = await targetOf(admin(), tenant.id);
    const login = await loginOk(key, target);
    const ms = performance.now() - started;
    process.stdout.write(`[ssh] key added → first login: ${ms.toFixed(0)} ms\n`);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout.trim()).toBe(String(tenant.uid));
    const { sshKey } = await admin().query(GetSshKeyDocument, { id: added.id });
    const expected = (await import('node:child_process')).execFileSync('ssh-keygen', ['-l', '-f', `${key.file}.pub`]);
    expect(sshKey).toMatchObject({ keyType: 'ssh-ed25519', bits: 256, comment: 'e2e@test', status: 'ACTIVE' });
    expect(expected.toString().split(' ')[1]).toBe(sshKey.fingerprint);
    expect(target.username).toBe(tenant.name);
    expect(target.port).toBeGreaterThan(0);
    expect(target.port).not.toBe(22);
    // What the API shows is what the server presents.
    expect(await scannedFingerprints(target.address, target.port)).toEqual(target.hostKeys);
    // The same key twice is TAKEN.
    const { createSshKey } = await admin().mutate(CreateSshKeyDocument, {
      input: { tenantId: tenant.id, name: 'again', publicKey: key.publicKey },
    });
    expect(createSshKey.userErrors.map((e) => e.code)).toEqual(['TAKEN']);
  }, 60_000);

  it('hands the session none of the platform’s environment', async () => {
    const { code, stdout } = await sshRun(key, target, 'env');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^USER=${tenant.name}$`, 'm'));
    expect(stdout).not.toMatch(/HOSTPLANE|TEMPORAL|DATABASE_URL|npm_|PAYLOAD|VITEST/);
    // The session is the tenant's UID like any of its processes: the egress floor still keeps it
    // off the control plane (API, Temporal), while the node's MariaDB stays open to it.
    const probe = (url: string) =>
      `timeout 3 bash -c 'exec 3<>/dev/tcp/${new URL(url).hostname}/${new URL(url).port}' && echo open || echo closed`;
    const { apiUrl, temporalAddress } = getPlatform();
    for (const url of [apiUrl, `tcp://${temporalAddress}`]) {
      expect((await sshRun(key, target, probe(url))).stdout.trim(), url).toBe('closed');
    }
    expect((await sshRun(key, target, probe('tcp://127.0.0.1:3306'))).stdout.trim()).toBe('open');
  });

  it('refuses another tenant’s key, root, a key the tenant plants itself, and every forwarding', async () => {
    await addKey(admin(), other.id, otherKey, 'neighbour');
    expect((await sshRun(otherKey, target, 'id -u')).code).toBe(255);
    expect((await sshRun(key, { ...target, username: other.name }, 'id -u')).code).toBe(255);
    expect((await sshRun(key, { ...target, username: 'root' }, 'id -u')).code).toBe(255);
    // The tenant's own files do not authorize anything: its home's .ssh is not read…
    const planted = await sshRun(
      key,
      target,
      `mkdir -p ~/.ssh && echo '${otherKey.publicKey}' >> ~/.ssh/authorized_keys && echo planted`,
    );
    expect(planted.stdout).toContain('planted');
    expect((await sshRun(otherKey, target, 'id -u')).code).toBe(255);
    // …and the file that is read is the platform's: readable by the tenant, never writable.
    const file = `${getPlatform().webStateDir}/ssh/authorized-keys/${tenant.name}`;
    const info = await stat(file);
    expect([info.uid, info.gid, info.mode & 0o777]).toEqual([0, tenant.uid, 0o640]);
    const write = await sshRun(key, target, `echo '${otherKey.publicKey}' >> ${file} && echo wrote`);
    expect(write.stdout).not.toContain('wrote');
    expect(await readFile(file, 'utf8')).not.toContain(otherKey.publicKey.split(' ')[1]);
    // No TCP forwarding, no stdio forwarding to the node's own services.
    const forwarded = await sshRun(key, target, '', ['-W', `127.0.0.1:${new URL(getPlatform().apiUrl).port}`]);
    expect(forwarded.code).not.toBe(0);
    expect(forwarded.stderr).toMatch(/forwarding failed|prohibited/i);
  }, 60_000);

  it('uploads over SFTP into a webroot, served through HAProxy', async () => {
    const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
    const host = `sftp-${tenant.name.replace(/_/g, '-')}.e2e.test`;
    await bindActive(admin(), webroot.id, host);
    const page = `uploaded by sftp ${Date.now()}\n`;
    const local = path.join(path.dirname(key.file), 'index.html');
    await (await import('node:fs/promises')).writeFile(local, page);
    const remote = `${getPlatform().homeRoot}/${tenant.name}/webroots/${webroot.name}/public`;
    const { code, stderr } = await sftpBatch(key, target, `-mkdir ${remote}\nput ${local} ${remote}/index.html\n`);
    expect(code, stderr).toBe(0);
    await expectSite(host, 200, page);
  }, 90_000);

  it('refuses a removed key', async () => {
    const second = await keyPair('ed25519');
    const added = await addKey(admin(), tenant.id, second, 'temporary');
    expect((await loginOk(second, target)).code).toBe(0);
    const { deleteSshKey } = await admin().mutate(DeleteSshKeyDocument, { input: { id: added.id } });
    expect(deleteSshKey.userErrors).toEqual([]);
    expect((await watchStatus(admin(), added.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect((await sshRun(second, target, 'id -u')).code).toBe(255);
    expect((await loginOk(key, target)).code).toBe(0); // the tenant's other key still works
  }, 60_000);

  it('suspension ends the open session and refuses new logins; unsuspension restores them', async () => {
    const session = sshSession(key, target, 'sleep 600');
    const ended = new Promise<number | null>((resolve) => session.once('exit', resolve));
    // The session is open once the tenant has a process sleeping.
    const { code } = await sshRun(
      key,
      target,
      'for i in $(seq 50); do pgrep -u $(id -u) -x sleep && exit 0; sleep 0.2; done; exit 1',
    );
    expect(code).toBe(0);
    const { suspendTenant } = await admin().mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'e2e' } });
    expect(suspendTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), tenant.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    const exit = await Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
    expect(exit).not.toBe('still open');
    expect((await sshRun(key, target, 'id -u')).code).toBe(255);
    const { unsuspendTenant } = await admin().mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect(unsuspendTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const back = await loginOk(key, target);
    expect(back.code, back.stderr).toBe(0);
  }, 90_000);

  it('shows a key to its own brand and tenant only, on every path', async () => {
    const foreignBrand = (await createBrand()).id;
    const foreign = client(await createKey(['ssh_keys:read', 'ssh_keys:write', 'tenants:read'], [foreignBrand]));
    const neighbour = client(await createKey(['ssh_keys:read', 'ssh_keys:write', 'tenants:read'], [brandId], other.id));
    const own = client(await createKey(['ssh_keys:read', 'tenants:read'], [brandId], tenant.id));
    for (const outsider of [foreign, neighbour]) {
      await expectCode(outsider.query(GetSshKeyDocument, { id: keyId }), 'NOT_FOUND');
      await expectCode(outsider.query(ListTenantSshKeysDocument, { tenantId: tenant.id }), 'NOT_FOUND');
      await expectCode(outsider.query(GetNodeDocument, { id: keyId }), 'NOT_FOUND');
      const { deleteSshKey } = await outsider.mutate(DeleteSshKeyDocument, { input: { id: keyId } });
      expect(deleteSshKey.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { createSshKey } = await outsider.mutate(CreateSshKeyDocument, {
        input: { tenantId: tenant.id, name: 'x', publicKey: (await keyPair()).publicKey },
      });
      expect(createSshKey.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
    const { tenant: seen } = await own.query(ListTenantSshKeysDocument, { tenantId: tenant.id });
    expect(seen.sshKeys.edges.map((e) => e.node.id)).toEqual([keyId]);
    const publicKey = (await keyPair()).publicKey;
    await expectCode(
      own.mutate(CreateSshKeyDocument, { input: { tenantId: tenant.id, name: 'x', publicKey } }),
      'FORBIDDEN',
    );
  }, 60_000);

  it('streams a key’s events to its own brand and tenant only (sshKeyChanged, events)', async () => {
    const foreignBrand = (await createBrand()).id;
    const foreign = client(await createKey(['ssh_keys:read', 'tenants:read'], [foreignBrand]));
    const neighbour = client(await createKey(['ssh_keys:read', 'tenants:read'], [brandId], other.id));
    const own = client(await createKey(['ssh_keys:read', 'tenants:read'], [brandId], tenant.id));
    const refused: string[][] = [];
    const leaked: ResourceEventFieldsFragment[] = [];
    const ownEvents: ResourceEventFieldsFragment[] = [];
    const keyHistory: string[] = [];
    const outsiderStops = [foreign, neighbour].flatMap((outsider) => [
      outsider.subscribe(
        SshKeyChangedDocument,
        { id: keyId, after: '0' },
        ({ sshKeyChanged }) => leaked.push(sshKeyChanged),
        (error: HostplaneApiError) => refused.push(error.codes),
      ),
      // Everything the outsider may see, replayed and live: none of it may be this tenant's.
      outsider.subscribe(EventsDocument, { after: '0' }, ({ events }) => {
        if (events.tenantId === tenant.id) leaked.push(events);
      }),
    ]);
    let replayed = () => {};
    const active = new Promise<void>((resolve) => (replayed = resolve));
    const ownStops = [
      own.subscribe(SshKeyChangedDocument, { id: keyId, after: '0' }, ({ sshKeyChanged }) => {
        keyHistory.push(`${sshKeyChanged.kind}:${sshKeyChanged.status ?? sshKeyChanged.step}`);
        if (sshKeyChanged.status === 'ACTIVE') replayed();
      }),
      own.subscribe(EventsDocument, { after: '0' }, ({ events }) => ownEvents.push(events)),
    ];
    await active;
    // Live events of this tenant's keys while everyone listens: another key added and removed.
    const spare = await addKey(admin(), tenant.id, await keyPair(), 'spare');
    await admin().mutate(DeleteSshKeyDocument, { input: { id: spare.id } });
    await watchStatus(admin(), spare.id, ['DELETED']);
    await new Promise((r) => setTimeout(r, 300)); // the last events' fan-out to every subscriber
    [...outsiderStops, ...ownStops].forEach((stop) => stop());
    expect(keyHistory[0]).toMatch(/^CREATED/);
    expect(keyHistory).toContain('STATUS:ACTIVE');
    expect(ownEvents.filter((e) => e.resourceId === spare.id).map((e) => e.status)).toContain('DELETED');
    expect(refused).toEqual([['NOT_FOUND'], ['NOT_FOUND']]);
    expect(leaked).toEqual([]);
  }, 60_000);

  it('deleting the tenant removes its keys and its key file', async () => {
    const file = `${getPlatform().webStateDir}/ssh/authorized-keys/${other.name}`;
    await stat(file);
    const { deleteTenant } = await admin().mutate(DeleteTenantDocument, { input: { id: other.id } });
    expect(deleteTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), other.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    const { tenant: gone } = await admin().query(ListTenantSshKeysDocument, { tenantId: other.id });
    expect(gone.sshKeys.totalCount).toBe(0);
    expect(uuidOf(keyId)).toMatch(/^[0-9a-f-]{36}$/);
  }, 90_000);
});
