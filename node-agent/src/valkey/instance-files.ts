import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VALKEY_INSTANCE_NAME_PATTERN, type EvictionPolicy } from '@hostplane/contract/data-stores';

/** Where one instance keeps its files: `<baseDir>/<name>/…`. */
export interface InstancePaths {
  dir: string;
  data: string;
  conf: string;
  acl: string;
  socket: string;
  log: string;
  /** The applied spec, without users (see InstanceRecord). */
  record: string;
  rdb: string;
}

/** What the agent remembers of an instance: its limits for the node's allowance and ports. */
export interface InstanceRecord {
  name: string;
  port: number;
  maxMemoryMb: number;
  evictionPolicy: EvictionPolicy;
  /** The owning tenant's UID (the egress floor opens the port to it alone). */
  ownerUid?: number;
}

export function instancePaths(baseDir: string, name: string): InstancePaths {
  const dir = path.join(baseDir, name);
  const data = path.join(dir, 'data');
  return {
    dir,
    data,
    conf: path.join(dir, 'redis.conf'),
    acl: path.join(dir, 'users.acl'),
    // In data/, the one folder the instance's account may write: the server creates it.
    socket: path.join(data, 'redis.sock'),
    log: path.join(dir, 'redis.log'),
    record: path.join(dir, 'instance.json'),
    rdb: path.join(data, 'dump.rdb'),
  };
}

export async function readInstanceRecord(paths: InstancePaths): Promise<InstanceRecord | null> {
  const text = await readFile(paths.record, 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as InstanceRecord);
}

/** Every instance under `baseDir` that has a record (half-created folders without one are skipped). */
export async function listInstanceRecords(baseDir: string): Promise<InstanceRecord[]> {
  const entries = await readdir(baseDir).catch(() => [] as string[]);
  const names = entries.filter((e) => VALKEY_INSTANCE_NAME_PATTERN.test(e)).sort();
  const records = await Promise.all(names.map((n) => readInstanceRecord(instancePaths(baseDir, n))));
  return records.filter((r): r is InstanceRecord => r !== null);
}

/**
 * redis.conf of an instance, from validated data only (paths are checked when the manager is
 * built). Foreground (`daemonize no`) under supervisord; logs to stdout, which supervisord keeps.
 * No `save` line: the server's default RDB schedule applies; no AOF.
 */
export function renderRedisConf(paths: InstancePaths, record: InstanceRecord, bind: string[]): string {
  const lines = [
    '# Rendered by the Hostplane node agent; changes here are overwritten.',
    'daemonize no',
    'supervised no',
    `bind ${bind.join(' ')}`,
    `port ${record.port}`,
    `unixsocket ${paths.socket}`,
    'unixsocketperm 770',
    `dir ${paths.data}`,
    'dbfilename dump.rdb',
    `aclfile ${paths.acl}`,
    `maxmemory ${record.maxMemoryMb}mb`,
    `maxmemory-policy ${record.evictionPolicy}`,
    'appendonly no',
    // RESTORE is never granted to tenants, but an RDB they import is theirs: check every payload.
    'sanitize-dump-payload yes',
    'logfile ""',
  ];
  return `${lines.join('\n')}\n`;
}
