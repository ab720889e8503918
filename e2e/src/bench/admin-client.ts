import { createHostplaneClient } from '@hostplane/schema/sdk';
import WebSocket from 'ws';

/** An SDK client with the bench platform's admin key (over HTTP, and graphql-ws for watching). */
export function adminClient(env: { apiUrl: string; wsUrl: string; adminKey: string }) {
  return createHostplaneClient({ url: env.apiUrl, wsUrl: env.wsUrl, apiKey: env.adminKey, webSocketImpl: WebSocket });
}
