import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { egressAllowlistSchema, type EgressAllowlist } from './allowlist.js';

const FILE = /^(t_[a-z0-9]{10})\.json$/;

/**
 * The allowlists this node applies, one file per restricted tenant in the agent's state folder
 * (0700): the floor is re-rendered from them on every refresh and at start, so a reboot or an
 * agent restart brings every tenant's rules back before the agent takes any activity. Written
 * only after the ruleset holding them went live (floor.ts).
 */
export class AllowlistStore {
  constructor(private readonly dir: string) {}

  /** Every stored allowlist, by UID. A file that does not parse fails the read: never unrestrict silently. */
  async list(): Promise<EgressAllowlist[]> {
    const files = (await readdir(this.dir).catch(() => [] as string[])).filter((f) => FILE.test(f)).sort();
    const lists = await Promise.all(
      files.map(async (f) => egressAllowlistSchema.parse(JSON.parse(await readFile(path.join(this.dir, f), 'utf8')))),
    );
    return lists.sort((a, b) => a.uid - b.uid);
  }

  /** Stores the tenant's allowlist (atomically), or removes it when it has no rules. */
  async put(allowlist: EgressAllowlist): Promise<void> {
    if (allowlist.rules.length === 0) return this.remove(allowlist.tenant);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(allowlist.tenant);
    await writeFile(`${file}.tmp`, `${JSON.stringify(allowlist)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }

  async remove(tenant: string): Promise<void> {
    await rm(this.fileOf(tenant), { force: true });
  }

  private fileOf(tenant: string): string {
    const file = `${tenant}.json`;
    if (!FILE.test(file)) throw new Error(`not a tenant name: ${tenant}`);
    return path.join(this.dir, file);
  }
}
