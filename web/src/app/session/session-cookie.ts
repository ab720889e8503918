// The panel's session: the API key in an HttpOnly cookie, so no script in the panel's origin can
// read it (an injected one could carry it off in a navigation, which CSP cannot stop). Only the
// panel's server reads it: ./route.ts sets and clears it, ../../proxy.ts turns it into the API's
// Authorization header. The cookie holds the key itself, not a session id: SECURITY.md says why.
import type { NextRequest } from 'next/server';

export const SESSION_COOKIE = 'hostplane_session';

/** The API the panel talks to, read at run time (one build serves any API). */
export function apiUrl(): URL {
  return new URL(process.env.HOSTING_API_URL ?? 'http://127.0.0.1:4000/graphql');
}

/**
 * Did the panel's own pages send this request? A browser always sends `Origin` on a POST, a
 * DELETE and a WebSocket upgrade; a page of another site (another port is another origin too,
 * and the cookie, blind to ports, would still go along) names its own. So a cookie is only
 * honoured from the panel's origin: no cross-site request forgery, no cross-site WebSocket hijacking.
 */
export function fromOwnOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
}

/** Cookie attributes: never readable by script, never sent by another site's pages, Secure over HTTPS. */
export function cookieOptions(request: NextRequest) {
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: https } as const;
}

/** The GraphQL-over-HTTP answer for a refused request, in the shape the panel's client reads. */
export function refusal(status: number, message: string, code: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}
