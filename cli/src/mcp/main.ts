// hostplane-mcp: the MCP adapter on stdio. stdout carries the protocol, so every diagnostic goes
// to stderr. The key is checked once at start (viewer query): a bad key never serves tools, and
// the tools listed are those whose root fields the API says the key may call.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { HostplaneApiError, NETWORK_ERROR, ViewerDocument } from '@hostplane/schema/sdk';
import { createCliClient } from '../client.js';
import { ConfigError, loadConfig } from '../config.js';
import { createMcpServer } from './server.js';

function fail(message: string, code: number): never {
  process.stderr.write(`hostplane-mcp: ${message}\n`);
  process.exit(code);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}

const client = createCliClient(config);
let allowedOperations: string[];
try {
  ({
    viewer: { allowedOperations },
  } = await client.query(ViewerDocument));
} catch (error) {
  if (error instanceof HostplaneApiError) {
    const what = error.code === NETWORK_ERROR ? 'cannot reach the API' : 'the API refused HOSTING_API_KEY';
    fail(`${what} at ${config.apiUrl}: ${error.message} (${error.code})`, 1);
  }
  throw error;
}

const server = createMcpServer({ client, allowedOperations });
server.onclose = () => void client.close();
await server.connect(new StdioServerTransport());
