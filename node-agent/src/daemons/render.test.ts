import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DAEMON_STOP_SIGNALS, type DaemonSpec } from '@hostplane/contract/daemons';
import { renderMainConf, renderServerBlock } from '../nginx/render.js';
import { phpSpec, TEST_TENANT } from '../webroots/fixtures.js';
import { renderDaemonProgram, renderDaemonRoutes } from './render.js';

const run = promisify(execFile);
const WEBROOT = 'web_php0000001';
const daemon = (overrides: Partial<DaemonSpec> = {}): DaemonSpec => ({
  name: 'ws',
  command: ['/usr/bin/node', 'server.js'],
  processes: 1,
  restart: 'ALWAYS',
  stopSignal: 'TERM',
  stopWaitSeconds: 10,
  ...overrides,
});
// `nobody`: supervisord resolves `user=` while it reads the file, so the account must exist here.
const ctx = {
  tenant: 'nobody',
  home: '/home/t_abcdefghij',
  webrootDir: '/home/t_abcdefghij/webroots/web_php0000001',
  argv: ['/usr/bin/node', 'server.js'],
  path: '/usr/local/bin:/usr/bin:/bin',
  logDir: tmpdir(), // supervisord checks that the log folder exists
  socketDir: '/run/hostplane/apps/t_abcdefghij',
  env: {},
};

interface ParsedProcess {
  name: string;
  argv: string[];
  env: Record<string, string>;
  stopsignal: number;
  autorestart: string;
  log: string;
  maxbytes: number;
  backups: number;
  directory: string;
  uid: number;
}

