import { z } from 'zod';

/** How the node agent probes and reports what its node can do (merged into its config schema). */
export const CAPABILITY_ENV = {
  /** How often the agent probes every program again and reports (also at start and on a change). */
  HOSTPLANE_CAPABILITY_REPORT_SECONDS: z.coerce.number().int().min(1).default(600),
  /** How long one program may take to print its version. */
  HOSTPLANE_CAPABILITY_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
};
