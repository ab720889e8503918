import { InvalidArgumentError, type Command } from 'commander';
import {
  CreateTenantDocument,
  GetTenantDocument,
  ListTenantsDocument,
  type ResourceStatus,
} from '@hostplane/schema/sdk';
import { RESOURCE_STATUSES } from '../enums.js';
import { formatEvent, printJson, printTable, printTenant, tenantColumns } from '../output.js';
import { describeOperation } from '../results.js';
import type { Runtime } from '../runtime.js';
import { finishTenantMutation } from '../tenant-result.js';
import { registerTenantLifecycleCommands } from './tenant-lifecycle.js';

function parseStatuses(value: string): ResourceStatus[] {
  const statuses = value.split(',').map((status) => status.trim().toUpperCase());
  const unknown = statuses.filter((status) => !(RESOURCE_STATUSES as string[]).includes(status));
  if (unknown.length)
    throw new InvalidArgumentError(`expected ${RESOURCE_STATUSES.join(', ')}; got ${unknown.join(', ')}.`);
  return statuses as ResourceStatus[];
}

function parsePageSize(value: string): number {
  const first = Number(value);
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new InvalidArgumentError('expected 1 to 100.');
  return first;
}

interface ListOptions {
  status?: ResourceStatus[];
  search?: string;
  brand?: string;
  first?: number;
  after?: string;
}

interface CreateOptions {
  brand: string;
  shard?: string;
  displayName?: string;
  idempotencyKey?: string;
  watch?: boolean;
}

/** `hostctl tenants …`: list, get and create here; lifecycle mutations in tenant-lifecycle.ts. */
export function registerTenantCommands(program: Command, runtime: Runtime): void {
  const tenants = program
    .command('tenants')
    .description('Customer accounts (a Linux user on every node of a web shard).');

  tenants
    .command('list')
    .description(describeOperation('ListTenants'))
    .option('--status <statuses>', 'only these statuses, comma-separated (e.g. ACTIVE,FAILED)', parseStatuses)
    .option('--search <text>', 'substring of the name or display name')
    .option('--brand <id>', 'only this brand (global id)')
    .option('--first <n>', 'page size, 1 to 100', parsePageSize)
    .option('--after <cursor>', 'the page after this cursor')
    .action(async (options: ListOptions) => {
      const filter = { status: options.status, search: options.search, brandId: options.brand };
      const { tenants: page } = await runtime
        .client()
        .query(ListTenantsDocument, { first: options.first, after: options.after, filter });
      const rows = page.edges.map((edge) => edge.node);
      if (runtime.output === 'json')
        return printJson({ totalCount: page.totalCount, pageInfo: page.pageInfo, tenants: rows });
      printTable(rows, tenantColumns, 'no tenants');
      if (page.pageInfo.hasNextPage)
        process.stderr.write(`${rows.length} of ${page.totalCount}; next page: --after ${page.pageInfo.endCursor}\n`);
    });

  tenants
    .command('get')
    .description(describeOperation('GetTenant'))
    .argument('<id>', 'tenant global id')
    .action(async (id: string) => {
      const { tenant } = await runtime.client().query(GetTenantDocument, { id, lastEvents: 10 });
      if (runtime.output === 'json') return printJson(tenant);
      printTenant(tenant, 'table');
      // Newest first from the API; oldest first reads as a log.
      const history = [...tenant.events].reverse().map((event) => `  ${formatEvent(event)}`);
      if (history.length) process.stdout.write(`recent events:\n${history.join('\n')}\n`);
    });

  tenants
    .command('create')
    .description(describeOperation('CreateTenant'))
    .requiredOption('--brand <id>', 'brand global id')
    .option('--shard <id>', 'web shard global id (default: the least-loaded web shard)')
    .option('--display-name <label>', 'free-form label')
    .option('--idempotency-key <key>', 'repeating a create with the same key returns the first tenant')
    .option('-w, --watch', 'follow the workflow until the tenant is ACTIVE (exit 1 if it FAILED)')
    .action(async (options: CreateOptions) => {
      const input = {
        brandId: options.brand,
        shardId: options.shard,
        displayName: options.displayName,
        idempotencyKey: options.idempotencyKey,
      };
      const { createTenant } = await runtime.client().mutate(CreateTenantDocument, { input });
      await finishTenantMutation(runtime, createTenant, { watch: options.watch, success: ['ACTIVE'] });
    });

  registerTenantLifecycleCommands(tenants, runtime);
}
