import { userError, type UserError } from '@hostplane/schema';
import { isHostname } from '../common/validation.js';

/**
 * A bindable host name: lowercase, without a trailing dot, DNS labels only (no wildcard, no `_`:
 * underscores are reserved for service hostnames, so a tenant can never claim another webroot's).
 * Anything that could smuggle an nginx directive (spaces, `;`, braces, quotes, `$`) fails here.
 */
export function normalizeHostname(raw: string): { hostname: string } | { userError: UserError } {
  const hostname = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!isHostname(hostname)) {
    return {
      userError: userError(
        'hostname',
        `"${JSON.stringify(raw).slice(1, -1).slice(0, 100)}" is not a valid host name (letters, digits and hyphens in at least two dot-separated labels).`,
      ),
    };
  }
  return { hostname };
}
