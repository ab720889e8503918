import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { findOperation, HostplaneApiError, mcpTools, type HostplaneClient, type McpTool } from '@hostplane/schema/sdk';

/** What the MCP server needs: an authenticated SDK client and what its key may call. */
export interface McpServerOptions {
  client: HostplaneClient;
  /** `viewer.allowedOperations`: the root fields the API lets the key call; decides which tools are listed. */
  allowedOperations: readonly string[];
  /** The tool list; defaults to the generated one (tests may pass a subset). */
  tools?: readonly McpTool[];
}

function toMcpTool(tool: McpTool): Tool {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: { readOnlyHint: tool.readOnly, openWorldHint: false },
  };
}

function text(value: string, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: value }], ...(isError ? { isError: true } : {}) };
}

/** True when the mutation payload (`{ createTenant: { userErrors: [...] } }`) refused the input. */
function hasUserErrors(data: unknown): boolean {
  if (!data || typeof data !== 'object') return false;
  return Object.values(data).some((payload: unknown) => {
    const errors =
      payload && typeof payload === 'object' ? (payload as { userErrors?: unknown }).userErrors : undefined;
    return Array.isArray(errors) && errors.length > 0;
  });
}

/**
 * The tools whose every root field the API allows, in the given order. The API decides (one
 * `viewer` query at start-up): this adapter knows no scope rules of its own.
 */
export function allowedTools(tools: readonly McpTool[], allowedOperations: readonly string[]): McpTool[] {
  const allowed = new Set(allowedOperations);
  return tools.filter((tool) => {
    const operation = findOperation(tool.operationName);
    if (!operation) throw new Error(`MCP tool ${tool.name} runs ${tool.operationName}, which the SDK does not have.`);
    return operation.rootFields.every((field) => allowed.has(field));
  });
}

/**
 * An MCP server (not yet connected) exposing one tool per GraphQL query/mutation the API lets
 * the key call. Each call runs its generated operation through the SDK and answers with the
 * data as JSON text; userErrors and API errors (with their codes) come back as `isError`.
 */
export function createMcpServer({ client, allowedOperations, tools = mcpTools }: McpServerOptions): Server {
  const allowed = allowedTools(tools, allowedOperations);
  const byName = new Map(allowed.map((tool) => [tool.name, tool]));
  const server = new Server(
    { name: 'hostplane', version: '0.1.0' },
    {
      capabilities: { tools: {} },
      instructions:
        'Hostplane hosting control plane. Ids are opaque global ids from earlier results. Async mutations return the resource PENDING; read it again to follow its status.',
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: allowed.map(toMcpTool) }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${request.params.name}.`);
    try {
      const data = await client.runOperation(tool.operationName, request.params.arguments ?? {});
      return text(JSON.stringify(data, null, 2), hasUserErrors(data));
    } catch (error) {
      if (error instanceof HostplaneApiError) return text(`${error.codes.join(', ')}: ${error.message}`, true);
      throw error;
    }
  });

  return server;
}
