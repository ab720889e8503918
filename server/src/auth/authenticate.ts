import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { parseApiKey, secretMatches } from './api-key-secret.js';
import { ApiKeyViewer } from './viewer.js';

/** lastUsedAt is informational: write it at most once a minute per key, not on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The credential a request's headers carry: `Authorization`, else `X-Api-Key`. HTTP requests,
 * and WebSocket upgrades whose connection_init carries none (the panel's proxy puts the key of
 * its HttpOnly session cookie there: a browser script cannot set a WebSocket's headers).
 */
export function headerCredential(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  return headers.authorization ?? (typeof apiKey === 'string' ? apiKey : undefined);
}

/** Reads `Bearer hp_…` (or a bare key) and returns the viewer, or throws UNAUTHENTICATED. */
export async function authenticate(db: Db, header: string | undefined | null): Promise<ApiKeyViewer> {
  if (!header) throw unauthenticated('Missing API key: send `Authorization: Bearer hp_…`.');
  const raw = header.startsWith('Bearer ') ? header.slice(7).trim() : header.trim();
  const parsed = parseApiKey(raw);
  if (!parsed) throw unauthenticated('Malformed API key.');
  const row = await db.apiKey.findUnique({ where: { prefix: parsed.prefix } });
  if (!row || !secretMatches(parsed.secret, row.secretHash)) throw unauthenticated('Invalid API key.');
  if (row.revokedAt) throw unauthenticated('This API key has been revoked.');
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return new ApiKeyViewer(row);
}
