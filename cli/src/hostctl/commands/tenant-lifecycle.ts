import type { Command } from 'commander';
import {
  DeleteTenantDocument,
  RetryTenantDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  type ResourceStatus,
  type TenantIdInput,
  type TenantPayloadFieldsFragment,
  type TypedDocumentNode,
} from '@hostplane/schema/sdk';
import { describeOperation } from '../results.js';
import type { Runtime } from '../runtime.js';
import { finishTenantMutation } from '../tenant-result.js';

const WATCH = ['-w, --watch', 'follow the workflow until it settles (exit 1 if it FAILED)'] as const;

/** A tenant mutation whose only input is the tenant id. */
interface IdMutation {
  command: string;
  operationName: string;
  document: TypedDocumentNode<Record<string, TenantPayloadFieldsFragment>, { input: TenantIdInput }>;
  /** Where the watched workflow should end. */
  success: readonly ResourceStatus[];
}

const ID_MUTATIONS: readonly IdMutation[] = [
  { command: 'unsuspend', operationName: 'UnsuspendTenant', document: UnsuspendTenantDocument, success: ['ACTIVE'] },
  { command: 'delete', operationName: 'DeleteTenant', document: DeleteTenantDocument, success: ['DELETED'] },
  // The retried operation may have been a create, a suspension or a delete.
  {
    command: 'retry',
    operationName: 'RetryTenant',
    document: RetryTenantDocument,
    success: ['ACTIVE', 'SUSPENDED', 'DELETED'],
  },
];

/** `tenants suspend|unsuspend|delete|retry <id>`: the async lifecycle mutations. */
export function registerTenantLifecycleCommands(tenants: Command, runtime: Runtime): void {
  tenants
    .command('suspend')
    .description(describeOperation('SuspendTenant'))
    .argument('<id>', 'tenant global id')
    .requiredOption('--reason <text>', 'why (shown to operators and the tenant)')
    .option(...WATCH)
    .action(async (id: string, options: { reason: string; watch?: boolean }) => {
      const input = { id, reason: options.reason };
      const { suspendTenant } = await runtime.client().mutate(SuspendTenantDocument, { input });
      await finishTenantMutation(runtime, suspendTenant, { watch: options.watch, success: ['SUSPENDED'] });
    });

  for (const mutation of ID_MUTATIONS) {
    tenants
      .command(mutation.command)
      .description(describeOperation(mutation.operationName))
      .argument('<id>', 'tenant global id')
      .option(...WATCH)
      .action(async (id: string, options: { watch?: boolean }) => {
        const data = await runtime.client().mutate(mutation.document, { input: { id } });
        // The payload is the one root field (`deleteTenant`, …).
        const [payload] = Object.values(data);
        if (!payload) throw new Error(`${mutation.operationName} returned no payload.`);
        await finishTenantMutation(runtime, payload, { watch: options.watch, success: mutation.success });
      });
  }
}
