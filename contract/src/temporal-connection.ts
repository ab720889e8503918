// How every Hostplane process reaches Temporal — the API (client), the control-plane worker and
// each node agent — read from one place, so the three can never disagree: the payload keys (no
// plaintext mode exists) and the connection's TLS/mTLS and API key. docs/production-temporal.md
// is the operator's side of this file.
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { z } from 'zod';
import { parseEnv, required } from './env.js';
import { payloadDataConverter } from './codec/payload-codec.js';

const pemFile = z.string().startsWith('/', 'must be the absolute path of a PEM file');

/** The variables (zod shape) this helper reads; each process's own config reads the rest. */
export const TEMPORAL_ACCESS_ENV = {
  /** Base64 of 32 random bytes: seals every payload this process sends, opens what it receives. */
  HOSTPLANE_PAYLOAD_KEY: z.string({ error: required }).min(1, 'is required'),
  /** Comma-separated base64 keys this process only opens payloads with (key rotation). */
  HOSTPLANE_PAYLOAD_DECRYPT_KEYS: z.string().optional(),
  /** `true`: TLS with the system's CAs and no client certificate (implied by any TEMPORAL_TLS_* file). */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** CA certificate(s) that signed the Temporal frontend's certificate. */
  TEMPORAL_TLS_CA: pemFile.optional(),
  /** Client certificate for mTLS; needs TEMPORAL_TLS_KEY. */
  TEMPORAL_TLS_CERT: pemFile.optional(),
  /** Private key of TEMPORAL_TLS_CERT (mode 0600, owned by the process's user). */
  TEMPORAL_TLS_KEY: pemFile.optional(),
  /** The name the frontend's certificate is checked against, when not the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** A Temporal Cloud (or proxy) API key, sent as a bearer token; needs TLS. Never logged. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
};

const schema = z.object(TEMPORAL_ACCESS_ENV).superRefine((env, ctx) => {
  const pair = (present: keyof typeof env, missing: keyof typeof env) => {
    if (env[present] && !env[missing])
      ctx.addIssue({ code: 'custom', path: [missing], message: `is required with ${present}` });
  };
  pair('TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY');
  pair('TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CERT');
  const tlsFiles = env.TEMPORAL_TLS_CA || env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_SERVER_NAME;
  if (env.TEMPORAL_TLS === 'false' && (tlsFiles || env.TEMPORAL_API_KEY)) {
    ctx.addIssue({
      code: 'custom',
      path: ['TEMPORAL_TLS'],
      message: 'is false, but TLS settings or an API key are set',
    });
  }
  if (env.TEMPORAL_API_KEY && !tlsFiles && env.TEMPORAL_TLS !== 'true') {
    // An API key over plaintext is a credential handed to anyone on the path.
    ctx.addIssue({
      code: 'custom',
      path: ['TEMPORAL_API_KEY'],
      message: 'needs TLS (TEMPORAL_TLS=true or a TEMPORAL_TLS_* file)',
    });
  }
});

/** What a process needs to talk to Temporal, besides the address and namespace its config holds. */
export interface TemporalAccess {
  /** Seals and opens payloads with the platform keys. */
  dataConverter: DataConverter;
  /** Undefined: plaintext gRPC (a dev server on loopback). */
  tls?: TLSConfig;
  apiKey?: string;
}

function readPem(variable: string, file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`  ${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function tlsOf(env: z.infer<typeof schema>): TLSConfig | undefined {
  const ca = readPem('TEMPORAL_TLS_CA', env.TEMPORAL_TLS_CA);
  const crt = readPem('TEMPORAL_TLS_CERT', env.TEMPORAL_TLS_CERT);
  const key = readPem('TEMPORAL_TLS_KEY', env.TEMPORAL_TLS_KEY);
  const wanted = env.TEMPORAL_TLS === 'true' || ca || crt || env.TEMPORAL_TLS_SERVER_NAME || env.TEMPORAL_API_KEY;
  if (!wanted) return undefined;
  return {
    ...(ca && { serverRootCACertificate: ca }),
    ...(crt && key && { clientCertPair: { crt, key } }),
    ...(env.TEMPORAL_TLS_SERVER_NAME && { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME }),
  };
}

/**
 * Parses the Temporal access settings of `service`; throws an Error naming every bad variable
 * (never a value): a missing payload key, half an mTLS pair, an unreadable PEM file.
 */
export function parseTemporalAccess(env: NodeJS.ProcessEnv, service: string): TemporalAccess {
  const parsed = parseEnv(schema, env, service);
  try {
    const tls = tlsOf(parsed);
    const dataConverter = payloadDataConverter(env);
    return { dataConverter, ...(tls && { tls }), ...(parsed.TEMPORAL_API_KEY && { apiKey: parsed.TEMPORAL_API_KEY }) };
  } catch (error) {
    throw new Error(`invalid ${service} configuration:\n${(error as Error).message.replace(/^(?! {2})/, '  ')}`);
  }
}

/** Reads the Temporal access settings once at start; bad ones end the process with a clear message. */
export function loadTemporalAccess(env: NodeJS.ProcessEnv, service: string): TemporalAccess {
  try {
    return parseTemporalAccess(env, service);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Options for `Connection.connect` / `NativeConnection.connect`. */
export function temporalConnectionOptions(address: string, access: TemporalAccess) {
  return {
    address,
    ...(access.tls && { tls: access.tls }),
    ...(access.apiKey && { apiKey: access.apiKey }),
  };
}
