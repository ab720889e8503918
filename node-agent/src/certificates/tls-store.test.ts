// TLS at a real HAProxy on loopback: certificates added, swapped and removed through the runtime
// API (the worker pid shows no reload, and a connection opened before a swap keeps working),
// ACME challenge answers, the redirect and HSTS maps, and the files a restart loads.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import { rm, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@hostplane/scripts/lib';
import { workerPid } from '../haproxy/runtime-api.js';
import { LoadBalancerManager } from '../haproxy/manager.js';
import { httpGet, lbTestOptions, makeTestRoot } from '../webroots/test-harness.js';
import { createCertificateLbActivities } from './activities.js';
import { selfSignedCertificate } from './self-signed.js';
import { certFileOf } from './tls-files.js';

let root: string;
let lb: LoadBalancerManager;
let httpPort: number;
let httpsPort: number;
let server: http.Server;
const act = () => createCertificateLbActivities({ lb, logger: pino({ level: 'silent' }) });

/** A self-signed certificate and key for `name` (a PEM the way the worker hands it over). */
async function certificateFor(name: string): Promise<{ pem: string; cert: string }> {
  const made = await selfSignedCertificate(name);
  return { pem: made.pem, cert: made.certificate };
}

/** The certificate HAProxy presents for SNI `name`, and the ALPN protocol it chose. */
function handshake(name: string): Promise<{ serial: string; protocol: string | false | null; socket: tls.TLSSocket }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: '127.0.0.1',
        port: httpsPort,
        servername: name,
        rejectUnauthorized: false,
        ALPNProtocols: ['h2', 'http/1.1'],
      },
      () => resolve({ serial: socket.getPeerCertificate().serialNumber, protocol: socket.alpnProtocol, socket }),
    );
    socket.on('error', reject);
  });
}

const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;

beforeAll(async () => {
  root = await makeTestRoot('tls');
  const { options, port } = await lbTestOptions(root);
  httpPort = port;
  httpsPort = await freePort();
  lb = new LoadBalancerManager({
    ...options,
    tls: { bind: [`127.0.0.1:${httpsPort}`], dir: path.join(root, 'haproxy', 'tls') },
  });
  server = http.createServer((_req, res) => res.end('site'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
  await lb.converge({
    backends: [{ name: 'shard_a', servers: [{ name: 'a1', address }] }],
    entries: [{ fqdn: 'one.test', backend: 'shard_a' }],
  });
});

afterAll(async () => {
  await lb?.stop();
  server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('TLS at HAProxy', () => {
  it('answers with the default certificate before any is installed', async () => {
    const { socket } = await handshake('one.test');
    expect(socket.getPeerCertificate().subject.CN).toBe('hostplane-default');
    socket.destroy();
  });

  it('installs, swaps and removes a certificate without a reload; a connection opened before keeps working', async () => {
    const pid = await workerPid(lb.runtime);
    const first = await certificateFor('one.test');
    expect(
      await act().installTlsSite({ hostname: 'one.test', pem: first.pem, httpsRedirect: false, hstsMaxAge: null }),
    ).toEqual({ changed: true });
    const before = await handshake('one.test');
    expect(before.serial).toBe(serialOf(first.cert));
    expect(before.protocol).toBe('h2');
    const file = certFileOf(lb.tls!.files, 'one.test');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = await certificateFor('one.test');
    await act().installTlsSite({ hostname: 'one.test', pem: second.pem, httpsRedirect: false, hstsMaxAge: null });
    expect((await handshake('one.test')).serial).toBe(serialOf(second.cert));
    // The old connection is still open and usable.
    expect(before.socket.destroyed).toBe(false);
    expect(await workerPid(lb.runtime)).toBe(pid);
    expect(lb.stats.reloads).toBe(0);
    before.socket.destroy();

    expect(await act().removeTlsSite({ hostname: 'one.test' })).toEqual({ changed: true });
    const after = await handshake('one.test');
    expect(after.socket.getPeerCertificate().subject.CN).toBe('hostplane-default');
    after.socket.destroy();
    await expect(stat(file)).rejects.toThrow();
    expect(await act().removeTlsSite({ hostname: 'one.test' })).toEqual({ changed: false });
  });

  it('keeps certificates over a restart (crt-list and files on disk)', async () => {
    const made = await certificateFor('one.test');
    await act().installTlsSite({ hostname: 'one.test', pem: made.pem, httpsRedirect: false, hstsMaxAge: null });
    await lb.stop();
    await lb.setMappings([]); // starts it again from its files
    const { serial, socket } = await handshake('one.test');
    expect(serial).toBe(serialOf(made.cert));
    socket.destroy();
  });

  it('answers ACME challenges on any host name, then stops', async () => {
    const token = 'tok_' + 'a'.repeat(30);
    const keyAuthorization = `${token}.${'b'.repeat(43)}`;
    await act().setAcmeChallenges({ challenges: [{ token, keyAuthorization }] });
    const answer = await httpGet(httpPort, 'unrouted.example', `/.well-known/acme-challenge/${token}`);
    expect(answer).toEqual({ status: 200, body: keyAuthorization });
    await act().removeAcmeChallenges({ tokens: [token] });
    expect((await httpGet(httpPort, 'unrouted.example', `/.well-known/acme-challenge/${token}`)).status).toBe(404);
  });

  it('redirects plain HTTP to https and sends HSTS when asked', async () => {
    const made = await certificateFor('one.test');
    await act().installTlsSite({ hostname: 'one.test', pem: made.pem, httpsRedirect: true, hstsMaxAge: 600 });
    const redirected = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get({ host: '127.0.0.1', port: httpPort, path: '/x?y=1', headers: { Host: 'one.test' } }, resolve)
        .on('error', reject),
    );
    expect(redirected.statusCode).toBe(301);
    expect(redirected.headers.location).toBe(`https://one.test:${httpsPort}/x?y=1`);
    const secure = await new Promise<http.IncomingMessage>((resolve, reject) =>
      https
        .get(
          {
            host: '127.0.0.1',
            port: httpsPort,
            servername: 'one.test',
            headers: { Host: 'one.test' },
            rejectUnauthorized: false,
          },
          resolve,
        )
        .on('error', reject),
    );
    expect(secure.statusCode).toBe(200);
    expect(secure.headers['strict-transport-security']).toBe('max-age=600');
    await act().installTlsSite({ hostname: 'one.test', pem: made.pem, httpsRedirect: false, hstsMaxAge: null });
    expect((await httpGet(httpPort, 'one.test')).status).toBe(200);
  });
});
