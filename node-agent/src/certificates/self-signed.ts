import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';

/**
 * A self-signed P-256 certificate for `name` (its CN, and its SAN unless `name` is no host name)
 * and its key, made by openssl: HAProxy's default certificate, and what tests and benchmarks
 * install or upload.
 */
export async function selfSignedCertificate(
  name: string,
  days = 30,
): Promise<{ certificate: string; privateKey: string; pem: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hostplane-self-signed-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    const san = name.includes('.') ? ['-addext', `subjectAltName=DNS:${name}`] : [];
    await runCommand('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
      ...['-days', String(days), '-subj', `/CN=${name}`, ...san, '-keyout', key, '-out', cert],
    ]);
    const [certificate, privateKey] = [await readFile(cert, 'utf8'), await readFile(key, 'utf8')];
    return { certificate, privateKey, pem: `${certificate.trim()}\n${privateKey.trim()}\n` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
