/**
 * Global object ids (`Node.id`): opaque base64url of `Type:uuid`, so `node(id:)` knows which
 * table to read without guessing, and clients never build ids themselves.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: string;
  id: string;
}

/** Returns null for anything that is not a well-formed global id (never throws). */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0) return null;
  const type = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  return UUID.test(id) ? { type, id } : null;
}

/** Decodes an id that must be of `type`; null when malformed or of another type. */
export function decodeIdOf(type: string, globalId: string): string | null {
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.type === type ? decoded.id : null;
}
