import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../webroots/generations.js';
import type { FqdnMapping } from '@hostplane/contract/webroots';
import { parseMapFile, renderMapFile } from './render.js';
import { chunkPayload, type HaproxyRuntimeClient, type RuntimeCommand } from './runtime-api.js';

/**
 * Above this many entries a change replaces the whole runtime map instead. HAProxy 2.6 finds a
 * key for `set`/`del map` by walking the map's entry list (measured: 2.4 ms per `set` in a
 * 100k-entry map), while a prepare/add/commit replacement costs ~3.7 µs per map entry: past
 * ~150 changed entries the replacement wins whatever the map's size.
 */
export const BULK_THRESHOLD = 64;

/**
 * Changes the FQDN → backend map in HAProxy's memory (runtime API, effective at once, no
 * reload) and in the map file (what a restart loads). The file is written first: a worker
 * started in between loads the new state, and a retry after a failed runtime push converges.
 */
export class MapUpdater {
  constructor(
    private readonly runtime: HaproxyRuntimeClient,
    private readonly mapFile: string,
  ) {}

  /** Sets each mapping; returns how many differed from the map file. */
  async set(entries: readonly FqdnMapping[]): Promise<{ changed: number }> {
    const map = await this.read();
    const changed = entries.filter((e) => map.get(e.fqdn) !== e.backend).length;
    for (const e of entries) map.set(e.fqdn, e.backend);
    if (changed > 0) await this.write(map);
    if (entries.length > BULK_THRESHOLD) {
      await this.replace(map);
      return { changed };
    }
    // Every entry goes to the runtime, changed or not: memory may lag the file after a crash.
    // `add map` keeps duplicates (the first wins), so `set` first and `add` only what it lacks.
    const replies = await this.runtime.execute(
      entries.map((e) => ({ line: `set map ${this.mapFile} ${e.fqdn} ${e.backend}` })),
    );
    const missing = entries.filter((_, i) => {
      const reply = replies[i]!.trim();
      if (reply === '') return false;
      if (/not found/i.test(reply)) return true;
      throw new Error(`HAProxy refused set map for ${entries[i]!.fqdn}: ${reply}`);
    });
    await this.add(missing.map((e) => `${e.fqdn} ${e.backend}`));
    return { changed };
  }

  /** Deletes the FQDNs; returns how many were in the map file. */
  async remove(fqdns: readonly string[], running: boolean): Promise<{ changed: number }> {
    const map = await this.read();
    const changed = fqdns.filter((f) => map.delete(f)).length;
    if (changed > 0) await this.write(map);
    if (!running || fqdns.length === 0) return { changed };
    if (fqdns.length > BULK_THRESHOLD) {
      await this.replace(map);
      return { changed };
    }
    const replies = await this.runtime.execute(fqdns.map((f) => ({ line: `del map ${this.mapFile} ${f}` })));
    const refused = replies.map((r) => r.trim()).filter((r) => r !== '' && !/not found/i.test(r));
    if (refused.length > 0) throw new Error(`HAProxy refused del map: ${refused[0]}`);
    return { changed };
  }

  /**
   * Replaces the whole runtime map atomically: a new map version is filled, then committed in
   * one step, so requests see the old map or the new one, never a half-filled one.
   */
  async replace(map: ReadonlyMap<string, string>): Promise<void> {
    const [prepared] = await this.runtime.execute([{ line: `prepare map ${this.mapFile}` }]);
    const version = /New version created: (\d+)/.exec(prepared ?? '')?.[1];
    if (!version) throw new Error(`HAProxy refused prepare map: ${prepared?.trim()}`);
    const lines = [...map].map(([fqdn, backend]) => `${fqdn} ${backend}`);
    const commands: RuntimeCommand[] = chunkPayload(lines).map((payload) => ({
      line: `add map @${version} ${this.mapFile}`,
      payload,
    }));
    commands.push({ line: `commit map @${version} ${this.mapFile}` });
    const replies = await this.runtime.execute(commands);
    const refused = replies.map((r) => r.trim()).filter(Boolean);
    if (refused.length > 0) throw new Error(`HAProxy refused the map replacement: ${refused[0]}`);
  }

  private async add(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    const replies = await this.runtime.execute(
      chunkPayload(lines).map((payload) => ({ line: `add map ${this.mapFile}`, payload })),
    );
    const refused = replies.map((r) => r.trim()).filter(Boolean);
    if (refused.length > 0) throw new Error(`HAProxy refused add map: ${refused[0]}`);
  }

  private async read(): Promise<Map<string, string>> {
    return parseMapFile(await readFile(this.mapFile, 'utf8').catch(() => ''));
  }

  private write(map: ReadonlyMap<string, string>): Promise<void> {
    return writeFileAtomic(this.mapFile, renderMapFile([...map].map(([fqdn, backend]) => ({ fqdn, backend }))));
  }
}
