// Temporal payloads — workflow and activity arguments and results, kept in Temporal's database and
// shown by its UI and CLI — are encrypted with AES-256-GCM before they leave a process: they carry
// password hashes, ACL rules and configuration that must not sit readable at rest. Every process
// that talks to Temporal (the API starting workflows, the worker, every node agent) holds the same
// key: HOSTPLANE_PAYLOAD_KEY, 32 random bytes in base64 (`npm start` makes one in .data/, each test
// run its own).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// CommonJS: its namespace is the default export under ESM.
const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const untext = new TextDecoder();

/** AES-256-GCM over the whole serialized payload (metadata included); a key id names the key used. */
export class EncryptionCodec implements PayloadCodec {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('HOSTPLANE_PAYLOAD_KEY must be 32 bytes (base64 of 32 random bytes)');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
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

  /** Decrypts ours; passes others through (payloads written before encryption was configured). */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding ? untext.decode(payload.metadata.encoding) : '';
      if (encoding !== ENCRYPTED_ENCODING) return payload;
      const keyId = payload.metadata?.['encryption-key-id'];
      if (!keyId || untext.decode(keyId) !== this.keyId) {
        throw new Error('payload was encrypted with another HOSTPLANE_PAYLOAD_KEY');
      }
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return PayloadMessage.decode(plain) as Payload;
    });
  }
}

/**
 * The data converter of a process from its environment: encrypting with HOSTPLANE_PAYLOAD_KEY, or
 * undefined (Temporal's default, readable at rest) when the key is not set.
 */
export function payloadDataConverter(env: NodeJS.ProcessEnv = process.env): DataConverter | undefined {
  const key = env.HOSTPLANE_PAYLOAD_KEY;
  if (!key) return undefined;
  return { payloadCodecs: [new EncryptionCodec(Buffer.from(key, 'base64'))] };
}
