import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where the API is and which key to use: what both `hostctl` and the MCP adapter need. */
export interface CliConfig {
  apiUrl: string;
  apiKey: string;
}

/** A configuration problem the user fixes (missing key, bad URL); hostctl exits 2 on it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const DEFAULT_API_URL = 'http://127.0.0.1:4000/graphql';

const schema = z.object({
  HOSTING_API_URL: z
    .url({ protocol: /^https?$/, error: 'HOSTING_API_URL must be an http(s) URL of the /graphql endpoint.' })
    .default(DEFAULT_API_URL),
  HOSTING_API_KEY: z.string({ error: 'HOSTING_API_KEY is not set (environment or .env in this folder).' }),
});

/**
 * A minimal `.env` reader: `KEY=value` lines, `#` comments, optional `export `, values in single
 * or double quotes. Enough for two settings without a dependency; no interpolation.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rawValue = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(rawValue);
    values[key!] = quoted ? quoted[2]! : rawValue.replace(/\s+#.*$/, '');
  }
  return values;
}

/**
 * Reads HOSTING_API_URL and HOSTING_API_KEY from the environment, falling back to a `.env` file
 * in `cwd` (the environment wins, so a one-off `HOSTING_API_KEY=… hostctl` overrides the file).
 * Throws a ConfigError naming what is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): CliConfig {
  const file = path.join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8')) : {};
  const pick = (key: string) => env[key] || fromFile[key] || undefined;
  const parsed = schema.safeParse({
    HOSTING_API_URL: pick('HOSTING_API_URL'),
    HOSTING_API_KEY: pick('HOSTING_API_KEY'),
  });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message).join(' '));
  }
  return { apiUrl: parsed.data.HOSTING_API_URL, apiKey: parsed.data.HOSTING_API_KEY };
}
