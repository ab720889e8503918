// A real PowerDNS authoritative server for the test run (its HTTP API writes zones and records,
// its DNS port answers them): what the worker asks for host names' TXT challenges. One per run,
// on loopback ports, its SQLite database in the run's folder; started once by global-setup.ts.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, type ProcessGroup } from '@hostplane/scripts/lib';

const run = promisify(execFile);
const SCHEMA = '/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql';

export interface PowerDns {
  /** `127.0.0.1:<port>`: what resolvers are pointed at. */
  dnsAddress: string;
  /** The HTTP API's server URL, e.g. http://127.0.0.1:41234/api/v1/servers/localhost. */
  apiUrl: string;
  apiKey: string;
}

export async function startPowerDns(group: ProcessGroup, dir: string): Promise<PowerDns> {
  await mkdir(dir, { recursive: true });
  const database = path.join(dir, 'pdns.sqlite');
  await run('sqlite3', [database, `.read ${SCHEMA}`]);
  const [dnsPort, apiPort] = [await freePort(), await freePort()];
  const apiKey = randomBytes(16).toString('hex');
  await writeFile(
    path.join(dir, 'pdns.conf'),
    [
      'launch=gsqlite3',
      `gsqlite3-database=${database}`,
      'local-address=127.0.0.1',
      `local-port=${dnsPort}`,
      'api=yes',
      `api-key=${apiKey}`,
      'webserver=yes',
      'webserver-address=127.0.0.1',
      `webserver-port=${apiPort}`,
      'webserver-allow-from=127.0.0.0/8',
      `socket-dir=${dir}`,
      'guardian=no',
      'daemon=no',
      'disable-syslog=yes',
      'log-timestamp=no',
      // A test publishes a record and expects the next look to see it: no answer is cached.
      'cache-ttl=0',
      'query-cache-ttl=0',
      'negquery-cache-ttl=0',
    ].join('\n') + '\n',
    { mode: 0o600 },
  );
  await group.start('pdns', 'pdns_server', [`--config-dir=${dir}`], {
    readyLine: /Done launching threads, ready to distribute questions/,
  });
  return {
    dnsAddress: `127.0.0.1:${dnsPort}`,
    apiUrl: `http://127.0.0.1:${apiPort}/api/v1/servers/localhost`,
    apiKey,
  };
}
