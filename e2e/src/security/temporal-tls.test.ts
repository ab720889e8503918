// The TEMPORAL_TLS_* settings, end to end: the dev server speaks no TLS, so a TLS terminator in
// front of it (mTLS: it asks for a client certificate signed by this test's CA) plays the
// production frontend. The options parseTemporalAccess builds connect both kinds of connection
// the platform uses — the client's (API) and the native one (worker, agents) — and a client
// without a certificate is turned away.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:tls';
import { promisify } from 'node:util';
import { parseTemporalAccess, temporalConnectionOptions } from '@hostplane/contract/temporal-connection';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';

const run = promisify(execFile);
const SERVER_NAME = 'temporal.hostplane.test';
let dir: string;
let terminator: Server;
let address: string;
const sockets = new Set<Socket>();
const file = (name: string) => path.join(dir, name);

/** A P-256 key and a certificate for `subject`, signed by the CA (self-signed when `ca` is unset). */
async function issue(name: string, subject: string, extensions: string, ca = true): Promise<void> {
  await writeFile(file(`${name}.ext`), extensions);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', file(`${name}.key`)];
  if (!ca) {
    await run('openssl', ['req', '-x509', ...key, '-out', file(`${name}.pem`), '-days', '1', '-subj', subject]);
    return;
  }
  await run('openssl', ['req', ...key, '-out', file(`${name}.csr`), '-subj', subject]);
  await run('openssl', [
    'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-CAcreateserial', '-out', file(`${name}.pem`), '-days', '1', '-extfile', file(`${name}.ext`),
  ]); // prettier-ignore
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hp-temporal-tls-'));
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=hostplane test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]); // prettier-ignore
  await issue('server', `/CN=${SERVER_NAME}`, `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`);
  await issue('client', '/CN=hostplane-worker', 'extendedKeyUsage=clientAuth\n');

  const [host, port] = getPlatform().temporalAddress.split(':') as [string, string];
  terminator = createServer(
    {
      key: await readFile(file('server.key')),
      cert: await readFile(file('server.pem')),
      ca: await readFile(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true, // mTLS: no certificate from our CA, no connection
      ALPNProtocols: ['h2'],
    },
    (tls) => {
      const upstream = connectTcp(Number(port), host);
      for (const socket of [tls, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined).on('close', () => sockets.delete(socket));
      }
      tls.pipe(upstream).pipe(tls);
    },
  );
  await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(terminator.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => terminator?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const access = (env: NodeJS.ProcessEnv) =>
  parseTemporalAccess({ HOSTPLANE_PAYLOAD_KEY: getPlatform().payloadKey, ...env }, 'worker');
const mtls = () =>
  access({
    TEMPORAL_TLS_CA: file('ca.pem'),
    TEMPORAL_TLS_CERT: file('client.pem'),
    TEMPORAL_TLS_KEY: file('client.key'),
    TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
  });

describe('Temporal over mTLS', () => {
  type Connect = (options: ReturnType<typeof temporalConnectionOptions>) => Promise<Connection | NativeConnection>;
  it.each<[string, Connect]>([
    ['the API’s client connection', (options) => Connection.connect(options)],
    ['the native connection of worker and agents', (options) => NativeConnection.connect(options)],
  ])('%s reaches Temporal with the configured CA, certificate and server name', async (_, connect) => {
    const connection = await connect(temporalConnectionOptions(address, mtls()));
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBeTruthy();
    } finally {
      await connection.close();
    }
  });

  it('a client without a certificate, or trusting another CA, is turned away', async () => {
    const noCertificate = access({ TEMPORAL_TLS_CA: file('ca.pem'), TEMPORAL_TLS_SERVER_NAME: SERVER_NAME });
    await expect(
      Connection.connect({ ...temporalConnectionOptions(address, noCertificate), connectTimeout: '5s' }),
    ).rejects.toThrow();
    await issue('other-ca', '/CN=another CA', '', false);
    const otherCa = access({
      TEMPORAL_TLS_CA: file('other-ca.pem'),
      TEMPORAL_TLS_CERT: file('client.pem'),
      TEMPORAL_TLS_KEY: file('client.key'),
      TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
    });
    await expect(
      Connection.connect({ ...temporalConnectionOptions(address, otherCa), connectTimeout: '5s' }),
    ).rejects.toThrow();
  });
});
