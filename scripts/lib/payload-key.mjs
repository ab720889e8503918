// The key every process that talks to Temporal encrypts its payloads with (HOSTPLANE_PAYLOAD_KEY;
// see contract/src/codec/payload-codec.ts). `npm start` keeps one next to Temporal's own state, so the
// histories in .data/temporal.sqlite stay readable to the next start and to nobody without it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const newPayloadKey = () => randomBytes(32).toString('base64');

/** HOSTPLANE_PAYLOAD_KEY from the environment, else the key in `file` (created once, mode 600). */
export const payloadKeyIn = (file, env = process.env) => keyIn(file, env.HOSTPLANE_PAYLOAD_KEY);

/**
 * HOSTPLANE_SECRETS_KEY from the environment, else the key in `file` (created once, mode 600):
 * the master key that wraps tenants' data keys (server/src/secrets/vault.ts). API and worker only.
 */
export const secretsKeyIn = (file, env = process.env) => keyIn(file, env.HOSTPLANE_SECRETS_KEY);

function keyIn(file, fromEnv) {
  if (fromEnv) return fromEnv;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = newPayloadKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
