// The one check of an OpenSSH public key, run by the API before insert and by the node agent
// again before it writes the key: type, size and wire format, and its SHA256 fingerprint.
// A key line is `<type> <base64> [comment]` and nothing else: authorized_keys options
// (`command=…`, `from=…`, `environment=…`) are the platform's to write, never the tenant's.
import { createHash } from 'node:crypto';

/** A key that passed every check, in the form the platform stores and writes. */
export interface ParsedSshKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`, … */
  type: string;
  /** Size in bits (RSA: the modulus; ECDSA: the curve; Ed25519: 256). */
  bits: number;
  /** `<type> <base64>`, without the comment. */
  publicKey: string;
  /** OpenSSH's `SHA256:…` (unpadded base64 of the SHA-256 of the key blob). */
  fingerprint: string;
  /** The user's comment (often `user@host`), or null. */
  comment: string | null;
}

/** Smallest RSA modulus accepted: 2048 bits (NIST's floor; shorter keys are factorable in reach). */
export const MIN_RSA_BITS = 2048;
const MAX_LINE = 16_384;
const MAX_COMMENT = 200;

const FIXED_BITS: Record<string, number> = {
  'ssh-ed25519': 256,
  'sk-ssh-ed25519@openssh.com': 256,
  'ecdsa-sha2-nistp256': 256,
  'ecdsa-sha2-nistp384': 384,
  'ecdsa-sha2-nistp521': 521,
  'sk-ecdsa-sha2-nistp256@openssh.com': 256,
};
/** Key types accepted (DSA is gone from OpenSSH; certificates are not keys a tenant adds). */
export const SSH_KEY_TYPES = [...Object.keys(FIXED_BITS), 'ssh-rsa'] as const;

/** Reads the SSH wire format's length-prefixed strings (RFC 4251 §5). */
function wireStrings(blob: Buffer): Buffer[] | null {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return null;
    const length = blob.readUInt32BE(at);
    at += 4;
    if (at + length > blob.length) return null;
    parts.push(blob.subarray(at, at + length));
    at += length;
  }
  return parts;
}

/** Bits of an mpint (RFC 4251: two's complement, big-endian, a leading 0 for a positive high bit). */
function mpintBits(value: Buffer): number {
  let i = 0;
  while (i < value.length && value[i] === 0) i++;
  if (i === value.length) return 0;
  return (value.length - i - 1) * 8 + (32 - Math.clz32(value[i]!));
}

/** The key, or why it is refused (a message for people, naming what to send instead). */
export function parseSshPublicKey(input: string): { key: ParsedSshKey } | { problem: string } {
  const line = input.trim();
  if (line.length === 0) return { problem: 'publicKey is empty: paste the one line of your .pub file.' };
  if (line.length > MAX_LINE) return { problem: `publicKey is longer than ${MAX_LINE} characters.` };
  if (/[\r\n\0]/.test(line)) return { problem: 'publicKey must be a single line (one key per SSH key).' };
  const [type = '', base64 = '', ...rest] = line.split(/[ \t]+/);
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) {
    return {
      problem: `publicKey must start with its type (${SSH_KEY_TYPES.join(', ')}); options such as command= or from= are not accepted.`,
    };
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0)
    return { problem: 'publicKey’s key data is not base64.' };
  const blob = Buffer.from(base64, 'base64');
  const parts = wireStrings(blob);
  if (!parts || parts[0]?.toString('latin1') !== type)
    return { problem: `publicKey’s key data is not a ${type} key (its encoded type differs or it is truncated).` };
  let bits: number;
  if (type === 'ssh-rsa') {
    if (parts.length !== 3) return { problem: 'publicKey is not a well-formed ssh-rsa key.' };
    bits = mpintBits(parts[2]!);
    if (bits < MIN_RSA_BITS)
      return { problem: `RSA keys must have at least ${MIN_RSA_BITS} bits (this one has ${bits}); Ed25519 is better.` };
    if (bits > 16_384) return { problem: 'RSA keys above 16384 bits are not accepted.' };
  } else if (type.includes('ed25519')) {
    const expected = type.startsWith('sk-') ? 3 : 2;
    if (parts.length !== expected || parts[1]!.length !== 32)
      return { problem: `publicKey is not a well-formed ${type} key (32-byte key expected).` };
    bits = 256;
  } else {
    const curve = `nistp${FIXED_BITS[type]}`;
    const expected = type.startsWith('sk-') ? 4 : 3;
    if (parts.length !== expected || parts[1]!.toString('latin1') !== curve)
      return { problem: `publicKey is not a well-formed ${type} key.` };
    bits = FIXED_BITS[type]!;
  }
  const comment = rest.join(' ').trim() || null;
  if (comment !== null && (comment.length > MAX_COMMENT || !/^[\x20-\x7e]*$/.test(comment)))
    return { problem: `The key's comment must be printable ASCII, at most ${MAX_COMMENT} characters.` };
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { key: { type, bits, publicKey: `${type} ${base64}`, fingerprint, comment } };
}
