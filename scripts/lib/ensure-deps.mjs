// `npm install` only when node_modules is missing or older than the manifests, so a warm
// `npm start` costs nothing here. Uses Node built-ins only: it runs before anything is installed.
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { repoRoot } from './paths.mjs';

/** npm's own record of what is installed; npm rewrites it on every install that changes anything. */
const installedMarker = path.join(repoRoot, 'node_modules', '.package-lock.json');

export async function ensureDeps() {
  const reason = staleReason();
  if (!reason) return;
  await step(`npm install (${reason})`, () =>
    run('npm', ['install', '--no-audit', '--no-fund'], { cwd: repoRoot }),
  );
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

/** package-lock.json and every package.json of the workspaces that exist. */
function manifests() {
  const files = [path.join(repoRoot, 'package-lock.json'), path.join(repoRoot, 'package.json')];
  for (const entry of readdirSync(repoRoot, { withFileTypes: true })) {
    const manifest = path.join(repoRoot, entry.name, 'package.json');
    if (entry.isDirectory() && entry.name !== 'node_modules' && existsSync(manifest)) {
      files.push(manifest);
    }
  }
  return files.filter((file) => existsSync(file));
}
