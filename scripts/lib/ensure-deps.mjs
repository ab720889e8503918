// `npm install` only when node_modules is missing or older than the manifests, so a warm
// `npm start` costs nothing here. Uses Node built-ins only: it runs before anything is installed.
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { repoRoot } from './paths.mjs';

/** npm's own record of what is installed; npm rewrites it on every install that changes anything. */
const installedMarker = path.join(repoRoot, 'node_modules', '.package-lock.json');

export async function ensureDeps() {
  const reason = staleReason();
  if (!reason) return;
  await step(`npm install (${reason})`, () => run('npm', ['install', '--no-audit', '--no-fund'], { cwd: repoRoot }));
  // npm leaves the marker alone when a manifest changed but no dependency did; touch it so the
  // next start does not reinstall for the same edit.
  const now = new Date();
  utimesSync(installedMarker, now, now);
}

function staleReason() {
  if (!existsSync(installedMarker)) return 'node_modules missing';
  const installedAt = statSync(installedMarker).mtimeMs;
  const newer = manifests().find((file) => statSync(file).mtimeMs > installedAt);
  return newer ? `${path.relative(repoRoot, newer)} changed` : null;
}

/** package-lock.json, the root package.json and each workspace's package.json. */
function manifests() {
  const root = path.join(repoRoot, 'package.json');
  const { workspaces = [] } = JSON.parse(readFileSync(root, 'utf8'));
  return [
    path.join(repoRoot, 'package-lock.json'),
    root,
    ...workspaces.map((workspace) => path.join(repoRoot, workspace, 'package.json')),
  ].filter((file) => existsSync(file));
}
