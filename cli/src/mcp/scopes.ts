import type { McpTool } from '@hostplane/schema/sdk';

/**
 * The scope resource each tool group (operation document) needs; null = any valid key. Keep in
 * step with the checks in server/src: a tool listed here that the key then may not use only
 * costs the model a FORBIDDEN answer, but hiding a usable one would lose a capability.
 */
const GROUP_RESOURCE: Readonly<Record<string, string | null>> = {
  tenants: 'tenants',
  brands: 'brands',
  infrastructure: 'infrastructure',
  'api-keys': 'api_keys',
  audit: 'audit_logs',
  platform: 'platform',
  databases: 'databases',
  valkey: 'valkey',
  webroots: 'webroots',
  convergence: 'infrastructure',
  viewer: null,
};

/**
 * Operations that filter by what the key may read instead of requiring a scope (`node(id:)`
 * answers NOT_FOUND for what the key may not see).
 */
const OPEN_OPERATIONS: ReadonlySet<string> = new Set([
  'Viewer',
  'GetDashboardStats',
  'Search',
  'GetNode',
  'GetResourceState',
]);

/**
 * The scope a tool needs (`tenants:read`, `tenants:write`, …) or null when any key may call it.
 * Throws for a group without a mapping, so a new operation document cannot slip through unsorted.
 */
export function requiredScope(tool: McpTool): string | null {
  if (OPEN_OPERATIONS.has(tool.operationName)) return null;
  const resource = GROUP_RESOURCE[tool.group];
  if (resource === undefined) throw new Error(`No scope mapping for MCP tool group "${tool.group}" (${tool.name}).`);
  if (resource === null) return null;
  return `${resource}:${tool.readOnly ? 'read' : 'write'}`;
}

/** Whether `scopes` grant `scope`: exactly, through `resource:*`, or through `*`. */
export function grants(scopes: readonly string[], scope: string): boolean {
  const resource = scope.slice(0, scope.indexOf(':'));
  return scopes.some((held) => held === '*' || held === scope || held === `${resource}:*`);
}

/** The tools a key with `scopes` may call, in the given order. */
export function allowedTools(tools: readonly McpTool[], scopes: readonly string[]): McpTool[] {
  return tools.filter((tool) => {
    const scope = requiredScope(tool);
    return scope === null || grants(scopes, scope);
  });
}
