import { readFileSync } from 'node:fs';
import { buildSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findOperation, mcpTools, type McpTool } from './index.js';

// The committed SDL: `npm run generate -- --check` guarantees it matches the classes.
const sdl = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
const schema = buildSchema(sdl);

function operationOf(tool: McpTool): OperationDefinitionNode {
  const entry = findOperation(tool.operationName);
  const operation = entry?.document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error(`${tool.name}: no generated operation ${tool.operationName}`);
  return operation;
}

function rootFieldOf(tool: McpTool): string {
  const [selection] = operationOf(tool).selectionSet.selections;
  if (selection?.kind !== Kind.FIELD) throw new Error(`${tool.name}: first selection is not a field`);
  return selection.name.value;
}

const key = (tool: McpTool) => `${operationOf(tool).operation === 'query' ? 'Query' : 'Mutation'}.${rootFieldOf(tool)}`;

describe('generated MCP tool list', () => {
  // A root field may have more than one tool when each asks a different question of it (the
  // node list vs the nodes' capabilities; a tenant vs the runtimes it may use), never none.
  it('has a tool for every Query and Mutation root field, and one per mutation', () => {
    const rootFields = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `Mutation.${name}`),
    ].sort();
    expect([...new Set(mcpTools.map(key))].sort()).toEqual(rootFields);
    const mutations = mcpTools.map(key).filter((field) => field.startsWith('Mutation.'));
    expect(mutations).toEqual([...new Set(mutations)]);
  });

  it('makes no tool of a subscription', () => {
    expect(mcpTools.filter((tool) => operationOf(tool).operation === 'subscription')).toEqual([]);
  });

  it('marks queries read-only and mutations not', () => {
    for (const tool of mcpTools) expect(tool.readOnly, tool.name).toBe(operationOf(tool).operation === 'query');
  });

  it('names tools in unique, sorted snake_case and takes descriptions from the schema', () => {
    const names = mcpTools.map((tool) => tool.name);
    expect(names).toEqual([...new Set(names)].sort());
    for (const tool of mcpTools) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      const [type, field] = key(tool).split('.') as [string, string];
      const rootType = type === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      expect(tool.description).toBe(rootType.getFields()[field]!.description);
    }
  });

  it('derives create_tenant input from CreateTenantInput', () => {
    const tool = mcpTools.find((candidate) => candidate.name === 'create_tenant')!;
    expect(tool).toMatchObject({ operationName: 'CreateTenant', group: 'tenants', readOnly: false });
    expect(tool.inputSchema.required).toEqual(['input']);
    const input = tool.inputSchema.properties!.input!;
    expect(input.type).toBe('object');
    expect(input.required).toEqual(['brandId']);
    expect(input.properties!.brandId).toMatchObject({ type: 'string', description: 'Brand the tenant belongs to.' });
    expect(input.additionalProperties).toBe(false);
  });

  it('describes enums, lists and defaults', () => {
    const listTenants = mcpTools.find((tool) => tool.name === 'list_tenants')!;
    const status = listTenants.inputSchema.properties!.filter!.properties!.status!;
    expect(status.type).toBe('array');
    expect(status.items!.enum).toContain('ACTIVE');
    const applyCluster = mcpTools.find((tool) => tool.name === 'apply_cluster')!.inputSchema.properties!.input!;
    expect(applyCluster.required).toEqual(['cluster', 'region']);
    expect(applyCluster.properties!.shards).toMatchObject({ type: 'array', default: [] });
  });

  it('writes the same list to mcp-tools.json', () => {
    const json = JSON.parse(readFileSync(new URL('./generated/mcp-tools.json', import.meta.url), 'utf8'));
    expect(json.tools).toEqual(mcpTools);
  });
});
