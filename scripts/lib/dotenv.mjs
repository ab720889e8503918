// `.env` in the repository root (HOSTPLANE_ENV_FILE elsewhere): HOSTING_API_URL and the admin's
// HOSTING_API_KEY, which `npx hostctl …` reads. Mode 600: it holds a platform-admin key. Other
// lines a developer added are kept.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

export const envFile = process.env.HOSTPLANE_ENV_FILE
  ? path.resolve(process.env.HOSTPLANE_ENV_FILE)
  : path.join(repoRoot, '.env');

/** The file's `KEY=value` lines as an object (empty when there is no file). */
export function readDotEnv(file = envFile) {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/**
 * Sets `values` in the file, keeping its other lines; written to a temporary file first and
 * renamed, so a crash mid-write never leaves a half-written key behind.
 */
export function setDotEnv(values, file = envFile) {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  for (const [key, value] of Object.entries(values)) {
    const index = lines.findIndex((line) => line.startsWith(`${key}=`));
    if (index === -1) lines.push(`${key}=${value}`);
    else lines[index] = `${key}=${value}`;
  }
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(staging, 0o600); // an existing umask or file must not widen it
  renameSync(staging, file);
}
