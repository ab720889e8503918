import { mcpTools } from '@hostplane/schema/sdk';
import { describe, expect, it } from 'vitest';
import { allowedTools, grants, requiredScope } from './scopes.js';

const names = (scopes: string[]) => allowedTools(mcpTools, scopes).map((tool) => tool.name);

describe('MCP tool scopes', () => {
  it('maps every generated tool group to a scope', () => {
    for (const tool of mcpTools) expect(() => requiredScope(tool), tool.name).not.toThrow();
  });

  it('asks read for queries and write for mutations of the group resource', () => {
    const scopeOf = (name: string) => requiredScope(mcpTools.find((tool) => tool.name === name)!);
    expect(scopeOf('list_tenants')).toBe('tenants:read');
    expect(scopeOf('create_tenant')).toBe('tenants:write');
    expect(scopeOf('create_api_key')).toBe('api_keys:write');
    expect(scopeOf('list_audit_logs')).toBe('audit_logs:read');
    expect(scopeOf('get_platform_config')).toBe('platform:read');
    expect(scopeOf('viewer')).toBeNull();
    expect(scopeOf('search')).toBeNull();
  });

  it('grants through exact scopes, resource:* and *', () => {
    expect(grants(['tenants:read'], 'tenants:read')).toBe(true);
    expect(grants(['tenants:read'], 'tenants:write')).toBe(false);
    expect(grants(['tenants:*'], 'tenants:write')).toBe(true);
    expect(grants(['brands:*'], 'tenants:read')).toBe(false);
    expect(grants(['*'], 'platform:write')).toBe(true);
  });

  it('lists every tool for * and only readable tenant tools for tenants:read', () => {
    expect(names(['*'])).toEqual(mcpTools.map((tool) => tool.name));
    const readOnly = names(['tenants:read']);
    expect(readOnly).toEqual(expect.arrayContaining(['list_tenants', 'get_tenant', 'viewer', 'search']));
    expect(readOnly).not.toContain('create_tenant');
    expect(readOnly).not.toContain('list_brands');
  });
});
