// The one list of Debian packages (infra/debian-packages.txt) and what `npm start`/`npm test` do
// with it where they cannot install: name what is missing with the command that installs it,
// and carry on.
import { execFile } from 'node:child_process';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPackages, readPackageList, repoRoot } from '@hostplane/scripts/lib';

const run = promisify(execFile);
const folders: string[] = [];

afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

describe('the Debian package list', () => {
  it('names each package once, for the node or the tests, with a reason', () => {
    const rows = readPackageList();
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
    for (const row of rows) {
      expect(row.name).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
      expect(row.why.length, row.name).toBeGreaterThan(5);
    }
    // What only the tests need, never a node: a deliberate list (a node package filed here would
    // go missing on production nodes, which install the `node` rows only).
    expect(rows.filter((row) => row.purpose === 'test').map((row) => row.name)).toEqual([
      'openssh-client',
      'chromium',
      'openssl',
      'mariadb-server',
      'bind9-dnsutils',
      'pdns-backend-sqlite3',
      'sqlite3',
    ]);
  });

  it('finds a package dpkg does not have missing, and the installed ones not', async () => {
    const installed = readPackageList().map((row) => row.name);
    expect(await missingPackages([...installed, 'hostplane-no-such-package'])).toEqual(['hostplane-no-such-package']);
  });

  it('run by a user who cannot install, names what is missing and the command, and carries on', async () => {
    // A copy of the set-up library that any user can read (the clone may sit in root's home).
    const copy = await mkdtemp(path.join(tmpdir(), 'hostplane-packages-'));
    folders.push(copy);
    await chmod(copy, 0o755);
    await cp(path.join(repoRoot, 'scripts', 'lib'), path.join(copy, 'scripts', 'lib'), { recursive: true });
    const list = path.join(copy, 'packages.txt');
    await writeFile(list, 'nginx          node  web nodes\nhostplane-absent  node  what it is for\n');
    const script = `import { ensureSystemPackages } from './scripts/lib/system-packages.mjs';
      const missing = await ensureSystemPackages(['node'], { file: ${JSON.stringify(list)} });
      console.log('carried on, missing: ' + missing.join(' '));`;
    await writeFile(path.join(copy, 'check.mjs'), script);
    await run('chmod', ['-R', 'a+rX', copy]);
    const { stdout, stderr } = await run('runuser', ['-u', 'nobody', '--', process.execPath, 'check.mjs'], {
      cwd: copy,
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
    });
    expect(stderr).toContain('not running as root');
    expect(stderr).toContain('hostplane-absent');
    expect(stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends hostplane-absent');
    expect(stderr).not.toMatch(/install -y[^\n]*\bnginx\b/);
    expect(stdout.trim()).toBe('carried on, missing: hostplane-absent');
  });
});
