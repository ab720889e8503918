/**
 * A tenant's outbound allowlist (its egress rules, issue 10) as lines of the egress table
 * (render.ts). Pure: the spec is validated here again before any of it reaches an nft script,
 * whatever the control plane sent.
 */
import type { EgressAllowlist, EgressAllowRule } from '@hostplane/contract/egress';
import { z } from 'zod';
import { TENANT_NAME_PATTERN } from '../linux-users/tenant-user.manager.js';

export type { EgressAllowlist, EgressAllowRule } from '@hostplane/contract/egress';

const port = z.number().int().min(1).max(65_535);

/** One destination of an allowlist, as the API stored it (canonical CIDR, inclusive ports). */
export const egressAllowRuleSchema = z
  .object({
    cidr: z.union([z.cidrv4(), z.cidrv6()]),
    protocol: z.enum(['ANY', 'TCP', 'UDP']),
    portFrom: port.nullable(),
    portTo: port.nullable(),
  })
  .refine((r) => (r.portFrom === null) === (r.portTo === null) && (r.portFrom ?? 0) <= (r.portTo ?? 0), {
    message: 'a port range needs both ends, in order',
  }) satisfies z.ZodType<EgressAllowRule>;

/**
 * Every rule of one tenant: what `ensureEgressAllowlist` makes true on a node. No rules = the
 * tenant is unrestricted (only the floor applies).
 */
export const egressAllowlistSchema = z.object({
  tenant: z.string().regex(TENANT_NAME_PATTERN),
  uid: z.number().int().min(1),
  rules: z.array(egressAllowRuleSchema).max(1000),
}) satisfies z.ZodType<EgressAllowlist>;

/** The chain of a tenant's allowlist (one per restricted UID). */
export const allowlistChain = (uid: number) => `allow_${uid}`;

/**
 * The verdict map entry that sends the restricted UIDs to their chains: the last rule of the
 * floor's `tenant` chain, so what the floor decides (the control plane refused, the node's own
 * services allowed, replies passed) is decided before any allowlist is read. Nothing when no
 * tenant is restricted.
 */
export function allowlistDispatch(allowlists: readonly EgressAllowlist[]): string[] {
  const restricted = allowlists.filter((a) => a.rules.length > 0);
  if (restricted.length === 0) return [];
  const entries = restricted.map(({ uid }) => `${uid} : jump ${allowlistChain(uid)}`);
  return [`    meta skuid vmap { ${entries.join(', ')} }`];
}

/**
 * A chain per restricted tenant: its destinations accepted, name resolution through the node's
 * resolvers (a tenant that may reach `api.example.com`'s address must be able to look it up;
 * a resolver on the node itself is already open in the floor), then everything else refused
 * — TCP with a reset, so a client fails at once instead of timing out.
 */
export function allowlistChains(allowlists: readonly EgressAllowlist[], resolvers: readonly string[]): string[] {
  return allowlists
    .filter((a) => a.rules.length > 0)
    .flatMap(({ uid, rules }) => [
      `  chain ${allowlistChain(uid)} {`,
      ...resolvers.map((address) => `    ${daddr(address)} meta l4proto { tcp, udp } th dport 53 accept`),
      ...rules.map((rule) => `    ${ruleLine(rule)} accept`),
      '    meta l4proto tcp reject with tcp reset',
      '    reject',
      '  }',
    ]);
}

function daddr(cidr: string): string {
  return `${cidr.includes(':') ? 'ip6' : 'ip'} daddr ${cidr}`;
}

function ruleLine({ cidr, protocol, portFrom, portTo }: EgressAllowRule): string {
  const to = daddr(cidr);
  if (portFrom === null || portTo === null)
    return protocol === 'ANY' ? to : `${to} meta l4proto ${protocol.toLowerCase()}`;
  const ports = portFrom === portTo ? String(portFrom) : `${portFrom}-${portTo}`;
  if (protocol === 'ANY') return `${to} meta l4proto { tcp, udp } th dport ${ports}`;
  return `${to} ${protocol.toLowerCase()} dport ${ports}`;
}
