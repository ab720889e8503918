/** What the API gives webroots besides runtimes (whose versions the nodes report: runtime-offers.ts). */
export interface WebHostingSettings {
  /** Loopback ports app webroots get, unique per shard. */
  appPortRange: { min: number; max: number };
}

export const DEFAULT_WEB_HOSTING: WebHostingSettings = {
  appPortRange: { min: 20_000, max: 29_999 },
};
