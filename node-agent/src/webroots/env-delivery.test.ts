// A webroot's environment (variables and opened secrets) as the daemons read it back: supervisord's
// own parser for an app's `environment=`, PHP's INI scanner for a pool's `env[...]`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envIssues } from '@hostplane/contract/webroots';
import { renderAppProgram } from '../apps/render.js';
import { renderPool } from '../php-fpm/render.js';
import { nodeSpec, phpSpec } from './fixtures.js';

const run = promisify(execFile);

// Values a secret may well hold: quotes of one kind, `$`, `${VAR}`, backslashes, `%`, `,`, `=`, `;`.
const ENV = [
  { name: 'GREETING', value: 'hello, world = 100%' },
  { name: 'DB_PASSWORD', value: 'p"a$s\\w${HOME}o;rd' },
  { name: 'API_TOKEN', value: "it's a\\secret" },
];
const expected = Object.fromEntries(ENV.map((e) => [e.name, e.value]));
const poolCtx = {
  socket: '/run/hostplane/php-fpm/8.2/web_php0000001.sock',
  socketOwner: 'www-data',
  socketGroup: 'www-data',
  home: '/home/t_abcdefghij',
  webrootDir: '/home/t_abcdefghij/webroots/web_php0000001',
};

async function withStdin(program: string, args: string[], input: string): Promise<string> {
  const child = run(program, args);
  child.child.stdin?.end(input);
  return (await child).stdout;
}

describe('webroot environment delivery', () => {
  it('gives an app every value back exactly, through supervisord’s INI and environment parsers', async () => {
    const ctx = {
      home: '/home/t_abcdefghij',
      webrootDir: '/home/t_abcdefghij/webroots/web_node000001',
      binDir: '/opt/node20/bin',
      basePath: '/usr/bin:/bin',
      logFile: '/var/log/hostplane/apps/web_node000001.log',
      socket: '/run/hostplane/apps/t_abcdefghij/web_node000001.sock',
      argv: ['/opt/node20/bin/node', 'server.js'],
    };
    const text = renderAppProgram(nodeSpec({ env: ENV }), ctx);
    const script = [
      'import json, sys',
      'from supervisor.options import UnhosedConfigParser',
      'from supervisor.datatypes import dict_of_key_value_pairs',
      'p = UnhosedConfigParser()',
      'p.read_string(sys.stdin.read())',
      "print(json.dumps(dict_of_key_value_pairs(p.saneget('program:web_node000001', 'environment'))))",
    ].join('\n');
    const env = JSON.parse(await withStdin('/usr/bin/python3', ['-c', script], text)) as Record<string, string>;
    expect(env).toMatchObject(expected);
    // The platform's own variables are still there, after (and over) the tenant's.
    expect(env.PORT).toBe(ctx.socket);
    expect(env.HOME).toBe(ctx.home);
  });

  it('gives a PHP pool every value back exactly, `${…}` unexpanded', async () => {
    const text = renderPool(phpSpec({ env: ENV }), poolCtx);
    const php = `$ini = parse_ini_string(stream_get_contents(STDIN), true, INI_SCANNER_NORMAL);
      echo json_encode($ini['web_php0000001']['env']);`;
    const env = JSON.parse(await withStdin('/usr/bin/php', ['-r', php], text)) as Record<string, string>;
    expect(env).toEqual(expected);
  });

  it('refuses reserved names and undeliverable values, naming the variable but never its value', () => {
    const issues = envIssues([
      { name: 'PATH', value: '/tmp' },
      { name: 'LD_PRELOAD', value: '/tmp/x.so' },
      { name: '1X', value: 'a' },
      { name: 'MULTI', value: 'line1\nsecret-line2' },
      { name: 'QUOTED', value: '"secret-quoted"' },
      { name: 'BOTH', value: `a'b"c` },
    ]);
    expect(issues.map((i) => i.field)).toEqual([
      'env.PATH',
      'env.LD_PRELOAD',
      'env.1X',
      'env.MULTI',
      'env.QUOTED',
      'env.BOTH',
    ]);
    expect(JSON.stringify(issues)).not.toMatch(/secret-|\/tmp/);
    // The renderers refuse them too, should a spec ever skip validation.
    expect(() => renderPool(phpSpec({ env: [{ name: 'X', value: 'a\nb' }] }), poolCtx)).toThrow(/env\[X\]/);
  });
});
