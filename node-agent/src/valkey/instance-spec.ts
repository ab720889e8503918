// Pure: the checks an instance spec must pass before anything on the node changes.
import { validateValkeyUsers as validateUsers } from '@hostplane/contract/data-stores/validate';
import {
  EVICTION_POLICIES,
  VALKEY_INSTANCE_NAME_PATTERN,
  ValkeyError,
  type ValkeyInstanceSpec,
} from '@hostplane/contract/data-stores';
import type { InstanceRecord } from './instance-files.js';

/** What the node can give: its port range (inclusive) and memory allowance. */
export interface NodeLimits {
  /** Ports instances may use, inclusive. */
  portRange: { min: number; max: number };
  /** The sum of all instances' maxMemoryMb may not exceed this. */
  memoryAllowanceMb: number;
}

function invalid(message: string): ValkeyError {
  return new ValkeyError('InvalidValkeySpec', message);
}

/** Refuses anything but a tenant instance name before a path or program is built from it. */
export function assertInstanceName(name: string): void {
  if (!VALKEY_INSTANCE_NAME_PATTERN.test(name)) throw invalid(`invalid Valkey instance name "${name}"`);
}

/**
 * Validates `spec` and checks it against the node's other instances (`others`): a port of its
 * own inside the range, and room in the memory allowance. Returns the record to keep.
 */
export function checkInstanceSpec(
  spec: ValkeyInstanceSpec,
  others: InstanceRecord[],
  { portRange, memoryAllowanceMb }: NodeLimits,
): InstanceRecord {
  const { name, port, maxMemoryMb, evictionPolicy } = spec;
  assertInstanceName(name);
  if (!Number.isInteger(port) || port < portRange.min || port > portRange.max) {
    throw invalid(`port ${port} is outside ${portRange.min}..${portRange.max}`);
  }
  if (!Number.isInteger(maxMemoryMb) || maxMemoryMb < 1) throw invalid(`invalid maxMemoryMb ${maxMemoryMb}`);
  if (!EVICTION_POLICIES.includes(evictionPolicy)) {
    throw invalid(`unknown eviction policy "${String(evictionPolicy)}"`);
  }
  validateUsers(name, spec.users);
  const { ownerUid } = spec;
  if (ownerUid !== undefined && (!Number.isInteger(ownerUid) || ownerUid < 1)) {
    throw invalid(`invalid ownerUid ${ownerUid}`);
  }
  const rest = others.filter((r) => r.name !== name);
  const holder = rest.find((r) => r.port === port);
  if (holder) throw new ValkeyError('ValkeyPortConflict', `port ${port} is used by ${holder.name}`);
  const used = rest.reduce((sum, r) => sum + r.maxMemoryMb, 0);
  if (used + maxMemoryMb > memoryAllowanceMb) {
    const left = memoryAllowanceMb - used;
    const message = `${name} needs ${maxMemoryMb} MB; this node has ${left} of ${memoryAllowanceMb} MB left`;
    throw new ValkeyError('ValkeyMemoryAllowanceExceeded', message);
  }
  return { name, port, maxMemoryMb, evictionPolicy, ...(ownerUid !== undefined ? { ownerUid } : {}) };
}
