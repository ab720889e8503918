// What a node can do, as the node agent reports it and the control plane stores and shows it.
// Plain data only (no Node built-ins): safe in the workflow bundle and in the API.
import { CONTROL_TASK_QUEUE } from './task-queues.js';

/** The one failure type of an activity whose node lacks a program it needs (non-retryable). */
export const CAPABILITY_MISSING = 'CapabilityMissing' as const;

/** One program the node agent is configured to use, as found on the node. */
export interface CapabilityReport {
  /** `nginx`, `php-fpm 8.2`, `node 20`, `python 3.11`, `ruby 3.1`, `redis-server`, … */
  name: string;
  available: boolean;
  /** The program's own version (`1.22.1`), null when missing or when it does not say. */
  version: string | null;
  /** The path the agent tried (its configuration), or what it found on PATH for a bare name. */
  path: string;
  /** The Debian package that provides it. */
  package: string;
  /** Why it is not available (`/usr/sbin/nginx not found`); null when it is. */
  reason: string | null;
}

/** Everything one node agent found, at one moment. */
export interface NodeCapabilitiesReport {
  nodeId: string;
  /** ISO time of the probe: the control plane keeps only the newest report. */
  reportedAt: string;
  capabilities: CapabilityReport[];
}

/** The queue a node agent reports on: the control plane's own (./task-queues.ts). */
export const CAPABILITY_REPORT_TASK_QUEUE = CONTROL_TASK_QUEUE;

/** The workflow a node agent starts on that queue with its report. */
export const REPORT_NODE_CAPABILITIES_WORKFLOW = 'reportNodeCapabilitiesWorkflow';

/** One report workflow per node at a time: a newer report replaces a running one. */
export const nodeCapabilitiesWorkflowId = (nodeId: string): string => `node-capabilities-${nodeId}`;

/** Runtimes whose versions come from capabilities, and the capability name prefix of each. */
export const RUNTIME_CAPABILITY_PREFIXES = { PHP: 'php-fpm', NODE: 'node', PYTHON: 'python', RUBY: 'ruby' } as const;
export type VersionedRuntime = keyof typeof RUNTIME_CAPABILITY_PREFIXES;

/** The capability name of one runtime version (`php-fpm 8.2`, `python 3.11`). */
export const runtimeCapabilityName = (runtime: VersionedRuntime, version: string): string =>
  `${RUNTIME_CAPABILITY_PREFIXES[runtime]} ${version}`;

/** The runtime versions among `capabilities` that are available: `{ PHP: ['8.2'], NODE: ['20'], … }`. */
export function availableRuntimeVersions(
  capabilities: readonly CapabilityReport[],
): Record<VersionedRuntime, string[]> {
  const result: Record<VersionedRuntime, string[]> = { PHP: [], NODE: [], PYTHON: [], RUBY: [] };
  for (const capability of capabilities) {
    if (!capability.available) continue;
    for (const [runtime, prefix] of Object.entries(RUNTIME_CAPABILITY_PREFIXES)) {
      const match = new RegExp(`^${prefix} ([0-9.]+)$`).exec(capability.name);
      if (match) result[runtime as VersionedRuntime].push(match[1]!);
    }
  }
  return result;
}
