// The browser's side of the panel session (app/session/route.ts). The key goes to the panel once,
// at login, and comes back as an HttpOnly cookie no script can read: from then on the browser
// only ever sends the cookie, and the panel's /graphql proxy turns it into the key.
import { CombinedGraphQLErrors, type ErrorLike } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';
import type { ViewerQuery } from '@/generated/graphql';

const SESSION = '/session';

export type Viewer = ViewerQuery['viewer'];

/** Is there a session cookie (valid or not: the API says so at the first request)? */
export async function hasSession(): Promise<boolean> {
  try {
    const answer = await fetch(SESSION, { cache: 'no-store' });
    const body = (await answer.json()) as { active?: boolean };
    return body.active === true;
  } catch {
    return false; // the panel is unreachable: behave as logged out
  }
}

/** Tries a key; on success the panel keeps it in the session cookie and returns its viewer. */
export async function startSession(apiKey: string): Promise<{ viewer: Viewer } | { error: ErrorLike }> {
  try {
    const answer = await fetch(SESSION, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey }),
    });
    const result = (await answer.json()) as { data?: ViewerQuery; errors?: GraphQLFormattedError[] };
    if (result.data?.viewer) return { viewer: result.data.viewer };
    return {
      error: new CombinedGraphQLErrors({ errors: result.errors ?? [{ message: 'No answer from the panel.' }] }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Ends the session: the panel clears the cookie. */
export async function endSession(): Promise<void> {
  await fetch(SESSION, { method: 'DELETE' }).catch(() => undefined);
}
