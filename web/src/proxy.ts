// Same-origin API: the browser sends GraphQL (HTTP POST and the graphql-ws WebSocket) to the
// panel's own /graphql, and this forwards it to the API named by HOSTING_API_URL at run time.
// The API then needs no CORS configuration, and the key never goes to a second origin.
// The panel's pages hold no key: this adds it from the HttpOnly session cookie as the
// Authorization header — to the POST and to the WebSocket upgrade alike (the API reads the
// upgrade's header when connection_init carries no key) — and only for the panel's own origin.
// A request that brings its own key (CLI, SDK) passes as it is. The API never sees the cookie.
import { NextResponse, type NextRequest } from 'next/server';
import { apiUrl, fromOwnOrigin, refusal, SESSION_COOKIE } from './app/session/session-cookie';

export function proxy(request: NextRequest): Response {
  const headers = new Headers(request.headers);
  headers.delete('cookie');
  const sessionKey = request.cookies.get(SESSION_COOKIE)?.value;
  const ownKey = headers.has('authorization') || headers.has('x-api-key');
  if (sessionKey && !ownKey) {
    if (!fromOwnOrigin(request)) return refuse(request);
    headers.set('authorization', `Bearer ${sessionKey}`);
  }
  return NextResponse.rewrite(apiUrl(), { request: { headers } });
}

/**
 * Another site's page, with the session cookie: a forged POST, or a WebSocket hijack. Neither
 * reaches the API. An upgrade cannot be answered from here (Next.js writes no response to an
 * upgrade); sent to a page of the panel instead, its socket is closed unanswered.
 */
function refuse(request: NextRequest): Response {
  if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') {
    return NextResponse.rewrite(new URL('/session', request.url));
  }
  return refusal(403, 'The panel only takes its session from its own pages.', 'FORBIDDEN');
}

export const config = { matcher: '/graphql' };
