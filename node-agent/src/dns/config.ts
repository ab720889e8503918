import { z } from 'zod';

/** The node agent's DNS settings (merged into its config schema): its own PowerDNS. */
export const DNS_ENV = {
  /**
   * `address:port` this node's PowerDNS answers queries on (UDP and TCP), e.g. `203.0.113.5:53`.
   * Unset: the node serves no DNS, and its DNS activities fail as CapabilityMissing. Never the
   * machine's pdns service: the agent runs its own, with its own config and database.
   */
  HOSTPLANE_DNS_LISTEN: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+):\d{1,5}$/, 'must be address:port ([v6]:port for IPv6)')
    .optional(),
  /** The address resolvers are told (NS glue), when it differs from the listen address (NAT). */
  HOSTPLANE_DNS_PUBLIC_ADDRESS: z.string().min(1).optional(),
  /** Loopback port of PowerDNS's HTTP API (the agent's only way to change zones). */
  HOSTPLANE_DNS_API_PORT: z.coerce.number().int().min(1).max(65_535).default(8081),
  /**
   * PowerDNS's own PostgreSQL database (`postgresql://user:pass@host:port/pdns`), never the
   * control plane's: created with the package's schema when missing. Required with HOSTPLANE_DNS_LISTEN.
   */
  HOSTPLANE_PDNS_DATABASE_URL: z.string().startsWith('postgres', 'must be a postgresql:// URL').optional(),
  /** Where pdns.conf, its API key and its log live (default: `dns/` in the agent's state folder). */
  HOSTPLANE_DNS_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
  /** The PowerDNS program (package pdns-server). */
  HOSTPLANE_PDNS_SERVER_PATH: z.string().min(1).default('/usr/sbin/pdns_server'),
  /** The gpgsql backend's schema (package pdns-backend-pgsql). */
  HOSTPLANE_PDNS_SCHEMA: z.string().min(1).default('/usr/share/pdns-backend-pgsql/schema/schema.pgsql.sql'),
};
