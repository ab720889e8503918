// The panel's login and logout. POST { apiKey }: the key is tried against the API (its `viewer`),
// and only a key the API accepts becomes the session's HttpOnly cookie; the answer is the viewer,
// never the key. DELETE ends the session. GET says whether there is one (the browser's scripts
// cannot see the cookie). Mutating calls only from the panel's own pages (Origin).
import { addTypenameToDocument } from '@apollo/client/utilities';
import { print } from 'graphql';
import { NextResponse, type NextRequest } from 'next/server';
import { ViewerDocument, type ViewerQuery } from '@/generated/graphql';
import { apiUrl, cookieOptions, fromOwnOrigin, refusal, SESSION_COOKIE } from './session-cookie';

/** With `__typename`s, as Apollo asks: the browser puts the answer in its cache as if it had asked. */
const VIEWER = print(addTypenameToDocument(ViewerDocument));
/** Longer than any key the API issues (`hp_<prefix>_<secret>`): refused before it goes anywhere. */
const MAX_KEY_LENGTH = 256;
const NO_STORE = { 'cache-control': 'no-store' };

export function GET(request: NextRequest): Response {
  return Response.json({ active: request.cookies.has(SESSION_COOKIE) }, { headers: NO_STORE });
}

export async function POST(request: NextRequest): Promise<Response> {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  const body: unknown = await request.json().catch(() => null);
  const apiKey = typeof body === 'object' && body !== null && 'apiKey' in body ? body.apiKey : undefined;
  if (typeof apiKey !== 'string' || !apiKey.trim() || apiKey.length > MAX_KEY_LENGTH) {
    return refusal(400, 'Send { "apiKey": "hp_…" }.', 'BAD_REQUEST');
  }
  const key = apiKey.trim();
  let answer: Response;
  try {
    answer = await fetch(apiUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: VIEWER }),
      cache: 'no-store',
    });
  } catch {
    return refusal(502, 'The API could not be reached.', 'NETWORK');
  }
  const result = (await answer.json().catch(() => ({}))) as { data?: ViewerQuery; errors?: unknown[] };
  if (!answer.ok || result.errors || !result.data?.viewer) {
    // The API's own refusal (UNAUTHENTICATED, RATE_LIMITED, …) goes back as it came.
    const status = answer.ok ? 502 : answer.status;
    return Response.json({ errors: result.errors ?? [{ message: 'No answer from the API.' }] }, { status });
  }
  const response = NextResponse.json({ data: { viewer: result.data.viewer } }, { headers: NO_STORE });
  response.cookies.set(SESSION_COOKIE, key, cookieOptions(request));
  return response;
}

export function DELETE(request: NextRequest): Response {
  if (!fromOwnOrigin(request)) return foreignOrigin();
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(SESSION_COOKIE, '', { ...cookieOptions(request), maxAge: 0 });
  return response;
}

function foreignOrigin(): Response {
  return refusal(403, 'Only the panel itself may open or end its sessions.', 'FORBIDDEN');
}
