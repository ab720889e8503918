// Integration: the built stdio MCP server (cli/dist/mcp/main.js) against the running platform
// that the root vitest globalSetup starts (`getPlatform()`).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateApiKeyDocument, createHostplaneClient, GetBrandDocument, mcpTools } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';

const MAIN = fileURLToPath(new URL('../../dist/mcp/main.js', import.meta.url));
const platform = getPlatform();
const envFor = (apiKey: string) => ({
  ...getDefaultEnvironment(),
  HOSTING_API_KEY: apiKey,
  HOSTING_API_URL: platform.apiUrl,
});

/** The MCP server as an MCP host runs it: a child process on stdio. cwd has no .env. */
async function connect(apiKey: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN],
    env: envFor(apiKey),
    cwd: tmpdir(),
  });
  const client = new Client({ name: 'hostplane-mcp-test', version: '0' });
  await client.connect(transport);
  return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text: string }[])[0]!.text;
}

describe('hostplane-mcp (stdio)', () => {
  const clients: Client[] = [];
  let readOnlyKey: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build).`);
    const sdk = createHostplaneClient({ url: platform.apiUrl, apiKey: platform.adminKey });
    const { createApiKey } = await sdk.mutate(CreateApiKeyDocument, {
      input: { name: `mcp-read-${randomUUID().slice(0, 8)}`, scopes: ['tenants:read'], brandIds: ['*'] },
    });
    expect(createApiKey.userErrors).toEqual([]);
    readOnlyKey = createApiKey.secret!;
    await sdk.close();
  });
  afterAll(async () => Promise.all(clients.map((client) => client.close())));

  it('lists every tool for the admin key and answers viewer and list_tenants', async () => {
    const client = await connect(platform.adminKey);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(mcpTools.map((tool) => tool.name));
    expect(tools.find((tool) => tool.name === 'create_tenant')!.inputSchema.required).toEqual(['input']);

    const viewer = await client.callTool({ name: 'viewer', arguments: {} });
    expect(viewer.isError).toBeFalsy();
    expect(JSON.parse(textOf(viewer)).viewer).toMatchObject({ isPlatformAdmin: true, scopes: ['*'] });

    const list = await client.callTool({ name: 'list_tenants', arguments: { first: 5 } });
    expect(list.isError).toBeFalsy();
    expect(JSON.parse(textOf(list)).tenants.totalCount).toEqual(expect.any(Number));
  });

  it('lists only what the API lets a tenants:read key call: no mutation at all', async () => {
    const client = await connect(readOnlyKey);
    clients.push(client);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_tenants', 'get_tenant', 'viewer']));
    const mutations = mcpTools.filter((tool) => !tool.readOnly).map((tool) => tool.name);
    expect(mutations).toContain('create_tenant');
    expect(names.filter((name) => mutations.includes(name))).toEqual([]);
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    // Queries of other scopes are gone too; open ones (search, node) stay.
    expect(names).not.toContain('list_brands');
    expect(names).not.toContain('list_databases');
    expect(names).not.toContain('list_regions');
    expect(names).toEqual(expect.arrayContaining(['search', 'get_node']));
    const list = await client.callTool({ name: 'list_tenants', arguments: {} });
    expect(list.isError).toBeFalsy();
    const search = await client.callTool({ name: 'search', arguments: { query: 'nothing-matches-this' } });
    expect(search.isError, textOf(search)).toBeFalsy();
  });

  it('runs a mutation against the API: a brand created over MCP is there; bad input comes back as isError with its userErrors', async () => {
    const client = await connect(platform.adminKey);
    clients.push(client);
    const name = `mcp-${randomUUID().slice(0, 8)}`;
    const input = {
      name,
      baseHostname: `${name}.test`,
      nsHostnames: [`ns1.${name}.test`, `ns2.${name}.test`],
      hostmasterEmail: `hostmaster@${name}.test`,
    };
    const created = await client.callTool({ name: 'create_brand', arguments: { input } });
    expect(created.isError, textOf(created)).toBeFalsy();
    const { createBrand } = JSON.parse(textOf(created));
    expect(createBrand).toMatchObject({ userErrors: [], brand: { name, baseHostname: `${name}.test` } });

    const sdk = createHostplaneClient({ url: platform.apiUrl, apiKey: platform.adminKey });
    const { brand } = await sdk.query(GetBrandDocument, { id: createBrand.brand.id });
    expect(brand).toMatchObject({ name, nsHostnames: input.nsHostnames });

    const updated = await client.callTool({
      name: 'update_brand',
      arguments: { input: { id: brand.id, hostmasterEmail: `admin@${name}.test` } },
    });
    expect(JSON.parse(textOf(updated)).updateBrand).toMatchObject({ userErrors: [] });
    expect((await sdk.query(GetBrandDocument, { id: brand.id })).brand.hostmasterEmail).toBe(`admin@${name}.test`);
    await sdk.close();

    const refused = await client.callTool({
      name: 'create_brand',
      arguments: { input: { ...input, name: 'Bad Name' } },
    });
    // Refused input is an error to the model, with the payload's userErrors as its text.
    expect(refused.isError).toBe(true);
    expect(JSON.parse(textOf(refused)).createBrand.userErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: ['input', 'name'] })]),
    );
  });

  it('returns API errors as isError content with their code', async () => {
    const client = await connect(platform.adminKey);
    clients.push(client);
    const result = await client.callTool({ name: 'get_tenant', arguments: { id: 'not-a-global-id' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/NOT_FOUND/);
  });

  it('exits with a clear error for a bad key', async () => {
    const run = promisify(execFile)(process.execPath, [MAIN], { env: envFor('hp_not_a_real_key'), cwd: tmpdir() });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/refused HOSTING_API_KEY.*UNAUTHENTICATED/),
    });
  });
});
