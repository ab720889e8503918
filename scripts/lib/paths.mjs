// Where things live. One place, so start, test and CI agree on every folder.
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/lib/paths.mjs). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `npm start`'s state (embedded PostgreSQL, Temporal SQLite, tenant homes); git-ignored. */
export const dataDir = path.join(repoRoot, '.data');

/** Project-local tool links (git-ignored); `.tools/temporal` points into the per-user cache. */
export const toolsDir = path.join(repoRoot, '.tools');

/** Per-user cache shared by every clone on the machine, so CI's fresh clone skips the Go build. */
export const userCacheDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'hostplane');

/** Built entry points of the platform's processes (tsc -b output). */
export const entryPoints = {
  api: path.join(repoRoot, 'server/dist/main.js'),
  bootstrap: path.join(repoRoot, 'server/dist/bootstrap.js'),
  worker: path.join(repoRoot, 'worker/dist/main.js'),
  workerBundle: path.join(repoRoot, 'worker/dist/bundle.js'),
  nodeAgent: path.join(repoRoot, 'node-agent/dist/main.js'),
  temporalContract: path.join(repoRoot, 'server/dist/temporal/contract.js'),
};
