/**
 * The subset of JSON Schema (draft-07) the MCP tool generator emits for operation variables.
 * A type alias, not an interface, so it is assignable to index-signature types such as the MCP
 * SDK's `Tool.inputSchema`.
 */
export type JsonSchema = {
  $schema?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  default?: unknown;
};

/**
 * One MCP tool: a query or mutation document of `schema/src/sdk/operations`, generated into
 * `generated/mcp-tools.ts` by `schema/codegen/mcp-tools-plugin.cjs`.
 */
export interface McpTool {
  /** snake_case of the operation name, e.g. `create_tenant`, `list_tenants`. */
  name: string;
  /** The GraphQL operation it runs; pass to `runOperation`. */
  operationName: string;
  /** The root field's description in the schema. */
  description: string;
  /** The domain: the basename of the operation's document (`tenants`, `api-keys`, …). */
  group: string;
  /** True for queries: the tool changes nothing. */
  readOnly: boolean;
  /** The operation's variables as a JSON Schema object. */
  inputSchema: JsonSchema & { type: 'object' };
}
