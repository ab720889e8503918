// The Debian packages the platform runs (infra/debian-packages.txt, the only list): `npm start`
// and `npm test` call ensureSystemPackages() before anything else is built. As root on Debian the
// missing ones are installed with one `apt-get update` and one `apt-get install`; anywhere else
// they are named with the command that installs them, and the run carries on with what can run
// (a node agent reports what it lacks instead of crashing). Node built-ins only: this runs before
// `npm install`.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './exec.mjs';
import { info, step, warn } from './log.mjs';
import { repoRoot } from './paths.mjs';

export const packageListFile = path.join(repoRoot, 'infra', 'debian-packages.txt');

/**
 * The list's rows: `{ name, purpose: 'node' | 'test', why }`.
 * @returns {{ name: string, purpose: string, why: string }[]}
 */
export function readPackageList(file = packageListFile) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, purpose, ...why] = line.split(/\s+/);
      if (!name || !['node', 'test'].includes(purpose)) {
        throw new Error(`${path.relative(repoRoot, file)}: "${line}" is not "package node|test why…"`);
      }
      return { name, purpose, why: why.join(' ') };
    });
}

/** Names of `names` that dpkg does not list as installed (all of them when there is no dpkg). */
export async function missingPackages(names) {
  if (!existsSync('/usr/bin/dpkg-query')) return names;
  const stdout = await new Promise((resolve) =>
    // Exit status 1 just means some name is unknown to dpkg: the output still lists the others.
    execFile('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...names], (_error, out) =>
      resolve(out ?? ''),
    ),
  );
  const installed = new Set(
    stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, status]) => status?.startsWith('ii'))
      .map(([name]) => name.split(':')[0]),
  );
  return names.filter((name) => !installed.has(name));
}

/**
 * Installs (or names) the packages `purposes` need: `['node']` for `npm start`, `['node', 'test']`
 * for `npm test` (`file`: another list, for tests). Resolves with the names still missing
 * afterwards (empty when all are there).
 */
export async function ensureSystemPackages(purposes, { file = packageListFile } = {}) {
  const wanted = readPackageList(file).filter((row) => purposes.includes(row.purpose));
  const missing = await missingPackages(wanted.map((row) => row.name));
  if (missing.length === 0) return [];
  const rows = wanted.filter((row) => missing.includes(row.name));
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    const why = process.getuid?.() === 0 ? 'this is not a Debian system (no apt-get)' : 'not running as root';
    warn(
      `missing Debian packages (${why}); features that need them stay unavailable:\n` +
        rows.map((row) => `    ${row.name.padEnd(16)} ${row.why}`).join('\n') +
        `\n  install them with:\n    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
    return missing;
  }
  info(
    `installing the Debian packages the platform needs (${path.relative(repoRoot, packageListFile)}):\n` +
      rows.map((row) => `    ${row.name.padEnd(16)} ${row.why}`).join('\n'),
  );
  // Quiet: apt's output is shown only when it fails.
  const aptGet = (args) =>
    run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, quiet: true });
  await step('apt-get update', () => aptGet(['update']));
  await step(`apt-get install ${missing.join(' ')}`, () =>
    withoutServiceStarts(() => aptGet(['install', '-y', '--no-install-recommends', ...missing])),
  );
  return missingPackages(missing);
}

/**
 * The platform runs its own nginx, HAProxy, php-fpm, supervisord and redis-server instances with
 * their own configs and ports; the packages' system services would take ports 80 and 6379 (or
 * fail to, which fails the install on a machine where those ports are busy). A policy-rc.d that
 * denies every start keeps dpkg from starting them; it is removed again unless it was there.
 */
async function withoutServiceStarts(fn) {
  const policy = '/usr/sbin/policy-rc.d';
  if (existsSync(policy)) return fn();
  writeFileSync(policy, '#!/bin/sh\n# hostplane: no service starts while installing its packages\nexit 101\n', {
    mode: 0o755,
  });
  try {
    return await fn();
  } finally {
    rmSync(policy, { force: true });
  }
}
