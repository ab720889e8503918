import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { findOperation, HostplaneApiError, operationNames, type HostplaneClient } from '@hostplane/schema/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMcpServer } from './server.js';

/** Connects an MCP client to a server whose SDK client only has `runOperation` (all it uses). */
async function connect(runOperation: HostplaneClient['runOperation'], allowedOperations: string[]) {
  // A partial fake: the server calls nothing else, and a full client needs a live API.
  const client = { runOperation } as HostplaneClient;
  const server = createMcpServer({ client, allowedOperations });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'test', version: '0' });
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  return mcp;
}

/** Every root field some SDK operation selects: an admin's `allowedOperations`, as far as tools go. */
const everyRootField = operationNames().flatMap((name) => findOperation(name)!.rootFields);

describe('createMcpServer', () => {
  let mcp: Client | undefined;
  afterEach(async () => mcp?.close());

  it('runs the tool as its operation and returns the data as JSON text', async () => {
    const runOperation = vi.fn(async () => ({ tenants: { totalCount: 0, edges: [] } }));
    mcp = await connect(runOperation, ['tenants']);
    const result = await mcp.callTool({ name: 'list_tenants', arguments: { first: 5 } });
    expect(runOperation).toHaveBeenCalledWith('ListTenants', { first: 5 });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse((result.content as [{ text: string }])[0].text)).toEqual({
      tenants: { totalCount: 0, edges: [] },
    });
  });

  it('marks userErrors and API errors as isError, with the code', async () => {
    const userErrors = [{ field: ['input', 'brandId'], message: 'Brand not found.', code: 'NOT_FOUND' }];
    mcp = await connect(async (name) => {
      if (name === 'CreateTenant') return { createTenant: { tenant: null, userErrors } };
      throw new HostplaneApiError('Tenant not found.', [
        { message: 'Tenant not found.', code: 'NOT_FOUND', path: null },
      ]);
    }, everyRootField);
    const created = await mcp.callTool({ name: 'create_tenant', arguments: { input: { brandId: 'x' } } });
    expect(created.isError).toBe(true);
    const missing = await mcp.callTool({ name: 'get_tenant', arguments: { id: 'x' } });
    expect(missing).toMatchObject({ isError: true, content: [{ type: 'text', text: 'NOT_FOUND: Tenant not found.' }] });
  });

  it('refuses tools whose root fields the API does not allow', async () => {
    mcp = await connect(async () => ({}), ['tenants', 'tenant', 'viewer']);
    const { tools } = await mcp.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('create_tenant');
    await expect(mcp.callTool({ name: 'create_tenant', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });
});
