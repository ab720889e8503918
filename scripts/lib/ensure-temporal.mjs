// The Temporal dev server is the `temporal` CLI, built from source with Go (no binary download is
// reachable here). The build takes minutes, so the binary lives in a per-user cache keyed by
// version that every clone on the machine — CI's too — reuses, plus a link in `.tools/`.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { toolsDir, userCacheDir } from './paths.mjs';

/** v1.6.0+ cannot be `go install`ed (its go.mod has a local `replace`); see TOOLCHAIN.md. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const cacheDir = path.join(userCacheDir, `temporal-${TEMPORAL_CLI_VERSION}`);
const cachedBinary = path.join(cacheDir, 'temporal');
const toolLink = path.join(toolsDir, 'temporal');

/** Resolves the path of a usable `temporal` binary, building it first when there is none. */
export async function ensureTemporal() {
  // `.tools/` itself on PATH would otherwise make the link point at itself.
  const found = findOnPath('temporal');
  const onPath = found && path.resolve(found) !== toolLink ? found : null;
  const binary = onPath ?? cachedBinary;
  if (!onPath && !existsSync(cachedBinary)) {
    const label = `building temporal CLI ${TEMPORAL_CLI_VERSION} with Go (first time only, ~6 min)`;
    await step(label, () => oneBuilderAtATime(buildTemporal));
  }
  linkTool(binary);
  return binary;
}

async function buildTemporal() {
  const fallbackGo = '/usr/local/go/bin/go'; // the official tarball's place, often not on PATH
  const go = findOnPath('go') ?? (existsSync(fallbackGo) ? fallbackGo : null);
  if (!go) throw new Error('The temporal CLI is missing and Go is not installed (need Go >= 1.25).');
  // Build into a private folder and rename, so a concurrent or interrupted build never leaves a
  // half-written binary where the next run would trust it.
  const staging = `${cacheDir}.build-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  try {
    await run(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: staging },
      quiet: true,
    });
    mkdirSync(cacheDir, { recursive: true });
    renameSync(path.join(staging, 'temporal'), cachedBinary);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Runs `build` unless another process is already building (a lock folder holding its pid): then
 * waits for that build instead. Two test runs or a test run and `npm start` starting together on
 * a new machine would otherwise each compile the whole CLI, side by side on the same cores.
 */
async function oneBuilderAtATime(build) {
  const lock = `${cacheDir}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    if (existsSync(cachedBinary)) return;
    try {
      mkdirSync(lock);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!builderAlive(lock)) rmSync(lock, { recursive: true, force: true }); // a killed build's
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      continue;
    }
    try {
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (!existsSync(cachedBinary)) await build();
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function builderAlive(lock) {
  let pid;
  try {
    pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Just made, its pid not written yet — or its maker died in between (then it ages).
    return Date.now() - (lstatSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function linkTool(target) {
  mkdirSync(toolsDir, { recursive: true });
  const current = lstatSync(toolLink, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && readlinkSync(toolLink) === target) return;
  if (current) unlinkSync(toolLink);
  symlinkSync(target, toolLink);
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}
