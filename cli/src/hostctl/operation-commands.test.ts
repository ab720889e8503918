// The command table from the generated tool list: names a reader would guess, one command per
// operation, and flags from the input fields.
import { mcpTools, type McpTool } from '@hostplane/schema/sdk';
import { describe, expect, it } from 'vitest';
import { commandPath, flagsOf, operationCommands } from './operation-commands.js';

const commands = operationCommands(mcpTools, new Set(['ApplyCluster', 'ConvergeShard']));
const pathOf = (operationName: string) =>
  commands.find((command) => command.tool.operationName === operationName)?.path.join(' ');

describe('hostctl operation commands', () => {
  it('names commands noun-then-verb, nesting a domain’s child resources', () => {
    expect(pathOf('CreateWebroot')).toBe('webroots create');
    expect(pathOf('BindFqdn')).toBe('fqdns bind');
    expect(pathOf('ListTenants')).toBe('tenants list');
    expect(pathOf('CreateDatabaseUser')).toBe('databases users create');
    expect(pathOf('RetryDatabaseAccessRule')).toBe('databases access-rules retry');
    expect(pathOf('ListValkeyInstances')).toBe('valkey instances list');
    expect(pathOf('TenantWebRuntimes')).toBe('tenants web-runtimes');
    expect(pathOf('Viewer')).toBe('viewer');
    expect(pathOf('ApplyCluster')).toBeUndefined();
  });

  it('gives every query and mutation one command of its own', () => {
    const paths = commands.map((command) => command.path.join(' '));
    expect(new Set(paths).size).toBe(paths.length);
    expect(commands).toHaveLength(mcpTools.length - 2);
    // No command is also the parent of others.
    for (const path of paths) expect(paths.some((other) => other.startsWith(`${path} `))).toBe(false);
  });

  it('offers --watch on mutations of async resources only', () => {
    const watchable = (name: string) => commands.find((command) => command.tool.operationName === name)?.watchable;
    for (const name of ['CreateWebroot', 'BindFqdn', 'SuspendTenant', 'DeleteDatabaseUser', 'RetryValkeyUser']) {
      expect(watchable(name), name).toBe(true);
    }
    for (const name of ['CreateBrand', 'RevokeApiKey', 'UpdatePlatformConfig', 'ListTenants', 'GetWebroot']) {
      expect(watchable(name), name).toBe(false);
    }
  });

  it('takes flags from the input fields, required as the schema says', () => {
    const create = commands.find((command) => command.tool.operationName === 'CreateWebroot')!;
    const runtime = create.flags.find((flag) => flag.flag === 'runtime')!;
    expect(runtime).toMatchObject({ path: ['input', 'runtime'], required: true });
    expect(runtime.schema.enum).toContain('PHP');
    expect(create.flags.find((flag) => flag.flag === 'tenant-id')).toMatchObject({ required: true });
    expect(create.flags.find((flag) => flag.flag === 'document-root')).toMatchObject({ required: false });
  });

  it('a new operation becomes a command by its tool entry alone', () => {
    const tool: McpTool = {
      name: 'create_cron_job',
      operationName: 'CreateCronJob',
      description: 'Create a cron job.',
      group: 'cron-jobs',
      readOnly: false,
      inputSchema: {
        type: 'object',
        properties: {
          input: {
            type: 'object',
            properties: { schedule: { type: 'string', description: 'When.' } },
            required: ['schedule'],
          },
        },
        required: ['input'],
      },
    };
    expect(commandPath(tool, new Set(['cron-jobs']))).toEqual(['cron-jobs', 'create']);
    expect(flagsOf(tool)).toEqual([
      {
        flag: 'schedule',
        path: ['input', 'schedule'],
        schema: tool.inputSchema.properties!.input!.properties!.schedule,
        required: true,
      },
    ]);
  });
});
