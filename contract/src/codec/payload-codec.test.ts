import { randomBytes } from 'node:crypto';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  PAYLOAD_KEY_UNKNOWN,
  PAYLOAD_NOT_ENCRYPTED,
  PAYLOAD_TAMPERED,
  payloadDataConverter,
} from './payload-codec.js';

const json = (value: unknown): Payload => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(JSON.stringify(value)),
});
const secret = { passwordHash: '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19' };
const refusal = (type: string) => expect.objectContaining({ type, nonRetryable: true });
const keyIdOf = (payload: Payload) => new TextDecoder().decode(payload.metadata!['encryption-key-id']);

describe('EncryptionCodec', () => {
  const codec = new EncryptionCodec(randomBytes(32));

  it('encrypts a payload and decrypts it back to the same bytes and metadata', async () => {
    const [sealed] = await codec.encode([json(secret)]);
    expect(new TextDecoder().decode(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(sealed!.data!).toString('latin1')).not.toContain(secret.passwordHash);
    const [opened] = await codec.decode([sealed!]);
    expect(new TextDecoder().decode(opened!.data)).toBe(JSON.stringify(secret));
    expect(new TextDecoder().decode(opened!.metadata!.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV each time: equal payloads do not look equal', async () => {
    const [a, b] = await codec.encode([json(secret), json(secret)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('refuses, non-retryably, a tampered payload and one sealed with a key it does not hold', async () => {
    const [sealed] = await codec.encode([json(secret)]);
    const tampered = Buffer.from(sealed!.data!);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed!, data: tampered }])).rejects.toEqual(refusal(PAYLOAD_TAMPERED));
    await expect(new EncryptionCodec(randomBytes(32)).decode([sealed!])).rejects.toEqual(refusal(PAYLOAD_KEY_UNKNOWN));
  });

  it('refuses a plaintext payload: what a client without the key sends', async () => {
    const refused = await codec.decode([json({ name: 'db_aaaaaaaaaa' })]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toEqual(refusal(PAYLOAD_NOT_ENCRYPTED));
    expect((refused as Error).message).toMatch(/not encrypted with the platform payload key/);
    // Not even a payload that merely claims the encoding, without a key id.
    const forged = { metadata: { encoding: new TextEncoder().encode(ENCRYPTED_ENCODING) }, data: randomBytes(64) };
    await expect(codec.decode([forged])).rejects.toEqual(refusal(PAYLOAD_KEY_UNKNOWN));
  });
});

describe('payload key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('opens payloads of a decrypt-only key, seals with the current one, and refuses a retired key', async () => {
    const before = new EncryptionCodec(oldKey);
    const [oldPayload] = await before.encode([json(secret)]);

    // Step 1: every process learns the new key as decrypt-only; it still seals with the old one.
    const learning = new EncryptionCodec(oldKey, [newKey]);
    // Step 2: the new key becomes current, the old one decrypt-only.
    const rotated = new EncryptionCodec(newKey, [oldKey]);
    const [newPayload] = await rotated.encode([json(secret)]);
    expect(keyIdOf(newPayload!)).toBe(rotated.keyId);
    expect(keyIdOf(newPayload!)).not.toBe(keyIdOf(oldPayload!));
    // Mid-rollout a process still at step 1 opens what a step-2 process sealed, and the reverse.
    for (const reader of [learning, rotated]) {
      for (const payload of [oldPayload!, newPayload!]) {
        const [opened] = await reader.decode([payload]);
        expect(new TextDecoder().decode(opened!.data)).toBe(JSON.stringify(secret));
      }
    }

    // Step 3: the old key is retired; what it sealed is refused, what the new key sealed opens.
    const retired = new EncryptionCodec(newKey);
    await expect(retired.decode([oldPayload!])).rejects.toEqual(refusal(PAYLOAD_KEY_UNKNOWN));
    await expect(retired.decode([newPayload!])).resolves.toHaveLength(1);
  });
});

describe('payloadDataConverter', () => {
  it('needs HOSTPLANE_PAYLOAD_KEY (no plaintext mode) and refuses keys of the wrong size', () => {
    expect(() => payloadDataConverter({})).toThrow(/HOSTPLANE_PAYLOAD_KEY is required/);
    const converter = payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: randomBytes(32).toString('base64') });
    expect(converter.payloadCodecs?.[0]).toBeInstanceOf(EncryptionCodec);
    expect(() => payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: randomBytes(16).toString('base64') })).toThrow(
      /32 bytes/,
    );
    expect(() =>
      payloadDataConverter({
        HOSTPLANE_PAYLOAD_KEY: randomBytes(32).toString('base64'),
        HOSTPLANE_PAYLOAD_DECRYPT_KEYS: `${randomBytes(32).toString('base64')}, short`,
      }),
    ).toThrow(/HOSTPLANE_PAYLOAD_DECRYPT_KEYS/);
  });

  it('reads decrypt-only keys from HOSTPLANE_PAYLOAD_DECRYPT_KEYS', async () => {
    const oldKey = randomBytes(32);
    const [sealed] = await new EncryptionCodec(oldKey).encode([json(secret)]);
    const converter = payloadDataConverter({
      HOSTPLANE_PAYLOAD_KEY: randomBytes(32).toString('base64'),
      HOSTPLANE_PAYLOAD_DECRYPT_KEYS: ` ${randomBytes(32).toString('base64')} , ${oldKey.toString('base64')} `,
    });
    await expect(converter.payloadCodecs![0]!.decode([sealed!])).resolves.toHaveLength(1);
  });
});
