// Issue 12, a certificate's life: an uploaded one served with its chain, back to ACME, renewed by
// the schedule when its time has come, a suspended tenant's site answering 503 over HTTPS, and
// TLS off and unbind taking the certificate out of HAProxy and off the disk.
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import {
  SetFqdnTlsDocument,
  SuspendTenantDocument,
  UnbindFqdnDocument,
  UnsuspendTenantDocument,
  UploadCertificateDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant, withDatabase } from '../support/clients.js';
import { watchStatus, watchTenant } from '../support/watch.js';
import { pointHere } from '../support/dns.js';
import { bindActive, createActiveWebroot, writeSiteFile } from '../support/web.js';
import { certificateOf, fqdnTls } from './certificate-wait.js';
import { handshake, issuedChainFor, requestOn, serialOf } from './tls-client.js';

const run = promisify(execFile);
const certFile = (hostname: string) =>
  path.join(getPlatform().webStateDir, 'etc', 'haproxy', 'tls', 'certs', `${hostname}.pem`);
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('a certificate’s life at the load balancer', () => {
  const tag = randomUUID().slice(0, 8);
  const host = `blog-${tag}.example.test`;
  let tenant: { id: string; name: string; uid: number };
  let webrootId: string;
  let fqdnId: string;
  /** The body of the private key uploaded in the first test (what must never show in clear). */
  let uploadedKeyBody = '';

  beforeAll(async () => {
    const brandId = (await createBrand()).id;
    tenant = await createTenant(admin(), brandId, 'tls life');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
    webrootId = webroot.id;
    await writeSiteFile(tenant, webroot.name, 'public/index.html', `blog ${tag}`);
    // Automatic TLS waits for the name's DNS to point here.
    await pointHere(host);
    fqdnId = (await bindActive(admin(), webroot.id, host)).id;
    await certificateOf(admin(), fqdnId);
  }, 120_000);
  afterAll(closeClients);

  it('serves an uploaded certificate with its chain, then an ACME one again when switched back', async () => {
    const acmeSerial = (await fqdnTls(admin(), fqdnId)).certificate!.serial;
    const upload = await issuedChainFor(host);
    const { uploadCertificate } = await admin().mutate(UploadCertificateDocument, {
      input: { fqdnId, certificate: upload.certificate, chain: upload.chain, privateKey: upload.privateKey },
    });
    // A private CA: its root is in no trust store, so the chain must end with it.
    expect(uploadCertificate.userErrors).toMatchObject([{ field: ['input', 'chain'], code: 'INVALID' }]);
    const { uploadCertificate: complete } = await admin().mutate(UploadCertificateDocument, {
      input: {
        fqdnId,
        certificate: upload.certificate,
        chain: upload.chain + upload.root,
        privateKey: upload.privateKey,
      },
    });
    expect(complete.userErrors).toEqual([]);
    uploadedKeyBody = upload.privateKey
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('');
    const custom = await certificateOf(admin(), fqdnId, { notSerial: acmeSerial });
    expect(custom).toMatchObject({
      source: 'CUSTOM',
      issuer: 'customer-intermediate',
      serial: serialOf(upload.certificate),
    });
    expect((await fqdnTls(admin(), fqdnId)).tlsMode).toBe('CUSTOM');
    const served = await handshake(host, upload.root);
    expect(served).toMatchObject({ authorized: true, serial: custom.serial });
    expect(await requestOn(served.socket, host)).toMatchObject({ status: 200, body: `blog ${tag}` });
    served.socket.destroy();

    await admin().mutate(SetFqdnTlsDocument, { input: { fqdnId, mode: 'AUTOMATIC' } });
    const acme = await certificateOf(admin(), fqdnId, { notSerial: custom.serial });
    expect(acme).toMatchObject({ source: 'AUTOMATIC', issuer: expect.stringMatching(/Pebble/) });
    expect(await handshake(host)).toMatchObject({ authorized: true, serial: acme.serial });
  }, 90_000);

  it('keeps private keys out of reach: sealed in the database and Temporal, unreadable by the tenant on the node', async () => {
    expect(uploadedKeyBody.length).toBeGreaterThan(60);
    const { databaseUrl, homeRoot } = getPlatform();
    const { stdout: dump } = await run('pg_dump', ['--data-only', databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
    expect(dump).toContain('BEGIN CERTIFICATE'); // certificates are public and stored as they are
    expect(dump.includes(uploadedKeyBody)).toBe(false);
    const runDir = path.dirname(homeRoot);
    const temporalFiles = (await readdir(runDir)).filter((f) => f.startsWith('temporal.sqlite'));
    // SQLite's journal comes and goes with each transaction: one gone since the listing held nothing that stays.
    const readIfThere = (f: string) =>
      readFile(path.join(runDir, f)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' && f.endsWith('-journal')) return Buffer.alloc(0);
        throw error;
      });
    const temporal = Buffer.concat(await Promise.all(temporalFiles.map(readIfThere)));
    expect(temporal.includes(Buffer.from(`certificate-update-`))).toBe(true); // its histories are there, sealed
    expect(temporal.includes(Buffer.from(uploadedKeyBody.slice(0, 40)))).toBe(false);
    // On the node, HAProxy's copy is root's alone: the tenant's own processes cannot read it.
    const file = certFile(host);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const asTenant = await run('runuser', ['-u', tenant.name, '--', 'cat', file]).catch((e: { stderr: string }) => e);
    expect('stderr' in asTenant ? asTenant.stderr : '').toMatch(/Permission denied/);
  });

  it('the renewal schedule renews a certificate whose renewal time has come', async () => {
    const before = (await fqdnTls(admin(), fqdnId)).certificate!;
    expect(new Date(before.renewAfter!).getTime()).toBeGreaterThan(Date.now());
    await withDatabase((db) =>
      db.query(`UPDATE "Certificate" SET "renewAfter" = now() - interval '1 minute' WHERE "fqdnId" = $1`, [
        Buffer.from(fqdnId, 'base64url').toString().split(':')[1],
      ]),
    );
    const connection = await Connection.connect({ address: getPlatform().temporalAddress });
    try {
      await new Client({ connection }).schedule.getHandle('hostplane-renew-certificates').trigger();
    } finally {
      await connection.close();
    }
    const renewed = await certificateOf(admin(), fqdnId, { notSerial: before.serial });
    expect(new Date(renewed.renewAfter!).getTime()).toBeGreaterThan(Date.now());
    expect(await handshake(host)).toMatchObject({ authorized: true, serial: renewed.serial });
  }, 90_000);

  it('a suspended tenant’s site answers 503 over HTTPS too', async () => {
    await admin().mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'unpaid invoice' } });
    expect((await watchTenant(admin(), tenant.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    // Within moments, not at once: a full run once saw one 200 right after SUSPENDED (its nginx
    // reload had been made; an old worker or a kept-alive connection may answer a little longer).
    const statusOverHttps = async () => {
      const tls = await handshake(host);
      expect(tls.authorized).toBe(true);
      try {
        return (await requestOn(tls.socket, host)).status;
      } finally {
        tls.socket.destroy();
      }
    };
    await expect.poll(statusOverHttps, { timeout: 5_000, interval: 250 }).toBe(503);
    await admin().mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect((await watchTenant(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  }, 90_000);

  it('TLS off removes the certificate from HAProxy and disk; unbinding a name removes its certificate', async () => {
    expect(await exists(certFile(host))).toBe(true);
    const certId = (await fqdnTls(admin(), fqdnId)).certificate!.id;
    await admin().mutate(SetFqdnTlsDocument, { input: { fqdnId, mode: 'OFF' } });
    expect((await watchStatus(admin(), certId, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await exists(certFile(host))).toBe(false);
    expect((await handshake(host)).authorized).toBe(false);
    expect((await fqdnTls(admin(), fqdnId)).certificate).toBeNull();

    const other = `shop-${tag}.example.test`;
    await pointHere(other);
    const otherId = (await bindActive(admin(), webrootId, other)).id;
    const cert = await certificateOf(admin(), otherId);
    expect(await exists(certFile(other))).toBe(true);
    await admin().mutate(UnbindFqdnDocument, { input: { id: otherId } });
    expect((await watchStatus(admin(), otherId, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect((await watchStatus(admin(), cert.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await exists(certFile(other))).toBe(false);
  }, 120_000);
});
