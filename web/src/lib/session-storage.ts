// Where the logged-in API key lives in the browser. It must be readable by script: the
// graphql-ws handshake carries it in connectionParams (a WebSocket cannot send our header) and
// the playground sends it for the user. Kept in localStorage so new tabs stay logged in; logout
// and an expired or revoked key remove it.
const STORAGE_KEY = 'hostplane.apiKey';

export function readApiKey(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: behave as logged out
  }
}

export function storeApiKey(apiKey: string): void {
  window.localStorage.setItem(STORAGE_KEY, apiKey);
}

export function clearApiKey(): void {
  window.localStorage.removeItem(STORAGE_KEY);
}

/** `Authorization` value for a key, exactly as the API expects it. */
export function bearer(apiKey: string): string {
  return `Bearer ${apiKey}`;
}

/** The panel's own /graphql (src/proxy.ts forwards it to the API), over HTTP and WebSocket. */
export function graphqlUrls(): { http: string; ws: string } {
  const { protocol, host } = window.location;
  return {
    http: `${protocol}//${host}/graphql`,
    ws: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`,
  };
}
