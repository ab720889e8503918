// A private MariaDB server for the test platform's second data node: its own datadir, socket and
// pid file under the run's temp folder, listening only on that node's own loopback address, so
// a migration between the two data nodes really moves a database from one server to another.
// `npm start` never starts one: its single node uses the machine's MariaDB.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './exec.mjs';

/** The account the mariadb-server package creates for its server. */
const USER = 'mysql';

/**
 * Initialises a datadir in `dir` (mariadb-install-db) and starts `mariadbd` on `host`:`port` as
 * service `name` of `group` (layer 0: stopped after the agents that use it). Its only TCP account
 * is root from 127.0.0.1 (where a loopback client's connections come from), with a fresh
 * password; `--no-defaults` keeps the machine's my.cnf (its socket, its port) out of it. It runs
 * as `mysql` (the package's user), never root: mariadb-server's install refuses to go on while a
 * root-owned mariadbd it cannot stop runs (a chroot beside a test run sees this one).
 * @returns {Promise<{ host: string, port: number, user: string, password: string }>}
 */
export async function startPrivateMariadb(group, { dir, host, port, name = 'mariadb-2' }) {
  const datadir = path.join(dir, 'data');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('base64url');
  const initFile = path.join(dir, 'init.sql');
  // install-db's root is root@localhost by unix socket only; the agent and tests log in over TCP.
  await writeFile(
    initFile,
    `CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '${password}';\n` +
      `GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n`,
    { mode: 0o600 },
  );
  await run('chown', ['-R', `${USER}:${USER}`, dir], { quiet: true });
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, `--user=${USER}`, '--skip-test-db'], {
    quiet: true,
  });
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--user=${USER}`,
    `--bind-address=${host}`,
    `--port=${port}`,
    `--socket=${path.join(dir, 'mysqld.sock')}`,
    `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    `--init-file=${initFile}`,
    // Accounts are matched by address, as on the machine's server; no DNS lookups per login.
    '--skip-name-resolve',
    // A test server: small and without what it does not need.
    '--innodb-buffer-pool-size=32M',
    '--performance-schema=OFF',
    '--skip-log-bin',
  ];
  await group.start(name, 'mariadbd', args, { layer: 0, readyLine: /ready for connections/, timeoutMs: 60_000 });
  return { host, port, user: 'root', password };
}
