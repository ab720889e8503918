import { execFile } from 'node:child_process';
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
  it('renders a supervisord program running as the tenant on its port', async () => {
    const spec = nodeSpec();
    const [, ...args] = appArgv(spec, ctx.webrootDir);
    const text = renderAppProgram(spec, { ...ctx, argv: [`${ctx.binDir}/node`, ...args] });
    expect(text).toBe(await golden('apps/node.conf', text));
  });

  it('survives supervisord parsing: quotes, ;, #, % and {port} come out as the argument array', async () => {
    const command = ['./bin/start', 'a ;b', '#x', "it's", '100%', '--port={port}', 'x y'];
    const spec = nodeSpec({ runtimeConfig: { command } });
    const text = renderAppProgram(spec, { ...ctx, argv: appArgv(spec, ctx.webrootDir) });
    const parsed = await parsedBySupervisor(text);
    expect(parsed.argv).toEqual([`${ctx.webrootDir}/bin/start`, 'a ;b', '#x', "it's", '100%', '--port=13001', 'x y']);
    expect(parsed.environment).toContain('PORT="13001"');
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
