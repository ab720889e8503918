import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { NonRetryableError } from '@hostplane/contract/errors';

/** Failure type of an activity input naming a file outside the agent's own folder. */
export const PATH_OUTSIDE_AGENT_FOLDER = 'PathOutsideAgentFolder';

const outside = (shown: string, root: string) =>
  new NonRetryableError(PATH_OUTSIDE_AGENT_FOLDER, `${shown} is not inside the agent's folder ${root}`);

/** The real path of `target` even where its tail does not exist yet (a file about to be written). */
async function realPathOf(target: string): Promise<string> {
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    try {
      return path.join(await realpath(existing), ...missing);
    } catch (error) {
      const parent = path.dirname(existing);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === existing) throw error;
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * `candidate` resolved for real — `..` folded and every symlink followed, the file's own
 * included — provided the result lies inside `root` (itself resolved the same way); else a
 * non-retryable PathOutsideAgentFolder. Activities get names, not paths, where they can; this
 * holds any path an input does carry to the agent's folder, so a link planted anywhere on the
 * way cannot point a root process at another file.
 */
export async function confinedPath(root: string, candidate: unknown): Promise<string> {
  if (typeof candidate !== 'string' || !path.isAbsolute(candidate)) throw outside(JSON.stringify(candidate), root);
  const realRoot = await realPathOf(path.resolve(root));
  const real = await realPathOf(path.resolve(candidate));
  if (!real.startsWith(`${realRoot}${path.sep}`)) throw outside(candidate, root);
  return real;
}

/** Every `path` field anywhere in `value` (activity arguments are plain JSON and byte arrays). */
function pathsIn(value: unknown, key = ''): unknown[] {
  if (key === 'path') return [value];
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  return Object.entries(value).flatMap(([k, v]) => pathsIn(v, Array.isArray(value) ? '' : k));
}

/**
 * Before any activity runs: every `path` its input carries must lie inside `root` (see
 * confinedPath), else it fails non-retryably without running. The agent's own activities name
 * files, not paths; this holds any that takes a path (Valkey's snapshot copies) to the folder.
 */
export function confineActivityPaths(root: string): ActivityInterceptorsFactory {
  return () => ({
    inbound: {
      async execute(input, next) {
        try {
          for (const candidate of pathsIn(input.args)) await confinedPath(root, candidate);
        } catch (error) {
          if (!(error instanceof NonRetryableError)) throw error;
          throw ApplicationFailure.create({ type: error.type, message: error.message, nonRetryable: true });
        }
        return next(input);
      },
    },
  });
}
