// Envelope encryption of tenants' secrets: each tenant has a data key (32 random bytes) sealed by
// the platform master key; values are sealed by the data key. AES-256-GCM throughout. Rotating
// the master key re-wraps data keys only, never a value.
//
// Who holds the master key: the API (it seals what a tenant sets) and the control-plane worker
// (it opens the values when it builds a webroot's spec, which then crosses Temporal inside a
// payload the codec seals). Node agents never get it: every node would otherwise hold the key
// to every tenant's secrets, on machines that run tenant code.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A wrapped data key and which master key wrapped it. */
export interface WrappedDataKey {
  wrappedKey: Uint8Array;
  masterKeyId: string;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** The first 16 hex digits of a key's SHA-256: names it, reveals nothing of it. */
export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

function parseKey(text: string, what: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${what} must be base64 of 32 bytes`);
  return key;
}

/** The platform master key (and older ones that may still have wrapped a data key). */
export class SecretsVault {
  readonly masterKeyId: string;
  /** Ids of the older master keys (HOSTPLANE_SECRETS_DECRYPT_KEYS): what a rotation re-wraps from. */
  readonly olderKeyIds: readonly string[];
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly master: Buffer,
    older: readonly Buffer[] = [],
  ) {
    this.masterKeyId = keyIdOf(master);
    this.olderKeyIds = older.map(keyIdOf).filter((id) => id !== this.masterKeyId);
    this.byId = new Map([...older, master].map((k) => [keyIdOf(k), k]));
  }

  /** HOSTPLANE_SECRETS_KEY (base64 of 32 bytes) and HOSTPLANE_SECRETS_DECRYPT_KEYS (older, comma-separated). */
  static fromEnv(key: string, decryptKeys = ''): SecretsVault {
    const older = decryptKeys
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k) => parseKey(k, 'HOSTPLANE_SECRETS_DECRYPT_KEYS'));
    return new SecretsVault(parseKey(key, 'HOSTPLANE_SECRETS_KEY'), older);
  }

  /** A new data key for `tenantId`, wrapped by the current master key. */
  newDataKey(tenantId: string): WrappedDataKey {
    return { wrappedKey: seal(this.master, randomBytes(32), `tenant:${tenantId}`), masterKeyId: this.masterKeyId };
  }

  /** The tenant's data key in clear (held in memory only while sealing or opening). */
  unwrap(tenantId: string, wrapped: WrappedDataKey): Buffer {
    const master = this.byId.get(wrapped.masterKeyId);
    if (!master) throw new Error(`no master key ${wrapped.masterKeyId} (HOSTPLANE_SECRETS_DECRYPT_KEYS)`);
    return open(master, wrapped.wrappedKey, `tenant:${tenantId}`);
  }

  /** The same data key wrapped by the current master key, or null when it already is. */
  rewrap(tenantId: string, wrapped: WrappedDataKey): WrappedDataKey | null {
    if (wrapped.masterKeyId === this.masterKeyId) return null;
    const dataKey = this.unwrap(tenantId, wrapped);
    return { wrappedKey: seal(this.master, dataKey, `tenant:${tenantId}`), masterKeyId: this.masterKeyId };
  }
}

/** Where a sealed value belongs: a value moved to another webroot or name no longer opens. */
const placeOf = (webrootId: string, name: string) => `env:${webrootId}:${name}`;

/** A secret value sealed under its tenant's data key. */
export const sealValue = (dataKey: Buffer, webrootId: string, name: string, value: string): Buffer =>
  seal(dataKey, Buffer.from(value, 'utf8'), placeOf(webrootId, name));

/** The secret value in clear. */
export const openValue = (dataKey: Buffer, webrootId: string, name: string, sealed: Uint8Array): string =>
  open(dataKey, sealed, placeOf(webrootId, name)).toString('utf8');

/**
 * What the API shows of a secret: an HMAC under the tenant's data key, so two equal values
 * compare equal but a guessable value cannot be tested against it without the key.
 */
export const fingerprintOf = (dataKey: Buffer, value: string): string =>
  createHmac('sha256', dataKey).update(value, 'utf8').digest('hex').slice(0, 16);

/** A mail domain's DKIM private key sealed under its tenant's data key, bound to that domain. */
export const sealDkimKey = (dataKey: Buffer, mailDomainId: string, privateKeyPem: string): Buffer =>
  seal(dataKey, Buffer.from(privateKeyPem, 'utf8'), `dkim:${mailDomainId}`);

/** The DKIM private key in clear (the worker, building a mail node's spec). */
export const openDkimKey = (dataKey: Buffer, mailDomainId: string, sealed: Uint8Array): string =>
  open(dataKey, sealed, `dkim:${mailDomainId}`).toString('utf8');