/** What supervisord itself makes of a program file: every process it would start, as it would start it. */
async function parsedBySupervisord(program: string): Promise<ParsedProcess[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-daemon-render-'));
  try {
    const conf = path.join(dir, 'supervisord.conf');
    await writeFile(conf, `[supervisord]\n${program}`);
    const script = [
      'import json, shlex, sys',
      'from supervisor.options import ServerOptions',
      'o = ServerOptions()',
      'o.realize(args=["-c", sys.argv[1]])',
      'print(json.dumps([dict(name=p.name, argv=shlex.split(p.command), env=p.environment, stopsignal=p.stopsignal,',
      '  autorestart=getattr(p.autorestart, "__name__", str(p.autorestart)), log=p.stdout_logfile,',
      '  maxbytes=p.stdout_logfile_maxbytes, backups=p.stdout_logfile_backups, directory=p.directory, uid=p.uid)',
      '  for g in o.process_group_configs for p in g.process_configs]))',
    ].join('\n');
    return JSON.parse((await run('/usr/bin/python3', ['-c', script, conf])).stdout) as ParsedProcess[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('daemon program rendering', () => {
  it('gives every process its own name, socket and rotated log, as the tenant in the webroot', async () => {
    const text = renderDaemonProgram(WEBROOT, daemon({ processes: 3, proxyPath: '/ws' }), ctx);
    const processes = await parsedBySupervisord(text);
    expect(processes.map((p) => p.name)).toEqual(['web_php0000001_ws_0', 'web_php0000001_ws_1', 'web_php0000001_ws_2']);
    processes.forEach((p, n) => {
      const socket = `${ctx.socketDir}/web_php0000001_ws.${n}.sock`;
      expect(p.env).toMatchObject({
        PORT: socket,
        APP_SOCKET: socket,
        HOME: ctx.home,
        USER: 'nobody',
        PWD: ctx.webrootDir,
      });
      expect(p.log).toBe(`${ctx.logDir}/web_php0000001_ws.${n}.log`);
      expect(p.argv).toEqual(['/bin/sh', '-c', 'rm -f -- "$APP_SOCKET"; exec "$@"', 'hostplane-daemon', ...ctx.argv]);
    });
    expect(processes[0]).toMatchObject({
      maxbytes: 10 * 1024 * 1024,
      backups: 3,
      directory: ctx.webrootDir,
      uid: 65534,
    });
  });

  it('passes %, quotes, ; and # through to the argument array and the environment unchanged', async () => {
    const argv = ['/usr/bin/env', '100%', "it's", 'a ;b', '#c', '%(ENV_HOME)s', 'x y'];
    const env = { RATE: '50%', NOTE: 'say "hi" now', FMT: '%(program_name)s' };
    const text = renderDaemonProgram(WEBROOT, daemon(), { ...ctx, argv, env });
    const [process] = await parsedBySupervisord(text);
    expect(process!.argv).toEqual(argv); // no proxy path: the command itself, no wrapper
    expect(process!.env).toMatchObject(env);
    expect(process!.env).not.toHaveProperty('APP_SOCKET');
  });

  it('maps each stop signal and restart policy to supervisord’s', async () => {
    // One file, one parse: a program per signal and per policy.
    const policies = { ALWAYS: 'RestartUnconditionally', ON_FAILURE: 'RestartWhenExitUnexpected', NEVER: 'False' };
    const programs = [
      ...DAEMON_STOP_SIGNALS.map((stopSignal) => daemon({ name: `sig-${stopSignal.toLowerCase()}`, stopSignal })),
      ...Object.keys(policies).map((restart) =>
        daemon({
          name: `restart-${restart.toLowerCase().replace('_', '-')}`,
          restart: restart as DaemonSpec['restart'],
        }),
      ),
    ].map((d) => renderDaemonProgram(WEBROOT, d, ctx));
    const parsed = new Map((await parsedBySupervisord(programs.join('\n'))).map((p) => [p.name, p]));
    const { stdout } = await run('/usr/bin/python3', [
      '-c',
      `import signal, json; print(json.dumps({s: int(getattr(signal, 'SIG' + s)) for s in ${JSON.stringify(DAEMON_STOP_SIGNALS)}}))`,
    ]);
    const numbers = JSON.parse(stdout) as Record<string, number>;
    for (const signal of DAEMON_STOP_SIGNALS) {
      expect(parsed.get(`${WEBROOT}_sig-${signal.toLowerCase()}_0`)?.stopsignal, signal).toBe(numbers[signal]);
    }
    for (const [restart, expected] of Object.entries(policies)) {
      const name = `${WEBROOT}_restart-${restart.toLowerCase().replace('_', '-')}_0`;
      expect(parsed.get(name)?.autorestart, restart).toBe(expected);
    }
  });

  it('refuses a line break in an argument and a bad daemon name, even if validation was skipped', () => {
    expect(() => renderDaemonProgram(WEBROOT, daemon(), { ...ctx, argv: ['/bin/x', 'a\nautostart=false'] })).toThrow();
    expect(() => renderDaemonProgram(WEBROOT, daemon({ name: 'x]\n[program:y' }), ctx)).toThrow(/bad daemon/);
  });
});

describe('daemon nginx routes', () => {
  it('routes the proxy path (and below it) to the socket, or an upstream of several, and nginx -t accepts it', async () => {
    const routes = renderDaemonRoutes(WEBROOT, [
      { daemon: daemon({ proxyPath: '/ws' }), sockets: ['/run/a/web_php0000001_ws.0.sock'] },
      {
        daemon: daemon({ name: 'feed', proxyPath: '/live/feed', processes: 2 }),
        sockets: ['/run/a/web_php0000001_feed.0.sock', '/run/a/web_php0000001_feed.1.sock'],
      },
      { daemon: daemon({ name: 'worker' }), sockets: [] },
    ]);
    const text = renderServerBlock(phpSpec(), {
      listen: ['127.0.0.1:8080'],
      rootDir: '/srv/x',
      phpSocket: '/run/php.sock',
      daemonRoutes: routes,
    });
    expect(text).toContain('location = /ws {');
    expect(text).toContain('location ^~ /ws/ {');
    expect(text).toContain('proxy_pass http://unix:/run/a/web_php0000001_ws.0.sock;');
    expect(text).toContain('upstream hostplane_web_php0000001_feed {');
    expect(text).toContain('proxy_pass http://hostplane_web_php0000001_feed;');
    expect(text).toContain('proxy_read_timeout 86400s;');
    // Before the PHP locations: a prefix with ^~ wins over the `\.php$` regex.
    expect(text.indexOf('location ^~ /ws/')).toBeLessThan(text.indexOf('location ~ \\.php$'));
    expect(text).not.toContain('worker');

    const dir = await mkdtemp(path.join(tmpdir(), 'hp-daemon-nginx-'));
    try {
      await mkdir(path.join(dir, 'sites'));
      await writeFile(path.join(dir, 'sites', `${WEBROOT}.conf`), text);
      const main = renderMainConf({
        user: 'www-data',
        workerProcesses: 1,
        pidFile: path.join(dir, 'nginx.pid'),
        errorLog: path.join(dir, 'error.log'),
        accessLog: path.join(dir, 'access.log'),
        tempDir: dir,
        mimeTypes: '/etc/nginx/mime.types',
        listen: ['127.0.0.1:8080'],
        sitesDir: path.join(dir, 'sites'),
      });
      await writeFile(path.join(dir, 'nginx.conf'), main);
      await run('/usr/sbin/nginx', [
        '-t',
        '-q',
        '-p',
        dir,
        '-c',
        path.join(dir, 'nginx.conf'),
        '-e',
        path.join(dir, 'error.log'),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves every route out for a suspended tenant, and refuses a proxy path that is not a plain path', () => {
    const routes = renderDaemonRoutes(WEBROOT, [{ daemon: daemon({ proxyPath: '/ws' }), sockets: ['/run/s.sock'] }]);
    const suspended = phpSpec({ tenant: { ...TEST_TENANT, suspended: true } });
    const text = renderServerBlock(suspended, { listen: ['8080'], rootDir: '/srv/x', daemonRoutes: routes });
    expect(text).not.toContain('/ws');
    for (const proxyPath of ['/', '/ws;', '/ws {', '/../x', 'ws', '/ws/', '/a b']) {
      expect(() => renderDaemonRoutes(WEBROOT, [{ daemon: daemon({ proxyPath }), sockets: ['/run/s.sock'] }])).toThrow(
        /proxy path/,
      );
    }
  });
});
