// PEM certificates as the platform keeps them: the facts it shows (issuer, validity, serial,
// fingerprint) and the checks an upload passes before anything is stored — the key matches the
// certificate, the host name is covered, every chain link is signed by the next up to a root (in
// the upload or one clients trust), and it is valid now.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { rootCertificates } from 'node:tls';

/** What the API shows of a certificate. */
export interface CertificateFacts {
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  serial: string;
  /** SHA-256 of the leaf's DER, colon-separated hex. */
  fingerprint: string;
}

/** An upload that passed: the certificate with its chain, the key, and the leaf's facts. */
export interface CheckedUpload {
  certificatePem: string;
  keyPem: string;
  facts: CertificateFacts;
}

export type UploadField = 'certificate' | 'chain' | 'privateKey';
export interface UploadProblem {
  field: UploadField;
  message: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const TRUSTED_ROOTS = rootCertificates.map((pem) => new X509Certificate(pem));

/** The certificates of a PEM text, in order. */
export const certificateBlocks = (pem: string): string[] => pem.match(PEM_CERTIFICATE) ?? [];

/** Who issued it: the issuer's CN (or its whole name when it has none). */
function issuerName(cert: X509Certificate): string {
  const cn = /^CN=(.+)$/m.exec(cert.issuer)?.[1];
  return cn ?? cert.issuer.replace(/\n/g, ', ');
}

/** The facts of the first certificate in `pem`. */
export function certificateFacts(pem: string): CertificateFacts {
  const [leafPem] = certificateBlocks(pem);
  if (!leafPem) throw new Error('no certificate in the PEM');
  const leaf = new X509Certificate(leafPem);
  return {
    issuer: issuerName(leaf),
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
    serial: leaf.serialNumber,
    fingerprint: leaf.fingerprint256,
  };
}

function parseCertificates(pem: string, field: UploadField): X509Certificate[] | UploadProblem {
  const blocks = certificateBlocks(pem);
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return { field, message: 'is not a readable PEM certificate.' };
  }
}

function parseKey(pem: string): KeyObject | UploadProblem {
  if (/ENCRYPTED/.test(pem)) return { field: 'privateKey', message: 'must not be encrypted (no passphrase).' };
  try {
    return createPrivateKey(pem);
  } catch {
    return { field: 'privateKey', message: 'is not a readable PEM private key.' };
  }
}

const isProblem = (value: unknown): value is UploadProblem =>
  typeof value === 'object' && value !== null && 'field' in value && 'message' in value;

const signedBy = (cert: X509Certificate, issuer: X509Certificate) =>
  cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/** Why the chain (leaf first) does not reach a root, or null. */
function chainProblem(chain: X509Certificate[]): string | null {
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!signedBy(chain[i]!, chain[i + 1]!))
      return `certificate ${i + 2} of the upload did not sign certificate ${i + 1}: give the chain in order, leaf first.`;
  }
  const top = chain.at(-1)!;
  if (signedBy(top, top)) return null; // a root the upload includes
  if (TRUSTED_ROOTS.some((root) => signedBy(top, root))) return null;
  return `is incomplete: nothing in the upload or among trusted roots issued "${top.issuer.replace(/\n/g, ', ')}"; add the intermediate certificates.`;
}

/** Checks an upload for `hostname` at `now`; the problems name the field they are about. */
export function checkUpload(
  input: { certificate: string; chain?: string | null; privateKey: string },
  hostname: string,
  now = new Date(),
): CheckedUpload | { problems: UploadProblem[] } {
  const leafs = parseCertificates(input.certificate, 'certificate');
  const chain = parseCertificates(input.chain ?? '', 'chain');
  const key = parseKey(input.privateKey);
  const problems = [leafs, chain, key].filter(isProblem);
  if (problems.length > 0) return { problems };
  const [leaf, ...rest] = [...(leafs as X509Certificate[]), ...(chain as X509Certificate[])];
  if (!leaf) return { problems: [{ field: 'certificate', message: 'holds no PEM certificate.' }] };
  const fail = (field: UploadField, message: string) => ({ problems: [{ field, message }] });
  if (!leaf.checkPrivateKey(key as KeyObject))
    return fail('privateKey', 'does not match the certificate (a key pair of another certificate?).');
  if (!leaf.checkHost(hostname)) return fail('certificate', `does not cover ${hostname}.`);
  if (new Date(leaf.validTo) <= now) return fail('certificate', `expired on ${new Date(leaf.validTo).toISOString()}.`);
  if (new Date(leaf.validFrom) > now)
    return fail('certificate', `is not valid before ${new Date(leaf.validFrom).toISOString()}.`);
  const broken = chainProblem([leaf, ...rest]);
  if (broken) return fail('chain', broken);
  const keyPem = (key as KeyObject).export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    certificatePem: [leaf, ...rest].map((c) => c.toString().trim()).join('\n') + '\n',
    keyPem,
    facts: certificateFacts(leaf.toString()),
  };
}
