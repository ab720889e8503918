// The node's own pdns_server: a child of the agent, its config rendered from structured data,
// on its own database and loopback API port; never the machine's pdns service.
import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { daemonSpawnOptions } from '../daemon-env.js';
import { stopLeftoverDaemon } from '../leftover-daemon.js';
import type { PdnsApi } from './api.js';
import type { PgConnection } from './database.js';

export interface PdnsOptions {
  program: string;
  dir: string;
  address: string;
  port: number;
  apiPort: number;
  apiKey: string;
  database: PgConnection;
}

const oneLine = (value: string) => {
  if (/[\r\n]/.test(value)) throw new Error('a PowerDNS setting holds no line break');
  return value;
};

/** pdns.conf: gpgsql with DNSSEC, the API on loopback only, no call home (security-poll-suffix empty). */
export function renderPdnsConfig(o: PdnsOptions): string {
  const db = o.database;
  return (
    [
      'launch=gpgsql',
      `gpgsql-host=${oneLine(db.host)}`,
      `gpgsql-port=${db.port}`,
      `gpgsql-dbname=${oneLine(db.database)}`,
      `gpgsql-user=${oneLine(db.user)}`,
      `gpgsql-password=${oneLine(db.password)}`,
      'gpgsql-dnssec=yes',
      `local-address=${o.address}`,
      `local-port=${o.port}`,
      'api=yes',
      `api-key=${oneLine(o.apiKey)}`,
      'webserver=yes',
      'webserver-address=127.0.0.1',
      `webserver-port=${o.apiPort}`,
      'webserver-allow-from=127.0.0.1,::1',
      `socket-dir=${o.dir}`,
      'guardian=no',
      'daemon=no',
      'disable-syslog=yes',
      'log-timestamp=no',
      'security-poll-suffix=',
      // Records changed through the API purge these caches; a short life bounds what SQL repair leaves.
      'cache-ttl=1',
      'negquery-cache-ttl=1',
      'query-cache-ttl=1',
    ].join('\n') + '\n'
  );
}

/** Starts pdns_server in the foreground as the agent's child; resolves once its API answers. */
export async function startPdns(o: PdnsOptions, api: PdnsApi, logger: Logger): Promise<{ stop: () => Promise<void> }> {
  await writeFile(path.join(o.dir, 'pdns.conf'), renderPdnsConfig(o), { mode: 0o600 });
  await stopLeftoverDaemon(
    { name: 'pdns_server', pidFile: path.join(o.dir, 'pdns.pid'), marker: `--config-dir=${o.dir}` },
    logger,
  );
  const log = await open(path.join(o.dir, 'pdns.log'), 'a', 0o600);
  const child: ChildProcess = spawn(o.program, [`--config-dir=${o.dir}`], {
    ...daemonSpawnOptions(),
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    logger.warn({ code, signal }, 'pdns_server exited');
  });
  for (let i = 0; !(await api.ready()); i++) {
    if (exited || i > 150) {
      child.kill('SIGKILL');
      const tail = (await readFile(path.join(o.dir, 'pdns.log'), 'utf8').catch(() => '')).trim().split('\n').slice(-3);
      throw new Error(`pdns_server did not start: ${tail.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  logger.info({ address: o.address, port: o.port }, 'PowerDNS answering');
  return {
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
