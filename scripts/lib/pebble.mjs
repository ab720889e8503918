// A real ACME server for `npm start` and the tests: Debian's Pebble, validating HTTP-01 challenges
// for real through the load balancer, with pebble-challtestsrv as its DNS (every name answers
// with the load balancer's loopback address, so the validation reaches HAProxy's HTTP port).
// Pebble's own HTTPS listener gets a certificate from a small CA made here; the worker trusts it
// through NODE_EXTRA_CA_CERTS. Pebble makes a new root at every start: `rootFile` holds the one
// the certificates it issues chain up to (what a test's client trusts).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { run } from './exec.mjs';
import { freePort, isListening, waitUntil } from './ports.mjs';

/** The CA that signs Pebble's HTTPS certificate (127.0.0.1 and localhost); made once per folder. */
async function pebbleListenerCa(dir) {
  const file = (name) => path.join(dir, name);
  if (existsSync(file('listener.pem'))) return file('ca.pem');
  const openssl = (...args) => run('openssl', args, { quiet: true });
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=Hostplane local ACME listener CA',
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
  );
  await openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    file('listener-key.pem'),
    '-out',
    file('listener.csr'),
  );
  await writeFile(file('listener.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    file('listener.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca-key.pem'),
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    file('listener.ext'),
    '-out',
    file('listener.pem'),
  );
  return file('ca.pem');
}

/** GET over HTTPS trusting `ca` only. */
function fetchText(url, ca) {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          response.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${response.statusCode} ${body}`)),
        );
      })
      .on('error', reject);
  });
}

/**
 * Starts pebble-challtestsrv and Pebble as services `acme-dns` and `acme` of `group`, files in
 * `dir`. `httpPort`: where Pebble's validation connects for HTTP-01 (the load balancer's HTTP
 * port); `lbAddress`: what every name resolves to.
 * @returns {Promise<{ directoryUrl: string, listenerCaFile: string, rootFile: string, dnsAddress: string }>}
 */
export async function startPebble(group, { dir, httpPort, lbAddress = '127.0.0.1', port, managementPort }) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const listenerCaFile = await pebbleListenerCa(dir);
  const [dnsPort, dnsManagementPort] = [await freePort(), await freePort()];
  const acmePort = port ?? (await freePort());
  const adminPort = managementPort ?? (await freePort());
  const config = path.join(dir, 'pebble-config.json');
  await writeFile(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${acmePort}`,
        managementListenAddress: `127.0.0.1:${adminPort}`,
        certificate: path.join(dir, 'listener.pem'),
        privateKey: path.join(dir, 'listener-key.pem'),
        httpPort,
        tlsPort: httpPort, // TLS-ALPN-01 is never used; Pebble still wants a port
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  await group.start(
    'acme-dns',
    'pebble-challtestsrv',
    [
      '-dns01',
      `127.0.0.1:${dnsPort}`,
      '-http01',
      '',
      '-https01',
      '',
      '-tlsalpn01',
      '',
      '-management',
      `127.0.0.1:${dnsManagementPort}`,
      '-defaultIPv4',
      lbAddress,
      '-defaultIPv6',
      '',
    ],
    { readyProbe: () => isListening(dnsManagementPort) },
  );
  await group.start('acme', 'pebble', ['-config', config, '-dnsserver', `127.0.0.1:${dnsPort}`], {
    // No artificial pauses before a validation, and no nonces refused on purpose: tests wait less.
    env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    readyProbe: () => isListening(acmePort),
  });
  const ca = await readFile(listenerCaFile, 'utf8');
  const rootFile = path.join(dir, 'issuer-root.pem');
  let root = '';
  await waitUntil(
    async () => (root = await fetchText(`https://127.0.0.1:${adminPort}/roots/0`, ca).catch(() => '')) !== '',
    { what: "Pebble's root certificate", timeoutMs: 15_000, intervalMs: 200 },
  );
  await writeFile(rootFile, root);
  return {
    directoryUrl: `https://127.0.0.1:${acmePort}/dir`,
    listenerCaFile,
    rootFile,
    dnsAddress: `127.0.0.1:${dnsPort}`,
  };
}
