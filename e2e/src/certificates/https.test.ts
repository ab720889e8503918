// Issue 12, HTTPS: a bound FQDN gets a certificate from the run's ACME CA (Pebble, validating
// HTTP-01 for real through HAProxy) and answers over HTTPS with a chain valid for exactly its
// name; a renewal swaps it without a reload while an open connection keeps working; redirect
// and HSTS; an upload is checked before anything is stored; other brands and tenants see nothing.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CertificateFieldsFragmentDoc,
  CreateDnsZoneDocument,
  ExpiringCertificatesDocument,
  GetCertificateDocument,
  ListShardsDocument,
  RenewCertificateDocument,
  SetFqdnTlsDocument,
  UploadCertificateDocument,
} from '@hostplane/schema/sdk';
import { parse, print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { getPlatform } from '../harness/platform.js';
import { convergeAndWait } from '../support/convergence.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus, watchTenant } from '../support/watch.js';
import { createZone, pointHere, setA } from '../support/dns.js';
import { bindActive, createActiveWebroot, writeSiteFile } from '../support/web.js';
import { certificateOf, fqdnTls } from './certificate-wait.js';
import {
  forgetCertificateOnLb,
  haproxyInfo,
  handshake,
  httpsPort,
  plainGet,
  requestOn,
  selfSignedFor,
} from './tls-client.js';

describe('HTTPS through the load balancer', () => {
  const tag = randomUUID().slice(0, 8);
  const host = `shop-${tag}.example.test`;
  let brandId: string;
  let tenant: { id: string; name: string; uid: number };
  let fqdnId: string;
  let serial: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    tenant = await createTenant(admin(), brandId, 'tls tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
    await writeSiteFile(tenant, webroot.name, 'public/index.html', `hello ${tag}`);
    // Automatic TLS waits for the name's DNS to point here.
    await pointHere(host);
    fqdnId = (await bindActive(admin(), webroot.id, host)).id;
  }, 90_000);
  afterAll(closeClients);

  it('binding a name issues a certificate: HTTPS answers with a chain valid against the ACME root for exactly that name', async () => {
    const cert = await certificateOf(admin(), fqdnId);
    expect(cert).toMatchObject({ hostname: host, source: 'AUTOMATIC', status: 'ACTIVE' });
    expect(cert.issuer).toMatch(/Pebble Intermediate/);
    expect(cert.daysLeft).toBeGreaterThan(1);
    serial = cert.serial!;

    const tls = await handshake(host);
    expect(tls).toMatchObject({ authorized: true, authorizationError: null, subjectAltName: `DNS:${host}` });
    expect(tls.serial).toBe(serial);
    expect(await requestOn(tls.socket, host)).toMatchObject({ status: 200, body: `hello ${tag}` });
    tls.socket.destroy();
    // Another name gets HAProxy's default certificate, which nothing trusts.
    const other = await handshake(`other-${tag}.example.test`);
    expect(other.authorized).toBe(false);
    other.socket.destroy();
  }, 90_000);

  it('a forced renewal swaps the certificate without a reload; a connection opened before keeps working', async () => {
    const before = await handshake(host);
    expect(await requestOn(before.socket, host)).toMatchObject({ status: 200 });
    const info = await haproxyInfo();
    const { renewCertificate } = await admin().mutate(RenewCertificateDocument, {
      input: { id: (await fqdnTls(admin(), fqdnId)).certificate!.id },
    });
    expect(renewCertificate.userErrors).toEqual([]);
    const renewed = await certificateOf(admin(), fqdnId, { notSerial: serial });
    expect(renewed.serial).not.toBe(serial);
    const after = await handshake(host);
    expect(after).toMatchObject({ authorized: true, serial: renewed.serial });
    after.socket.destroy();
    // The old connection still answers, on its old session.
    expect(await requestOn(before.socket, host)).toMatchObject({ status: 200, body: `hello ${tag}` });
    before.socket.destroy();
    const now = await haproxyInfo();
    expect(now.pid).toBe(info.pid);
    expect(now.uptimeSeconds).toBeGreaterThanOrEqual(info.uptimeSeconds);
    serial = renewed.serial!;
  }, 90_000);

  it('convergeShard of the load-balancer shard installs a lost certificate again, the same one, from the platform’s rows', async () => {
    await forgetCertificateOnLb(host);
    const lost = await handshake(host);
    expect(lost.authorized).toBe(false);
    lost.socket.destroy();
    const { shards } = await admin().query(ListShardsDocument, { role: 'LB' });
    const lb = shards.find((s) => s.name === 'local-lb')!;
    const run = await convergeAndWait(lb.id);
    expect({ status: run.status, errors: run.errors }).toEqual({ status: 'SUCCEEDED', errors: [] });
    expect(run.events.some((e) => e.step === 'certificates converged' && e.stepState === 'SUCCEEDED')).toBe(true);
    const back = await handshake(host);
    expect(back).toMatchObject({ authorized: true, subjectAltName: `DNS:${host}`, serial });
    expect(await requestOn(back.socket, host)).toMatchObject({ status: 200, body: `hello ${tag}` });
    back.socket.destroy();
    // On disk again too: a restart of HAProxy would load it.
    const tlsDir = path.join(getPlatform().webStateDir, 'etc', 'haproxy', 'tls');
    expect(await readFile(path.join(tlsDir, 'crt-list'), 'utf8')).toContain(`${host}.pem ${host}\n`);
    expect(await readFile(path.join(tlsDir, 'certs', `${host}.pem`), 'utf8')).toMatch(/PRIVATE KEY-----\n$/);
  }, 120_000);

  it('automatic TLS waits, saying so, until the name’s DNS points here; a name under a zone held here issues at once', async () => {
    const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
    await writeSiteFile(tenant, webroot.name, 'public/index.html', `waited ${tag}`);
    const elsewhere = `wait-${tag}.example.test`;
    await createZone(elsewhere);
    await setA(elsewhere, elsewhere, ['192.0.2.9']);
    const waitingId = (await bindActive(admin(), webroot.id, elsewhere)).id;
    // PROVISIONING with a message naming what DNS shows and what it must; no order placed.
    const deadline = Date.now() + 30_000;
    let waiting = (await fqdnTls(admin(), waitingId)).certificate;
    while (!waiting?.statusMessage && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      waiting = (await fqdnTls(admin(), waitingId)).certificate;
    }
    expect(waiting).toMatchObject({ status: 'PROVISIONING', serial: null });
    expect(waiting!.statusMessage).toContain(`waiting for A/AAAA ${elsewhere} = 127.0.0.1`);
    expect(waiting!.statusMessage).toContain('DNS shows 192.0.2.9');
    expect((await handshake(elsewhere)).authorized).toBe(false);
    // The owner points the name here: the wait sees it (a step event) and the certificate is issued.
    const watching = watchStatus(admin(), waiting!.id, ['ACTIVE', 'FAILED'], 60_000);
    await new Promise((r) => setTimeout(r, 300));
    await setA(elsewhere, elsewhere, ['127.0.0.1']);
    const watched = await watching;
    expect(watched.status).toBe('ACTIVE');
    expect(watched.events.some((e) => e.step === 'waiting for DNS' && e.stepState === 'SUCCEEDED')).toBe(true);
    const issued = await certificateOf(admin(), waitingId);
    expect(issued).toMatchObject({ hostname: elsewhere, status: 'ACTIVE', statusMessage: null });
    const tls = await handshake(elsewhere);
    expect(tls).toMatchObject({ authorized: true, subjectAltName: `DNS:${elsewhere}` });
    tls.socket.destroy();

    // A name under a zone its tenant holds here: the platform writes its A record, so no wait
    // (the world's DNS above knows nothing of it).
    const { createDnsZone } = await admin().mutate(CreateDnsZoneDocument, {
      input: { tenantId: tenant.id, name: `hosted-${tag}.example` },
    });
    expect((await watchStatus(admin(), createDnsZone.dnsZone!.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const hosted = `www.hosted-${tag}.example`;
    const hostedId = (await bindActive(admin(), webroot.id, hosted)).id;
    expect(await certificateOf(admin(), hostedId)).toMatchObject({ hostname: hosted, status: 'ACTIVE' });
  }, 150_000);

  it('redirects plain HTTP to https with a 301 and sends HSTS when asked', async () => {
    const { setFqdnTls } = await admin().mutate(SetFqdnTlsDocument, {
      input: { fqdnId, mode: 'AUTOMATIC', httpsRedirect: true, hstsMaxAge: 31536000 },
    });
    expect(setFqdnTls.userErrors).toEqual([]);
    expect(setFqdnTls.fqdn).toMatchObject({ tlsMode: 'AUTOMATIC', httpsRedirect: true, hstsMaxAge: 31536000 });
    const cert = await certificateOf(admin(), fqdnId);
    expect(cert.serial).toBe(serial); // options only: the same certificate
    const res = await plainGet(host, '/a/b?c=1');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`https://${host}:${httpsPort()}/a/b?c=1`);
    const tls = await handshake(host);
    const secure = await requestOn(tls.socket, host);
    tls.socket.destroy();
    expect(secure).toMatchObject({ status: 200, body: `hello ${tag}` });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    // Invalid HSTS is a field error.
    const bad = await admin().mutate(SetFqdnTlsDocument, { input: { fqdnId, mode: 'AUTOMATIC', hstsMaxAge: -1 } });
    expect(bad.setFqdnTls.userErrors).toMatchObject([{ field: ['input', 'hstsMaxAge'], code: 'INVALID' }]);
  }, 90_000);

  it('refuses an upload whose key does not match, naming the field, and stores nothing', async () => {
    const made = await selfSignedFor(host);
    const { uploadCertificate } = await admin().mutate(UploadCertificateDocument, {
      input: { fqdnId, certificate: made.certificate, privateKey: made.otherKey },
    });
    expect(uploadCertificate.certificate).toBeNull();
    expect(uploadCertificate.userErrors).toMatchObject([{ field: ['input', 'privateKey'], code: 'INVALID' }]);
    const elsewhere = await selfSignedFor(`x-${host}`);
    const wrongName = await admin().mutate(UploadCertificateDocument, {
      input: { fqdnId, certificate: elsewhere.certificate, privateKey: elsewhere.privateKey },
    });
    expect(wrongName.uploadCertificate.userErrors).toMatchObject([
      { field: ['input', 'certificate'], code: 'INVALID' },
    ]);
    const after = await fqdnTls(admin(), fqdnId);
    expect(after).toMatchObject({ tlsMode: 'AUTOMATIC', certificate: { serial, source: 'AUTOMATIC' } });
    expect((await handshake(host)).serial).toBe(serial);
  });

  it('lists certificates expiring within a window, of what the caller may see', async () => {
    const { expiringCertificates } = await admin().query(ExpiringCertificatesDocument, { withinDays: 3650 });
    expect(expiringCertificates.map((c) => c.hostname)).toContain(host);
    const { expiringCertificates: none } = await admin().query(ExpiringCertificatesDocument, { withinDays: 0 });
    expect(none.map((c) => c.hostname)).not.toContain(host);
  });

  it('shows a certificate to its own brand and tenant only; no field holds key material', async () => {
    const certId = (await fqdnTls(admin(), fqdnId)).certificate!.id;
    const otherBrand = (await createBrand()).id;
    const neighbour = await createTenant(admin(), brandId, 'tls neighbour');
    const strangers = [
      client(await createKey(['certificates:read', 'certificates:write', 'webroots:read'], [otherBrand])),
      client(await createKey(['certificates:read', 'certificates:write', 'webroots:read'], [brandId], neighbour.id)),
    ];
    for (const c of strangers) {
      await expectCode(c.query(GetCertificateDocument, { id: certId }), 'NOT_FOUND');
      const renew = await c.mutate(RenewCertificateDocument, { input: { id: certId } });
      expect(renew.renewCertificate.userErrors).toMatchObject([{ code: 'NOT_FOUND' }]);
      const made = await selfSignedFor(host);
      const upload = await c.mutate(UploadCertificateDocument, {
        input: { fqdnId, certificate: made.certificate, privateKey: made.privateKey },
      });
      expect(upload.uploadCertificate.userErrors).toMatchObject([{ field: ['input', 'fqdnId'], code: 'NOT_FOUND' }]);
      const { expiringCertificates } = await c.query(ExpiringCertificatesDocument, { withinDays: 3650 });
      expect(expiringCertificates.map((x) => x.hostname)).not.toContain(host);
    }
    // Its own tenant's key sees it; a key without certificates:read does not.
    const own = client(await createKey(['certificates:read'], [brandId], tenant.id));
    expect((await own.query(GetCertificateDocument, { id: certId })).certificate.hostname).toBe(host);
    const blind = client(await createKey(['webroots:read'], [brandId]));
    await expectCode(blind.query(GetCertificateDocument, { id: certId }), 'FORBIDDEN');
    // The fields a client can ask for: nothing private.
    expect(print(CertificateFieldsFragmentDoc)).not.toMatch(/key|pem/i);
    const introspection = await admin().query(
      parse('query CertificateFieldNames { __type(name: "Certificate") { fields { name } } }') as TypedDocumentNode<{
        __type: { fields: Array<{ name: string }> };
      }>,
      {},
    );
    const names = introspection.__type.fields.map((f) => f.name);
    expect(names).toContain('fingerprint');
    expect(names.filter((n) => /key|pem|private/i.test(n))).toEqual([]);
  });
});
