// A certificate for a test mail node's host name, from a CA made here: in the node-level tests the
// test plays the platform's part and hands the node its certificate in the spec, as the worker
// does with the one the platform's ACME CA issued (e2e/src/mail/mail-tls.test.ts covers that path).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MailTlsSpec } from '@hostplane/contract/mail';

const run = promisify(execFile);

/** A new CA and a leaf for `hostname` signed by it: the spec's TLS and the trust anchor a client needs. */
export async function testCertificate(hostname: string): Promise<{ tls: MailTlsSpec; caPem: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-mail-ca-'));
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-days',
      '2',
      '-subj',
      '/CN=Hostplane test mail CA',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
    ]);
    await run('openssl', [
      'req',
      '-new',
      ...ec,
      '-subj',
      `/CN=${hostname}`,
      '-keyout',
      file('leaf.key'),
      '-out',
      file('leaf.csr'),
    ]);
    await writeFile(file('leaf.ext'), `subjectAltName=DNS:${hostname}\n`);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('leaf.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file('leaf.ext'),
      '-out',
      file('leaf.pem'),
    ]);
    const [certificatePem, keyPem, caPem] = await Promise.all(
      ['leaf.pem', 'leaf.key', 'ca.pem'].map((name) => readFile(file(name), 'utf8')),
    );
    return { tls: { certificatePem: certificatePem!, keyPem: keyPem! }, caPem: caPem! };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
