import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { EGRESS_ERROR_TYPES } from '@hostplane/contract/egress';
import { NonRetryableError } from '@hostplane/contract/errors';
import { listInstanceRecords } from '../valkey/instance-files.js';
import { Serial } from '../webroots/serial.js';
import { egressAllowlistSchema, type EgressAllowlist } from './allowlist.js';
import type { AllowlistStore } from './allowlist-store.js';
import { applyRuleset, liveTable, removeTable } from './apply.js';
import { listTenantUids } from './observe.js';
import { renderEgressRuleset, type DeniedDestination, type PortRange } from './render.js';

export interface EgressFloorOptions {
  nft: string;
  table: string;
  /** The agent's tenant homes: their accounts are the UIDs filtered. */
  homeRoot: string;
  localTcpPorts: readonly PortRange[];
  denied: readonly DeniedDestination[];
  /** Where the tenants' allowlists are kept. */
  allowlists: AllowlistStore;
  /** The node's remote name servers (restricted tenants may still resolve names). */
  resolvers: readonly string[];
  /** The Valkey instances' records (port and owner): each port is open to its owner alone. */
  valkeyDir?: string;
}

/** A spec the agent refuses: retrying the same input cannot help. */
const [INVALID_EGRESS_ALLOWLIST] = EGRESS_ERROR_TYPES;

/**
 * Keeps this node's egress floor (render.ts) in step with its tenants: observe the tenant
 * accounts, Valkey instances and stored allowlists, render, and replace the table when the text
 * differs or the table is gone. Safe to run at any time and repeatedly; one pass at a time.
 */
export class EgressFloorManager {
  private readonly serial = new Serial();
  private applied: string | null = null;

  constructor(private readonly options: EgressFloorOptions) {}

  /** Brings the table up to date; `changed` when it was (re)written. */
  refresh(): Promise<{ changed: boolean }> {
    return this.serial.run(async () => this.apply(await this.options.allowlists.list()));
  }

  /**
   * Makes the tenant's allowlist the one applied (no rules: the tenant is unrestricted again).
   * The whole table with it is checked by `nft -c` and applied first; only then is it stored,
   * so a refused ruleset leaves both the live table and the stored allowlists as they were.
   */
  async setAllowlist(spec: unknown): Promise<{ changed: boolean }> {
    const parsed = egressAllowlistSchema.safeParse(spec);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new NonRetryableError(INVALID_EGRESS_ALLOWLIST, `invalid egress allowlist: ${reason}`);
    }
    const allowlist = parsed.data;
    return this.serial.run(async () => {
      const uid = (await listTenantUids(this.options.homeRoot)).get(allowlist.tenant);
      if (uid !== undefined && uid !== allowlist.uid) {
        const message = `tenant ${allowlist.tenant} has UID ${uid} on this node, not ${allowlist.uid}`;
        throw new NonRetryableError(INVALID_EGRESS_ALLOWLIST, message);
      }
      const others = (await this.options.allowlists.list()).filter((a) => a.tenant !== allowlist.tenant);
      const result = await this.apply([...others, allowlist]);
      await this.options.allowlists.put(allowlist);
      return result;
    });
  }

  /** Forgets the tenant's allowlist (the tenant is deleted) and applies the table without it. */
  removeAllowlist(tenant: string): Promise<{ changed: boolean }> {
    return this.serial.run(async () => {
      await this.options.allowlists.remove(tenant);
      return this.apply(await this.options.allowlists.list());
    });
  }

  /** Renders the table with these allowlists; replaces the live one when it differs or is gone. */
  private async apply(allowlists: readonly EgressAllowlist[]): Promise<{ changed: boolean }> {
    const { nft, table, homeRoot } = this.options;
    const tenants = await listTenantUids(homeRoot);
    const valkey = await this.valkeyPorts();
    const ruleset = renderEgressRuleset({
      table,
      tenantUids: [...tenants.values()].sort((a, b) => a - b),
      ownPorts: valkey.owned,
      localTcpPorts: [...this.options.localTcpPorts, ...valkey.unowned],
      denied: this.options.denied,
      allowlists: [...allowlists].sort((a, b) => a.uid - b.uid),
      resolvers: this.options.resolvers,
    });
    if (ruleset === this.applied && (await liveTable(nft, table)) !== null) return { changed: false };
    await applyRuleset(nft, ruleset);
    this.applied = ruleset;
    return { changed: true };
  }

  /**
   * Valkey instance ports by owner. An instance recorded before owners were sent keeps the old
   * rule (any tenant of the node; its ACL password still guards it) until its next sync.
   */
  private async valkeyPorts() {
    const records = this.options.valkeyDir ? await listInstanceRecords(this.options.valkeyDir) : [];
    return {
      owned: records.flatMap((r) => (r.ownerUid !== undefined ? [{ uid: r.ownerUid, port: r.port }] : [])),
      unowned: records.flatMap((r) => (r.ownerUid === undefined ? [{ min: r.port, max: r.port }] : [])),
    };
  }

  /** Removes the table (agent shutdown: a stopped agent's tenants are no one's to police). */
  close(): Promise<void> {
    return this.serial.run(async () => {
      await removeTable(this.options.nft, this.options.table);
      this.applied = null;
    });
  }
}

/**
 * Temporal's frontend as a denied destination: its address and port when it is another host (a
 * host name is resolved once, at start). On this node the local rules refuse it already.
 */
export async function temporalDestinations(address: string, logger: Logger): Promise<DeniedDestination[]> {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (!match) return [];
  const [, host = '', port] = match;
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        (error: unknown) => {
          logger.warn({ err: error, host }, 'egress floor: cannot resolve Temporal host; not denied by address');
          return [];
        },
      );
  return addresses.map((a) => ({ address: a, port: Number(port) }));
}

/** The port of a `listen`/`bind` value (`80`, `127.0.0.1:8081`, `[::]:80`, `:80`). */
export function portOf(listen: string): number | null {
  const port = Number(/(?:^|:)(\d+)$/.exec(listen.trim())?.[1]);
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : null;
}
