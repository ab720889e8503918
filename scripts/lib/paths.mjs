// Where things live. One place, so start, test and CI agree on every folder.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is scripts/lib/paths.mjs). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `npm start`'s state (embedded PostgreSQL, Temporal SQLite, tenant homes, the node's web files):
 * HOSTPLANE_DATA_DIR when set, else `.data` in the clone. Other users must reach into it — the
 * tenants (their own UIDs) their homes, nginx's workers the web state, PostgreSQL's user its
 * cluster — so a clone under a folder they cannot pass (root's home, a private temp folder)
 * keeps it in /var/lib/hostplane/<clone>-<hash> instead, with `.data` as a link to it.
 */
export const dataDir = resolveDataDir();

/**
 * Folders of the data folder that hold only the platform's own state (pid files, service logs):
 * no one else may enter them. The PostgreSQL cluster (`postgres/`, its own user's, 0700), the
 * agent's state folder (0700, made by the agent) and Temporal's SQLite file (0600, see
 * temporal.mjs) are closed by their makers.
 */
export const PRIVATE_STATE_DIRS = ['run', 'logs'];

/**
 * Makes `dir` a data folder others may pass through but not list (0711): tenants must reach
 * their homes (`homes/`) and nginx the web state (`agent-web/`) by path, yet nothing else in it
 * is theirs to find or read. Its private folders are made (or narrowed) to 0700.
 */
export function prepareDataDirModes(dir = dataDir) {
  mkdirSync(dir, { recursive: true, mode: 0o711 });
  chmodSync(dir, 0o711);
  for (const name of PRIVATE_STATE_DIRS) {
    const sub = path.join(dir, name);
    mkdirSync(sub, { recursive: true, mode: 0o700 });
    chmodSync(sub, 0o700);
  }
}

/** True when `.data` is a link to a state folder outside the clone (see dataDir). */
export const dataDirOutsideClone = dataDir !== path.join(repoRoot, '.data');

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

function resolveDataDir() {
  if (process.env.HOSTPLANE_DATA_DIR) return path.resolve(process.env.HOSTPLANE_DATA_DIR);
  const inClone = path.join(repoRoot, '.data');
  if (process.getuid?.() !== 0 || othersCanTraverse(repoRoot)) return inClone;
  const hash = createHash('sha256').update(repoRoot).digest('hex').slice(0, 8);
  return path.join('/var/lib/hostplane', `${path.basename(repoRoot)}-${hash}`);
}

/** True when every folder from `/` down to `dir` lets other users through (o+x). */
export function othersCanTraverse(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = statSync(current, { throwIfNoEntry: false })?.mode ?? 0;
    if ((mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}
