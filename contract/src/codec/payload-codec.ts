// Temporal payloads — workflow and activity arguments and results, kept in Temporal's database and
// shown by its UI and CLI — are encrypted with AES-256-GCM before they leave a process: they carry
// password hashes, ACL rules and configuration that must not sit readable at rest. The key is also
// the platform's proof of origin: whoever can reach Temporal without it (a tenant process, a stray
// client) can only send plaintext or foreign-key payloads, and every process refuses those instead
// of running them. Every process that talks to Temporal (the API starting workflows, the worker,
// every node agent) holds the same current key, HOSTPLANE_PAYLOAD_KEY (32 random bytes in base64;
// `npm start` makes one in .data/, each test run its own), and may hold older or newer keys it only
// decrypts with, HOSTPLANE_PAYLOAD_DECRYPT_KEYS, for rotation (docs/production-temporal.md).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ApplicationFailure, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// CommonJS: its namespace is the default export under ESM.
const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Failure types of a refused payload: stable, so logs and tests can name them. */
export const PAYLOAD_NOT_ENCRYPTED = 'PayloadNotEncrypted';
export const PAYLOAD_KEY_UNKNOWN = 'PayloadKeyUnknown';
export const PAYLOAD_TAMPERED = 'PayloadTampered';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const untext = new TextDecoder();

/** The id a payload records for the key that sealed it: not secret, derived from the key. */
export function payloadKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function assertKey(key: Buffer, name: string): Buffer {
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes (base64 of 32 random bytes)`);
  return key;
}

const refuse = (type: string, message: string) => ApplicationFailure.nonRetryable(message, type);

/**
 * AES-256-GCM over the whole serialized payload (metadata included); a key id names the key used.
 * Seals with the current key; opens with the current key or any decrypt-only one. Plaintext, an
 * unknown key id and a tampered payload are refused with a non-retryable ApplicationFailure.
 */
export class EncryptionCodec implements PayloadCodec {
  /** The id of the key new payloads are sealed with. */
  readonly keyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    private readonly key: Buffer,
    decryptOnly: readonly Buffer[] = [],
  ) {
    assertKey(key, 'HOSTPLANE_PAYLOAD_KEY');
    this.keyId = payloadKeyId(key);
    const older = decryptOnly.map((k) => assertKey(k, 'every HOSTPLANE_PAYLOAD_DECRYPT_KEYS entry'));
    this.keys = new Map([...older, key].map((k) => [payloadKeyId(k), k]));
  }

  // Async (though the work is synchronous) so a failure is a rejection, as Temporal expects.
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      const plain = PayloadMessage.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text.encode(ENCRYPTED_ENCODING), 'encryption-key-id': text.encode(this.keyId) },
        data: sealed,
      };
    });
  }

  /** Opens payloads sealed with a key this process holds; refuses everything else. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.open(payload));
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding ? untext.decode(payload.metadata.encoding) : '';
    if (encoding !== ENCRYPTED_ENCODING) {
      throw refuse(PAYLOAD_NOT_ENCRYPTED, 'refused a payload not encrypted with the platform payload key');
    }
    const keyId = untext.decode(payload.metadata?.['encryption-key-id'] ?? new Uint8Array());
    const key = this.keys.get(keyId);
    if (!key) {
      throw refuse(PAYLOAD_KEY_UNKNOWN, 'refused a payload encrypted with a payload key this process does not hold');
    }
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return PayloadMessage.decode(plain) as Payload;
    } catch {
      throw refuse(PAYLOAD_TAMPERED, 'refused a payload that does not authenticate under its payload key');
    }
  }
}

/** Base64 keys, comma-separated (spaces allowed): the HOSTPLANE_PAYLOAD_DECRYPT_KEYS format. */
export function parseKeyList(list: string | undefined): Buffer[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => Buffer.from(entry, 'base64'));
}

/**
 * The data converter of a process from its environment: sealing with HOSTPLANE_PAYLOAD_KEY and
 * opening with it or a HOSTPLANE_PAYLOAD_DECRYPT_KEYS key. A missing or malformed key throws:
 * there is no plaintext mode.
 */
export function payloadDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter {
  const key = env.HOSTPLANE_PAYLOAD_KEY;
  if (!key) throw new Error('HOSTPLANE_PAYLOAD_KEY is required (base64 of 32 random bytes)');
  const codec = new EncryptionCodec(Buffer.from(key, 'base64'), parseKeyList(env.HOSTPLANE_PAYLOAD_DECRYPT_KEYS));
  return { payloadCodecs: [codec] };
}
