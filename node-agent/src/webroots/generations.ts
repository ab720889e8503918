import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A folder of config files (nginx sites, php-fpm pools, supervisord programs) that changes as a
 * whole. `linkPath` is a symlink to a generation folder beside it; a new generation is built
 * next to the live one (unchanged files hard-linked), checked by the service's own validator
 * through a candidate main config, and switched in with one rename of the symlink — so the
 * service never reads a half-written or unvalidated set, and rolling back is one rename too.
 */
export class ConfigGenerations {
  private readonly parent: string;
  private readonly base: string;

  /**
   * `fileMode`: 0o600 for files that carry a tenant's environment (pools, app programs hold its
   * secrets): only the root-run daemon reads them, never another tenant passing by.
   */
  constructor(
    readonly linkPath: string,
    readonly fileMode = 0o644,
  ) {
    this.parent = path.dirname(linkPath);
    this.base = path.basename(linkPath);
  }

  /** The live folder: the symlink's target, a plain folder left at `linkPath`, or null. */
  async liveDir(): Promise<string | null> {
    const info = await lstat(this.linkPath).catch(() => null);
    if (!info) return null;
    if (!info.isSymbolicLink()) return info.isDirectory() ? this.linkPath : null;
    const target = path.resolve(this.parent, await readlink(this.linkPath));
    return (await lstat(target).catch(() => null))?.isDirectory() ? target : null;
  }

  /** Live files whose names match `pattern`, with their content. */
  async readLive(pattern: RegExp): Promise<Map<string, string>> {
    const dir = await this.liveDir();
    const files = new Map<string, string>();
    if (!dir) return files;
    for (const name of await readdir(dir)) {
      if (pattern.test(name)) files.set(name, await readFile(path.join(dir, name), 'utf8'));
    }
    return files;
  }

  /** A new generation folder: the live files (hard links) with `changes` applied (null = delete). */
  async stage(changes: ReadonlyMap<string, string | null>): Promise<StagedGeneration> {
    await mkdir(this.parent, { recursive: true, mode: 0o755 });
    const dir = path.join(this.parent, `.${this.base}.${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { mode: 0o755 });
    const live = await this.liveDir();
    for (const name of live ? await readdir(live) : []) {
      if (changes.has(name)) continue;
      await link(path.join(live!, name), path.join(dir, name));
    }
    const staged = new StagedGeneration(this, dir, live);
    for (const [name, content] of changes) await staged.set(name, content);
    return staged;
  }

  /** Points the symlink at `dir` (atomic rename). A plain folder in the way is moved aside first. */
  async switchTo(dir: string): Promise<void> {
    const info = await lstat(this.linkPath).catch(() => null);
    if (info && !info.isSymbolicLink()) {
      await rename(this.linkPath, `${dir}.replaced`); // a hand-made folder: keep, out of the way
    }
    const tmp = path.join(this.parent, `.${this.base}.link-${randomBytes(4).toString('hex')}`);
    await symlink(path.basename(dir), tmp);
    await rename(tmp, this.linkPath);
  }

  /** Deletes generation folders other than the live one (left by earlier passes or crashes). */
  async collectGarbage(): Promise<void> {
    const live = await this.liveDir();
    const prefix = `.${this.base}.`;
    for (const name of await readdir(this.parent).catch(() => [] as string[])) {
      const full = path.join(this.parent, name);
      if (name.startsWith(prefix) && full !== live) await rm(full, { recursive: true, force: true });
    }
  }
}

/** A candidate generation: edit it, validate it from outside, then commit or discard it. */
export class StagedGeneration {
  constructor(
    private readonly owner: ConfigGenerations,
    /** The candidate folder, for the validator's candidate main config to include. */
    readonly dir: string,
    /** The folder live before this generation (null: none), for rollback. */
    readonly previous: string | null,
  ) {}

  /** Writes (or with null deletes) one file of the candidate. */
  async set(name: string, content: string | null): Promise<void> {
    const file = path.join(this.dir, name);
    // A hard-linked file is shared with the live generation: unlink it, never write through it.
    await rm(file, { force: true });
    if (content !== null) await writeFile(file, content, { mode: this.owner.fileMode });
  }

  /** Makes the candidate live. */
  async commit(): Promise<void> {
    await this.owner.switchTo(this.dir);
  }

  /** Makes the previous generation live again (after a commit whose reload failed). */
  async rollback(): Promise<void> {
    if (this.previous && this.previous !== this.owner.linkPath) await this.owner.switchTo(this.previous);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Drops an uncommitted candidate. */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Writes a file by rename from a temp file beside it, so readers see the old or the new file. */
export async function writeFileAtomic(file: string, content: string, mode = 0o644): Promise<void> {
  const tmp = `${file}.tmp-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, file);
}

/** Which live files a pass may delete: all but `keep` (convergence), or only `remove`. */
export type ChangeScope = { prune: true; keep: ReadonlySet<string> } | { prune: false; remove: ReadonlySet<string> };

/** The writes and deletions that turn `live` into `desired` within `scope`; empty = nothing to do. */
export function planChanges(
  live: ReadonlyMap<string, string>,
  desired: ReadonlyMap<string, string>,
  scope: ChangeScope,
): Map<string, string | null> {
  const changes = new Map<string, string | null>();
  for (const [name, content] of desired) if (live.get(name) !== content) changes.set(name, content);
  for (const name of live.keys()) {
    if (desired.has(name)) continue;
    const drop = scope.prune ? !scope.keep.has(name) : scope.remove.has(name);
    if (drop) changes.set(name, null);
  }
  return changes;
}

/** Per-webroot config files in a generation folder: `<webroot>.conf`. */
export const WEBROOT_FILE = /^web_[a-z0-9]{10}\.conf$/;
export const webrootFile = (webroot: string) => `${webroot}.conf`;
export const webrootOf = (file: string) => file.replace(/\.conf$/, '');

/**
 * Reads the live per-webroot files of `generations` and plans the changes toward `desired`;
 * `desired` and `scope` are keyed by webroot name, the result by file name.
 */
export async function planWebrootFiles(
  generations: ConfigGenerations,
  desired: ReadonlyMap<string, string>,
  scope: ChangeScope,
): Promise<{ live: Map<string, string>; changes: Map<string, string | null> }> {
  const live = await generations.readLive(WEBROOT_FILE);
  const files = (names: ReadonlySet<string>) => new Set([...names].map(webrootFile));
  const fileScope: ChangeScope = scope.prune
    ? { prune: true, keep: files(scope.keep) }
    : { prune: false, remove: files(scope.remove) };
  const wanted = new Map([...desired].map(([name, text]) => [webrootFile(name), text]));
  return { live, changes: planChanges(live, wanted, fileScope) };
}
