// HTTPS as a browser sees it through the platform's HAProxy: a TLS handshake with SNI that trusts
// only the run's ACME root, requests over one kept-open connection, and HAProxy's own pid and
// uptime (a reload would change them) from its admin socket.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '@hostplane/node-agent';
import { getPlatform } from '../harness/platform.js';

const run = promisify(execFile);

export const httpsPort = () => Number(new URL(getPlatform().lbHttpsUrl).port);
export const acmeRoot = () => readFile(getPlatform().acmeRootFile, 'utf8');

/** What a handshake for `servername` showed: verified against the ACME root or why not, the leaf and the socket. */
export interface Handshake {
  authorized: boolean;
  authorizationError: string | null;
  serial: string;
  subjectAltName: string | undefined;
  issuer: string | string[] | undefined;
  alpn: string | false | null;
  socket: tls.TLSSocket;
}

export async function handshake(servername: string, trusted?: string): Promise<Handshake> {
  return handshakeAt(httpsPort(), trusted ?? (await acmeRoot()), servername);
}

/** A TLS handshake with 127.0.0.1:`port` for SNI `servername`, trusting `ca` only. */
export function handshakeAt(port: number, ca: string, servername: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername, ca, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] },
      () => {
        const peer = socket.getPeerCertificate();
        resolve({
          authorized: socket.authorized,
          authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
          serial: peer.serialNumber,
          subjectAltName: peer.subjectaltname,
          issuer: peer.issuer?.CN,
          alpn: socket.alpnProtocol,
          socket,
        });
      },
    );
    socket.once('error', reject);
  });
}

/** One HTTP/1.1 request on an open TLS socket, kept open for the next: status, headers, body. */
export function requestOn(
  socket: tls.TLSSocket,
  host: string,
  urlPath = '/',
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const fail = (error: Error) => done(error);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const body = text.slice(end + 4);
      if (Buffer.byteLength(body) < Number(headers['content-length'] ?? 0)) return;
      done(null, { status: Number(statusLine.split(' ')[1]), headers, body });
    };
    const done = (error: Error | null, result?: { status: number; headers: Record<string, string>; body: string }) => {
      socket.off('data', onData);
      socket.off('error', fail);
      if (error) reject(error);
      else resolve(result!);
    };
    socket.on('data', onData);
    socket.on('error', fail);
    socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

/** A plain HTTP GET through the load balancer, redirects not followed. */
export function plainGet(host: string, urlPath = '/'): Promise<http.IncomingMessage> {
  const { lbUrl } = getPlatform();
  return new Promise((resolve, reject) => {
    const req = http.get(`${lbUrl}${urlPath}`, { headers: { Host: host }, agent: false }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
  });
}

/** HAProxy's worker pid and uptime (`show info` on its admin socket). */
export async function haproxyInfo(): Promise<{ pid: number; uptimeSeconds: number }> {
  const text = await haproxyCommand('show info');
  const pid = Number(/^Pid: (\d+)$/m.exec(text)?.[1]);
  const uptimeSeconds = Number(/^Uptime_sec: (\d+)$/m.exec(text)?.[1]);
  return { pid, uptimeSeconds };
}

/** One command on the local HAProxy's admin socket; its whole reply. */
function haproxyCommand(line: string): Promise<string> {
  const socketPath = path.join(getPlatform().webStateDir, 'run', 'haproxy-admin.sock');
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath, () => socket.write(`${line}\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(text));
  });
}

/**
 * What a wiped load balancer looks like for one name: its certificate gone from the running
 * HAProxy (crt-list line and store) and from disk (file and crt-list). Only this name's: the
 * HAProxy is shared with the test files running beside this one, so it is not restarted.
 */
export async function forgetCertificateOnLb(hostname: string): Promise<void> {
  const tlsDir = path.join(getPlatform().webStateDir, 'etc', 'haproxy', 'tls');
  const file = path.join(tlsDir, 'certs', `${hostname}.pem`);
  const crtList = path.join(tlsDir, 'crt-list');
  await haproxyCommand(`del ssl crt-list ${crtList} ${file}`);
  const deleted = await haproxyCommand(`del ssl cert ${file}`);
  if (!/deleted/i.test(deleted)) throw new Error(`HAProxy kept the certificate of ${hostname}: ${deleted}`);
  await rm(file);
  const lines = (await readFile(crtList, 'utf8')).split('\n').filter((l) => l && l.split(' ')[0] !== file);
  await writeFile(crtList, lines.map((l) => `${l}\n`).join(''));
}

/** A self-signed certificate for `hostname` and its key, and an unrelated key (PEM). */
export async function selfSignedFor(
  hostname: string,
): Promise<{ certificate: string; privateKey: string; otherKey: string }> {
  const [made, other] = await Promise.all([
    selfSignedCertificate(hostname),
    selfSignedCertificate(`other-${hostname}`),
  ]);
  return { certificate: made.certificate, privateKey: made.privateKey, otherKey: other.privateKey };
}

export const serialOf = (pem: string) => new X509Certificate(pem).serialNumber;

/**
 * A CA of the test's own (root and intermediate) and a leaf for `hostname` it issued, with the
 * leaf's key: what a customer uploads. PEM, via openssl.
 */
export async function issuedChainFor(
  hostname: string,
): Promise<{ certificate: string; chain: string; privateKey: string; root: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-chain-'));
  try {
    const file = (name: string) => path.join(dir, name);
    const make = async (name: string, ext: string, issuer?: string) => {
      await run('openssl', [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        file(`${name}.key`),
      ]);
      await run('openssl', [
        'req',
        '-new',
        '-key',
        file(`${name}.key`),
        '-subj',
        `/CN=${name}`,
        '-out',
        file(`${name}.csr`),
      ]);
      await writeFile(file(`${name}.ext`), ext);
      const signer = issuer
        ? ['-CA', file(`${issuer}.pem`), '-CAkey', file(`${issuer}.key`), '-CAcreateserial']
        : ['-signkey', file(`${name}.key`)];
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        ...signer,
        '-days',
        '30',
        '-extfile',
        file(`${name}.ext`),
        '-out',
        file(`${name}.pem`),
      ]);
    };
    const ca = 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n';
    await make('customer-root', ca);
    await make('customer-intermediate', ca, 'customer-root');
    await make('leaf', `subjectAltName=DNS:${hostname}\n`, 'customer-intermediate');
    const [certificate, chain, privateKey, root] = await Promise.all(
      ['leaf.pem', 'customer-intermediate.pem', 'leaf.key', 'customer-root.pem'].map((n) => readFile(file(n), 'utf8')),
    );
    return { certificate: certificate!, chain: chain!, privateKey: privateKey!, root: root! };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
