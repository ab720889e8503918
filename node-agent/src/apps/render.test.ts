import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderSupervisordConf } from '../supervisor/render.js';
import { nodeSpec } from '../webroots/fixtures.js';
import { golden } from '../webroots/test-harness.js';
import { appArgv, renderAppProgram } from './render.js';

const run = promisify(execFile);
const ctx = {
  home: '/home/t_abcdefghij',
  webrootDir: '/home/t_abcdefghij/webroots/web_node000001',
  binDir: '/opt/node20/bin',
  basePath: '/usr/local/bin:/usr/bin:/bin',
  logFile: '/var/log/hostplane/apps/web_node000001.log',
  socket: '/run/hostplane/apps/t_abcdefghij/web_node000001.sock',
};

/** What supervisord itself makes of a program file: its INI parser, `%` expansion, shlex split. */
async function parsedBySupervisor(text: string): Promise<{ argv: string[]; environment: string }> {
  const script = [
    'import json, shlex, sys',
    'from supervisor.options import UnhosedConfigParser',
    'p = UnhosedConfigParser()',
    'p.read_string(sys.stdin.read())',
    "s = 'program:web_node000001'",
    "print(json.dumps({'argv': shlex.split(p.saneget(s, 'command')), 'environment': p.saneget(s, 'environment')}))",
  ].join('\n');
  const child = run('/usr/bin/python3', ['-c', script]);
  child.child.stdin?.end(text);
  return JSON.parse((await child).stdout) as { argv: string[]; environment: string };
}

describe('app program rendering', () => {
  it('renders a supervisord program running as the tenant on its socket', async () => {
    const spec = nodeSpec();
    const [, ...args] = appArgv(spec, ctx.webrootDir, ctx.socket);
    const text = renderAppProgram(spec, { ...ctx, argv: [`${ctx.binDir}/node`, ...args] });
    expect(text).toBe(await golden('apps/node.conf', text));
  });

  it('survives supervisord parsing: quotes, ;, #, % and {socket} come out as the argument array', async () => {
    const command = ['./bin/start', 'a ;b', '#x', "it's", '100%', '--bind=unix:{socket}', 'x y'];
    const spec = nodeSpec({ runtimeConfig: { command } });
    const text = renderAppProgram(spec, { ...ctx, argv: appArgv(spec, ctx.webrootDir, ctx.socket) });
    const parsed = await parsedBySupervisor(text);
    expect(parsed.argv.slice(3)).toEqual([
      'hostplane-app',
      `${ctx.webrootDir}/bin/start`,
      'a ;b',
      '#x',
      "it's",
      '100%',
      `--bind=unix:${ctx.socket}`,
      'x y',
    ]);
    expect(parsed.environment).toContain(`PORT="${ctx.socket}",APP_SOCKET="${ctx.socket}"`);
  });

  it('starts the app on its socket after removing a stale one, and only unlinks a planted link', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hp-app-start-'));
    try {
      const socket = path.join(dir, 'web_node000001.sock');
      // A socket file a killed app left behind: Node's listen() refuses to reuse it (EADDRINUSE).
      await run('/usr/bin/python3', [
        '-c',
        `import socket; socket.socket(socket.AF_UNIX).bind(${JSON.stringify(socket)})`,
      ]);
      const app = [
        '-e',
        "require('net').createServer().listen(process.env.PORT, () => { console.log('up'); process.exit(0); })",
      ];
      const spec = nodeSpec({ runtimeConfig: { command: ['node', ...app] } });
      const argv = [process.execPath, ...appArgv(spec, dir, socket).slice(1)];
      const { argv: started } = await parsedBySupervisor(renderAppProgram(spec, { ...ctx, socket, argv }));
      const env = { PORT: socket, APP_SOCKET: socket };
      expect((await run(started[0]!, started.slice(1), { env })).stdout.trim()).toBe('up');

      const target = path.join(dir, 'target');
      await writeFile(target, 'kept');
      await rm(socket);
      await symlink(target, socket);
      expect((await run(started[0]!, started.slice(1), { env })).stdout.trim()).toBe('up');
      expect(await readFile(target, 'utf8')).toBe('kept');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders the agent-managed supervisord.conf', async () => {
    const text = renderSupervisordConf({
      socket: '/run/hostplane/supervisor.sock',
      pidFile: '/run/hostplane/supervisord.pid',
      logFile: '/var/log/hostplane/supervisor/supervisord.log',
      childLogDir: '/var/log/hostplane/supervisor',
      programsDir: '/etc/hostplane/supervisor/programs',
    });
    expect(text).toBe(await golden('supervisor/supervisord.conf', text));
  });
});
