import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncryptionCodec } from './codec/payload-codec.js';
import { parseTemporalAccess, temporalConnectionOptions } from './temporal-connection.js';

const KEY = randomBytes(32).toString('base64');
let dir: string;
const pem = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hp-tls-'));
  for (const name of ['ca.pem', 'client.pem', 'client.key']) await writeFile(pem(name), `${name} bytes`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseTemporalAccess', () => {
  it('without TLS settings: plaintext gRPC, payloads still sealed', () => {
    const access = parseTemporalAccess({ HOSTPLANE_PAYLOAD_KEY: KEY }, 'worker');
    expect(access.tls).toBeUndefined();
    expect(access.dataConverter.payloadCodecs?.[0]).toBeInstanceOf(EncryptionCodec);
    expect(temporalConnectionOptions('127.0.0.1:7233', access)).toEqual({ address: '127.0.0.1:7233' });
  });

  it('reads the mTLS files, the server name and an API key into the connection options', () => {
    const access = parseTemporalAccess(
      {
        HOSTPLANE_PAYLOAD_KEY: KEY,
        TEMPORAL_TLS_CA: pem('ca.pem'),
        TEMPORAL_TLS_CERT: pem('client.pem'),
        TEMPORAL_TLS_KEY: pem('client.key'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
        TEMPORAL_API_KEY: 'secret-api-key',
      },
      'api',
    );
    expect(temporalConnectionOptions('temporal.example:7233', access)).toEqual({
      address: 'temporal.example:7233',
      tls: {
        serverRootCACertificate: Buffer.from('ca.pem bytes'),
        clientCertPair: { crt: Buffer.from('client.pem bytes'), key: Buffer.from('client.key bytes') },
        serverNameOverride: 'temporal.internal',
      },
      apiKey: 'secret-api-key',
    });
    // TLS against the system's CAs, no client certificate.
    expect(parseTemporalAccess({ HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS: 'true' }, 'api').tls).toEqual({});
  });

  it('refuses a half configuration at start, naming the variables and never a value', () => {
    const refuse = (env: NodeJS.ProcessEnv, problem: RegExp) =>
      expect(() => parseTemporalAccess(env, 'node-agent')).toThrow(problem);
    refuse({}, /invalid node-agent configuration:\n {2}HOSTPLANE_PAYLOAD_KEY: is required/);
    refuse(
      { HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS_CERT: pem('client.pem') },
      /TEMPORAL_TLS_KEY: is required with TEMPORAL_TLS_CERT/,
    );
    refuse(
      { HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS_KEY: pem('client.key') },
      /TEMPORAL_TLS_CERT: is required with TEMPORAL_TLS_KEY/,
    );
    refuse({ HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS_CA: 'ca.pem' }, /TEMPORAL_TLS_CA: must be the absolute path/);
    refuse(
      { HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS_CA: pem('missing.pem') },
      /TEMPORAL_TLS_CA: cannot read .*ENOENT/,
    );
    refuse({ HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_API_KEY: 'k' }, /TEMPORAL_API_KEY: needs TLS/);
    refuse(
      { HOSTPLANE_PAYLOAD_KEY: KEY, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: pem('ca.pem') },
      /TEMPORAL_TLS: is false/,
    );
    const short = randomBytes(16).toString('base64');
    let message = '';
    try {
      parseTemporalAccess({ HOSTPLANE_PAYLOAD_KEY: short }, 'api');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/invalid api configuration:\n {2}HOSTPLANE_PAYLOAD_KEY must be 32 bytes/);
    expect(message).not.toContain(short);
  });
});
