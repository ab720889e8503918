import { z } from 'zod';

/** The node agent's egress settings (merged into its config schema). */
export const EGRESS_ENV = {
  /**
   * Comma-separated addresses or CIDRs tenants may never connect to, on top of this node's own
   * addresses (always closed but for the ports tenants use): the control plane's hosts when they
   * are not this node (PostgreSQL, the API, Temporal's other frontends). Temporal's address from
   * TEMPORAL_ADDRESS is added by the agent itself.
   */
  HOSTPLANE_EGRESS_DENY: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()]))),
  /** The nft program (package nftables). */
  HOSTPLANE_NFT_PATH: z.string().min(1).default('nft'),
};
