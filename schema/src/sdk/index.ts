/**
 * The Hostplane TypeScript SDK (`@hostplane/schema/sdk`): typed operation documents generated
 * from `operations/*.graphql`, a client on `@urql/core` + `graphql-ws` for Node and browsers,
 * and the MCP tool list. No Node built-ins here: in Node, pass `ws` as `webSocketImpl`.
 */
export * from './generated/schema-types.js';
export * from './generated/graphql.js';
export { mcpTools } from './generated/mcp-tools.js';
export type { McpTool, JsonSchema } from './mcp-tool.js';
export {
  createHostplaneClient,
  type HostplaneClient,
  type HostplaneClientOptions,
  type SubscriptionErrorHandler,
} from './client.js';
/** The typed document type the client's methods take (every generated `…Document` is one). */
export type { TypedDocumentNode } from '@urql/core';
export { HostplaneApiError, NETWORK_ERROR, type ApiErrorDetail } from './errors.js';
export { findOperation, operationNames, type OperationEntry, type OperationKind } from './operations.js';
export {
  waitFor,
  WaitForTimeoutError,
  type AsyncResourceType,
  type WaitForOptions,
  type WaitForResult,
} from './wait-for.js';
