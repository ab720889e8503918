import path from 'node:path';
import type { DataStoreConfig } from '../data-stores/config.js';
import type { WebPaths } from '../webroots/config.js';
import { runtimeCapabilityName } from '@hostplane/contract/capabilities';
import type { ProgramProbe } from './probe.js';

/** Capability names start-up code and activity guards refer to. */
export const CAPABILITY = {
  nginx: 'nginx',
  haproxy: 'haproxy',
  setfacl: 'setfacl',
  appSupervisord: 'supervisord',
  appSupervisorctl: 'supervisorctl',
  /** Valkey's has a setting of its own (SUPERVISORD_PATH). */
  valkeySupervisord: 'supervisord (Valkey)',
  redisServer: 'redis-server',
  mysql: 'mysql',
  mysqldump: 'mysqldump',
} as const;

const inBin = (dir: string, program: string) => path.join(dir, program);

/** Every program the web and load-balancer side uses, from its resolved paths. */
export function webPrograms(paths: Pick<WebPaths, 'web' | 'haproxy'>): ProgramProbe[] {
  const { nginx, phpFpm, apps, supervisor } = paths.web;
  const programs: ProgramProbe[] = [
    { name: CAPABILITY.nginx, path: nginx.binary, package: 'nginx', versionArgs: ['-v'] },
    { name: CAPABILITY.haproxy, path: paths.haproxy.binary, package: 'haproxy', versionArgs: ['-v'] },
    // dirs.ts runs it by name: nginx's workers traverse tenant homes through its ACLs.
    { name: CAPABILITY.setfacl, path: 'setfacl', package: 'acl', versionArgs: ['--version'] },
    {
      name: CAPABILITY.appSupervisord,
      path: supervisor.supervisord,
      package: 'supervisor',
      versionArgs: ['--version'],
    },
    { name: CAPABILITY.appSupervisorctl, path: supervisor.supervisorctl, package: 'supervisor' },
  ];
  for (const [version, binary] of Object.entries(phpFpm.binaries)) {
    const name = runtimeCapabilityName('PHP', version);
    programs.push({ name, path: binary, package: `php${version}-fpm`, versionArgs: ['-v'] });
  }
  for (const [version, bin] of Object.entries(apps.runtimes.NODE ?? {})) {
    const name = runtimeCapabilityName('NODE', version);
    programs.push({ name, path: inBin(bin, 'node'), package: 'nodejs', versionArgs: ['--version'] });
  }
  for (const [version, bin] of Object.entries(apps.runtimes.PYTHON ?? {})) {
    programs.push({
      name: runtimeCapabilityName('PYTHON', version),
      path: inBin(bin, 'python3'),
      package: 'python3',
      versionArgs: ['--version'],
      companions: [{ path: inBin(bin, 'gunicorn'), package: 'gunicorn' }],
    });
  }
  for (const [version, bin] of Object.entries(apps.runtimes.RUBY ?? {})) {
    programs.push({
      name: runtimeCapabilityName('RUBY', version),
      path: inBin(bin, 'ruby'),
      package: 'ruby',
      versionArgs: ['--version'],
      companions: [{ path: inBin(bin, 'puma'), package: 'puma' }],
    });
  }
  return programs;
}

/** Every program the MySQL, Valkey and migration side uses. */
export function dataStorePrograms(config: DataStoreConfig): ProgramProbe[] {
  const mariadb = { package: 'mariadb-client', versionArgs: ['--version'], versionPattern: /Distrib ([0-9.]+)/ };
  return [
    {
      name: CAPABILITY.redisServer,
      path: config.REDIS_SERVER_PATH,
      package: 'redis-server',
      versionArgs: ['--version'],
    },
    { name: CAPABILITY.mysql, path: config.MYSQL_PATH, ...mariadb },
    { name: CAPABILITY.mysqldump, path: config.MYSQLDUMP_PATH, ...mariadb },
    {
      name: CAPABILITY.valkeySupervisord,
      path: config.SUPERVISORD_PATH,
      package: 'supervisor',
      versionArgs: ['--version'],
    },
  ];
}
