import { webrootOf, type ConfigGenerations } from './generations.js';

/** How one service validates and activates a generation of its config folder. */
export interface GenerationHooks {
  /** Runs the service's checker on a candidate that includes `dir`; null = valid, else its message. */
  test(dir: string): Promise<string | null>;
  /** The file name the checker's message blames, if it names one of this folder's files. */
  blame(message: string): string | null;
  /** Makes the now-live generation effective (reload, or start when not running). */
  activate(): Promise<void>;
}

/** A config the service's own checker refused; `message` is the checker's, cleaned up. */
export class ConfigRejectedError extends Error {
  override readonly name = 'ConfigRejectedError';
}

export interface GenerationOutcome {
  /** Files written or (null) deleted that went live. */
  applied: Map<string, string | null>;
  /** Files the checker blamed, with its message; their previous version (if any) stayed live. */
  rejected: Map<string, string>;
}

/**
 * Stages `changes` on top of the live generation, validates, switches, activates — the one path
 * by which nginx sites and php-fpm pools change. With `isolate`, a file the checker blames is
 * put back to its live version (or left out) and the rest is validated again, so one bad
 * webroot cannot hold back the others; without it, any failure rejects the whole change. A
 * failed activation switches the previous generation back before rethrowing.
 */
export async function applyGeneration(
  generations: ConfigGenerations,
  live: ReadonlyMap<string, string>,
  changes: ReadonlyMap<string, string | null>,
  hooks: GenerationHooks,
  isolate: boolean,
): Promise<GenerationOutcome> {
  const staged = await generations.stage(changes);
  const applied = new Map(changes);
  const rejected = new Map<string, string>();
  try {
    for (let attempt = 0; ; attempt++) {
      const message = await hooks.test(staged.dir);
      if (message === null) break;
      const file = hooks.blame(message);
      const blamedBefore = file !== null && rejected.has(file);
      const isolable = file !== null && (applied.has(file) || blamedBefore);
      if (!isolate || !isolable || attempt > changes.size) throw new ConfigRejectedError(message);
      if (!blamedBefore) rejected.set(file, message);
      const previous = live.get(file);
      if (previous !== undefined && !blamedBefore) {
        applied.delete(file); // keep the version that is live now
        await staged.set(file, previous);
      } else {
        // A new file, or one whose live version no longer passes either: leave it out.
        if (previous !== undefined) applied.set(file, null);
        else applied.delete(file);
        await staged.set(file, null);
      }
    }
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
  try {
    await hooks.activate();
  } catch (error) {
    await staged.rollback();
    throw error;
  }
  await generations.collectGarbage();
  return { applied, rejected };
}

/** An outcome of per-webroot files by webroot name: what was written, removed and refused. */
export function byWebroot(outcome: GenerationOutcome) {
  const result = {
    written: [] as string[],
    removed: [] as string[],
    rejected: new Map<string, string>(),
  };
  for (const [file, content] of outcome.applied) {
    (content === null ? result.removed : result.written).push(webrootOf(file));
  }
  for (const [file, message] of outcome.rejected) result.rejected.set(webrootOf(file), message);
  return result;
}
