import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_ENCODING, EncryptionCodec, payloadDataConverter } from './payload-codec.js';

const json = (value: unknown): Payload => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(JSON.stringify(value)),
});
const secret = { passwordHash: '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19' };

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

  it('refuses a tampered payload and one sealed with another key', async () => {
    const [sealed] = await codec.encode([json(secret)]);
    const tampered = Buffer.from(sealed!.data!);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed!, data: tampered }])).rejects.toThrow();
    await expect(new EncryptionCodec(randomBytes(32)).decode([sealed!])).rejects.toThrow(
      /another HOSTPLANE_PAYLOAD_KEY/,
    );
  });

  it('passes through payloads written before encryption was configured', async () => {
    const plain = json({ id: 'x' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});

describe('payloadDataConverter', () => {
  it('encrypts only when HOSTPLANE_PAYLOAD_KEY is set, and refuses a key of the wrong size', () => {
    expect(payloadDataConverter({})).toBeUndefined();
    const converter = payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: randomBytes(32).toString('base64') });
    expect(converter?.payloadCodecs?.[0]).toBeInstanceOf(EncryptionCodec);
    expect(() => payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: randomBytes(16).toString('base64') })).toThrow(
      /32 bytes/,
    );
  });
});
