// Issue 11: an SFTP-only tenant (Tenant.sshAccess SFTP_ONLY), with Debian's `ssh` and `sftp`:
// no shell and no command, chrooted to a root-owned folder that holds only its webroots (a bind
// mount of its own, so uploads are served at once), open shell sessions end when it narrows.
import { access, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateSshKeyDocument,
  DeleteTenantDocument,
  SetTenantSshAccessDocument,
  ListTenantSshKeysDocument,
  type SshAccess,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { bindActive, createActiveWebroot, expectSite } from '../support/web.js';
import { keyPair, sftpBatch, sshRun, sshSession, type KeyPair, type Target } from './ssh-client.js';

async function setAccess(tenantId: string, access: SshAccess) {
  const { setTenantSshAccess } = await admin().mutate(SetTenantSshAccessDocument, { input: { tenantId, access } });
  expect(setTenantSshAccess.userErrors).toEqual([]);
  expect(setTenantSshAccess.tenant?.sshAccess).toBe(access);
}

/** Polls until `probe` holds (the access is applied on the node a moment after the mutation). */
async function until(probe: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 60; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('SFTP-only tenants: chrooted to their webroots, no shell', () => {
  let tenant: { id: string; name: string; uid: number };
  let key: KeyPair;
  let target: Target;
  let webroot: { id: string; name: string };
  const jail = () => path.join('/var/lib/hostplane-sftp', getPlatform().nodeId, tenant.name);

  beforeAll(async () => {
    const brandId = (await createBrand()).id;
    tenant = await createTenant(admin(), brandId, 'sftp only');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    key = await keyPair();
    const { createSshKey } = await admin().mutate(CreateSshKeyDocument, {
      input: { tenantId: tenant.id, name: 'deploy', publicKey: key.publicKey },
    });
    expect((await watchStatus(admin(), createSshKey.sshKey!.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const { tenant: seen } = await admin().query(ListTenantSshKeysDocument, { tenantId: tenant.id });
    expect(seen.sshAccess).toBe('SHELL');
    target = seen.sshEndpoints[0]!;
    webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
  }, 90_000);
  afterAll(closeClients);

  it('narrowing to SFTP ends the open shell session; then no command runs', async () => {
    expect((await sshRun(key, target, 'id -u')).stdout.trim()).toBe(String(tenant.uid));
    const session = sshSession(key, target, 'sleep 600');
    const ended = new Promise((resolve) => session.once('exit', resolve));
    await until(async () => (await sshRun(key, target, 'pgrep -u $(id -u) -x sleep')).code === 0, 'the session');
    await setAccess(tenant.id, 'SFTP_ONLY');
    await until(async () => (await sshRun(key, target, 'id -u')).stdout.trim() !== String(tenant.uid), 'SFTP only');
    const exit = await Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
    expect(exit).not.toBe('still open');
    const shell = await sshRun(key, target, 'cat /etc/passwd; id');
    expect(shell.stdout).not.toMatch(/root:|uid=/);
  }, 60_000);

  it('sees its webroots alone: the chroot is root-owned, nothing outside it lists', async () => {
    const info = await stat(jail());
    expect([info.uid, info.mode & 0o022]).toEqual([0, 0]);
    const root = await sftpBatch(key, target, 'ls -a /\n');
    expect(root.code, root.stderr).toBe(0);
    const entries = root.stdout
      .split('\n')
      .filter((line) => !line.startsWith('sftp>'))
      .flatMap((line) => line.split(/\s+/).filter(Boolean))
      .map((entry) => path.posix.basename(entry));
    expect(entries.sort()).toEqual(['.', '..', 'webroots']);
    const above = await sftpBatch(key, target, 'cd /..\nls -a\n');
    expect(above.stdout).toContain('webroots');
    expect(above.stdout).not.toMatch(/\b(etc|home|tmp|usr)\b/);
    for (const outside of ['/etc', getPlatform().homeRoot, '/proc']) {
      const listed = await sftpBatch(key, target, `ls ${outside}\n`);
      expect(listed.code, outside).not.toBe(0);
    }
    const listed = await sftpBatch(key, target, 'ls /webroots\n');
    expect(listed.stdout).toContain(webroot.name);
  }, 60_000);

  it('uploads into a webroot, served through HAProxy at once', async () => {
    const host = `sftp-only-${tenant.name.replace(/_/g, '-')}.e2e.test`;
    await bindActive(admin(), webroot.id, host);
    const page = `chrooted upload ${Date.now()}\n`;
    const local = path.join(path.dirname(key.file), 'index.html');
    await writeFile(local, page);
    const dir = `/webroots/${webroot.name}/public`;
    const { code, stderr } = await sftpBatch(key, target, `-mkdir ${dir}\nput ${local} ${dir}/index.html\n`);
    expect(code, stderr).toBe(0);
    await expectSite(host, 200, page);
  }, 60_000);

  it('widening back to SHELL restores the shell; deleting the tenant removes the chroot', async () => {
    await setAccess(tenant.id, 'SHELL');
    await until(async () => (await sshRun(key, target, 'id -u')).stdout.trim() === String(tenant.uid), 'the shell');
    await access(jail()).then(
      () => expect.fail('the chroot outlived SFTP_ONLY'),
      () => undefined,
    );
    await setAccess(tenant.id, 'SFTP_ONLY');
    await until(async () => (await sshRun(key, target, 'id -u')).stdout.trim() !== String(tenant.uid), 'SFTP only');
    const { deleteTenant } = await admin().mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    expect(deleteTenant.userErrors).toEqual([]);
    expect((await watchStatus(admin(), tenant.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await access(jail()).then(
      () => expect.fail('the chroot outlived its tenant'),
      () => undefined,
    );
  }, 90_000);
});
