import { daemonIssues, type DaemonSpec } from '@hostplane/contract/daemons';
import { userError, type CreateDaemonInput, type UpdateDaemonInput, type UserError } from '@hostplane/schema';

/** The settings columns a create or update writes, every one checked. */
export interface DaemonFields {
  command: string[];
  processes: number;
  restart: DaemonSpec['restart'];
  stopSignal: DaemonSpec['stopSignal'];
  stopWaitSeconds: number;
  proxyPath: string | null;
  enabled: boolean;
}

export const DAEMON_DEFAULTS = {
  processes: 1,
  restart: 'ALWAYS',
  stopSignal: 'TERM',
  stopWaitSeconds: 10,
  proxyPath: null,
  enabled: true,
} as const;

/**
 * The daemon's columns after `input` (the stored ones under what it omits), or every problem,
 * each at its input field, checked by the same rules the node agent applies before rendering
 * (`@hostplane/contract/daemons`): nothing is written for a bad name, command, count or path.
 */
export function daemonFieldsOf(
  name: string,
  input: CreateDaemonInput | UpdateDaemonInput,
  current: DaemonFields,
): { fields: DaemonFields } | { userErrors: UserError[] } {
  // An empty string removes the proxy path on update.
  const proxyPath = input.proxyPath === '' ? null : (input.proxyPath ?? current.proxyPath);
  const fields: DaemonFields = {
    command: input.command ?? current.command,
    processes: input.processes ?? current.processes,
    restart: input.restart ?? current.restart,
    stopSignal: input.stopSignal ?? current.stopSignal,
    stopWaitSeconds: input.stopWaitSeconds ?? current.stopWaitSeconds,
    proxyPath,
    enabled: input.enabled ?? current.enabled,
  };
  const { enabled: _enabled, proxyPath: path, ...spec } = fields;
  const issues = daemonIssues({ name, ...spec, ...(path !== null ? { proxyPath: path } : {}) });
  if (issues.length > 0) return { userErrors: issues.map((i) => userError(i.field, `${i.field} ${i.message}.`)) };
  return { fields };
}
