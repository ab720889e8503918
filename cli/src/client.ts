import { createHostplaneClient, type HostplaneClient } from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import type { CliConfig } from './config.js';

/** The SDK client for Node: `ws` provides the WebSocket that Node 20 lacks. */
export function createCliClient(config: CliConfig): HostplaneClient {
  return createHostplaneClient({ url: config.apiUrl, apiKey: config.apiKey, webSocketImpl: WebSocket });
}
