/**
 * Pure rendering of the egress floor: one nftables table of this agent's own, matching only
 * its tenants' UIDs (`meta skuid`), with the tenants' own allowlists (allowlist.ts) after it.
 * Golden files: test-fixtures/egress.
 */
import { allowlistChains, allowlistDispatch, type EgressAllowlist } from './allowlist.js';

/** An inclusive port range (`min` = `max` for one port). */
export interface PortRange {
  min: number;
  max: number;
}

/** A remote destination tenants may never open: one port of an address, or the whole address/CIDR. */
export interface DeniedDestination {
  address: string;
  port?: number;
}

export interface EgressFloor {
  /** From egressTableName. */
  table: string;
  /** UIDs of this node's tenants (only they are filtered; everyone else passes this table). */
  tenantUids: readonly number[];
  /**
   * TCP ports of this node's own addresses any tenant may use: MariaDB (tenants' databases), the
   * web and LB ports. Every other local port — Temporal, PostgreSQL, the API, other tenants'
   * Valkey instances — is refused (apps listen on Unix sockets, not ports).
   */
  localTcpPorts: readonly PortRange[];
  /** A tenant's own Valkey instance ports on this node (`uid` may connect to `port`). */
  ownPorts: ReadonlyArray<{ uid: number; port: number }>;
  /** Remote control-plane destinations (Temporal's address, HOSTPLANE_EGRESS_DENY). */
  denied: readonly DeniedDestination[];
  /** Tenants' outbound allowlists (those without rules restrict nothing). */
  allowlists?: readonly EgressAllowlist[];
  /** The node's name servers: restricted tenants may still resolve names through them. */
  resolvers?: readonly string[];
}

const DNS_PORT = 53;

/**
 * The nft script that replaces the table in one transaction (`nft -f`): declaring the table
 * first makes the `delete` succeed when it is absent, and the kernel applies all three
 * statements or none, so no connection ever sees a half-built floor.
 *
 * Only packets of a tenant's own sockets enter the `tenant` chain (a packet without a socket —
 * the kernel's resets, a listener's SYN-ACK — never matches `meta skuid`, so it passes). There,
 * packets of connections already open (a tenant app's replies to nginx) pass; then new
 * connections to this node's own addresses (loopback and the node's IPs, `fib daddr type
 * local`) are allowed only to the listed ports and refused otherwise; then the denied remote
 * destinations are refused. Everything else — the internet —
 * is allowed, unless the tenant has an allowlist: the seed's egress model is an allowlist a
 * tenant opts into ("no rules = unrestricted"). A tenant with rules jumps from the end of the
 * `tenant` chain to a chain of its own that accepts its destinations and refuses the rest, so
 * the floor's verdicts come first and no rule reopens the control plane.
 */
export function renderEgressRuleset(floor: EgressFloor): string {
  const { table } = floor;
  const lines = [
    '# Rendered by the Hostplane node agent; replaced as a whole on every change.',
    `table inet ${table} {}`,
    `delete table inet ${table}`,
    `table inet ${table} {`,
    '  set tenants {',
    '    type uid',
    ...elements(floor.tenantUids.map(String)),
    '  }',
    '  set own_ports {',
    '    type uid . inet_service',
    ...elements(floor.ownPorts.map(({ uid, port }) => `${uid} . ${port}`)),
    '  }',
    '  chain output {',
    '    type filter hook output priority filter; policy accept;',
    '    meta skuid @tenants jump tenant',
    '  }',
    '  chain tenant {',
    '    ct state established,related accept',
    ...localRules(floor.localTcpPorts),
    ...floor.denied.flatMap(deniedRules),
    ...allowlistDispatch(floor.allowlists ?? []),
    '  }',
    ...allowlistChains(floor.allowlists ?? [], floor.resolvers ?? []),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function elements(values: readonly string[]): string[] {
  return values.length > 0 ? [`    elements = { ${[...new Set(values)].join(', ')} }`] : [];
}

function localRules(ports: readonly PortRange[]): string[] {
  const list = ports.map(({ min, max }) => (min === max ? String(min) : `${min}-${max}`));
  return [
    ...(list.length > 0 ? [`    fib daddr type local tcp dport { ${list.join(', ')} } accept`] : []),
    '    fib daddr type local meta skuid . tcp dport @own_ports accept',
    `    fib daddr type local meta l4proto { tcp, udp } th dport ${DNS_PORT} accept`,
    '    fib daddr type local meta l4proto tcp reject with tcp reset',
    '    fib daddr type local reject',
  ];
}

function deniedRules({ address, port }: DeniedDestination): string[] {
  const family = address.includes(':') ? 'ip6' : 'ip';
  const match = `${family} daddr ${address}`;
  if (port === undefined) return [`    ${match} meta l4proto tcp reject with tcp reset`, `    ${match} reject`];
  return [`    ${match} tcp dport ${port} reject with tcp reset`];
}
