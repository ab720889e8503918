// The Next.js control panel (web/), for `npm start`, the UI tests and the benchmarks: built with
// `next build` when missing or older than its sources, served with `next start`. The panel
// forwards /graphql (HTTP and WebSocket) to HOSTING_API_URL at run time (web/src/proxy.ts), so
// one build serves any API port.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { repoRoot } from './paths.mjs';
import { freePort } from './ports.mjs';

export const webDir = path.join(repoRoot, 'web');
const buildIdFile = path.join(webDir, '.next', 'BUILD_ID');
const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
/** What a build depends on besides web/src: its config, and the schema types it imports. */
const inputs = [
  'web/package.json',
  'web/next.config.mjs',
  'web/tsconfig.json',
  'package-lock.json',
  'schema/src/sdk/generated/schema-types.ts',
].map((file) => path.join(repoRoot, file));

const webEnv = (extra = {}) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra });

/** Why the panel needs a build (a short reason), or null when `.next` is current. */
export function webBuildStale() {
  if (!existsSync(buildIdFile)) return 'not built yet';
  const builtAt = statSync(buildIdFile).mtimeMs;
  const newer = [...inputs, ...filesUnder(path.join(webDir, 'src'))].find(
    (file) => existsSync(file) && statSync(file).mtimeMs > builtAt,
  );
  return newer ? `${path.relative(repoRoot, newer)} changed` : null;
}

/** `next build` when stale; output only on failure. */
export async function buildWeb() {
  const reason = webBuildStale();
  if (!reason) return;
  await step(`next build (${reason})`, () =>
    run(process.execPath, [nextBin, 'build'], { cwd: webDir, env: webEnv(), quiet: true }),
  );
}

/**
 * Starts `next start` as service `name` of `group`, talking to the API at `apiUrl`; resolves
 * with the panel's URL once Next reports it is ready. `port` 0 (default) picks a free one.
 */
export async function startWeb(group, { apiUrl, port = 0, host = '127.0.0.1', name = 'web' }) {
  if (!existsSync(buildIdFile)) throw new Error('web/.next is missing: build the panel first (buildWeb).');
  const listenPort = port || (await freePort(host));
  await group.start(name, process.execPath, [nextBin, 'start', '--port', String(listenPort), '--hostname', host], {
    cwd: webDir,
    env: webEnv({ HOSTING_API_URL: apiUrl }),
    readyLine: /Ready in/,
    layer: 2, // stopped before the API it talks to
  });
  return `http://${host}:${listenPort}`;
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
