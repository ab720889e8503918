import { describe, expect, it } from 'vitest';
import { renderProgram } from './supervisor-client.js';

describe('renderProgram', () => {
  it('renders an instance program byte for byte as before (a changed file restarts the instance)', () => {
    const dir = '/var/lib/hostplane-agent/valkey/kv_abcdefghij';
    const text = renderProgram({
      name: 'kv_abcdefghij',
      command: ['/usr/bin/redis-server', `${dir}/redis.conf`],
      directory: `${dir}/data`,
      logFile: `${dir}/redis.log`,
      user: 'valkey',
      stopWaitSecs: 60,
    });
    expect(text).toBe(
      [
        '; Rendered by the Hostplane node agent; changes here are overwritten.',
        '[program:kv_abcdefghij]',
        `command=/usr/bin/redis-server ${dir}/redis.conf`,
        `directory=${dir}/data`,
        'user=valkey',
        'autostart=true',
        'autorestart=true',
        'startsecs=1',
        'startretries=10',
        'stopsignal=TERM',
        'stopwaitsecs=60',
        'redirect_stderr=true',
        `stdout_logfile=${dir}/redis.log`,
        'stdout_logfile_maxbytes=10MB',
        'stdout_logfile_backups=2',
        '',
      ].join('\n'),
    );
  });

  it('quotes arguments for shlex and doubles %, in the command and the environment', () => {
    const text = renderProgram({
      name: 'kv_abcdefghij',
      command: ['/usr/bin/redis-server', '/srv/kv/redis.conf', "it's 100%", 'a b', 'a ;b'],
      logFile: '/srv/kv/redis.log',
      environment: { GREETING: 'say hi, 5%' },
    });
    expect(text).toContain(`command=/usr/bin/redis-server /srv/kv/redis.conf 'it'\\''s 100%%' 'a b' 'a '\\;'b'\n`);
    expect(text).toContain('environment=GREETING="say hi, 5%%"\n');
  });

  it('refuses names and values that could start a new section or line', () => {
    const base = { command: ['/bin/true'], logFile: '/tmp/x.log' };
    expect(() => renderProgram({ ...base, name: 'x]\n[program:y' })).toThrow();
    expect(() => renderProgram({ ...base, name: 'x', directory: '/tmp\nuser=root' })).toThrow();
    // configparser would cut the line at " ;" (an inline comment).
    expect(() => renderProgram({ ...base, name: 'x', directory: '/tmp/a ;b' })).toThrow();
    // supervisord reads environment= without escapes: a value is quoted with the quote it does
    // not hold, so one holding both kinds could end early whichever is used.
    expect(() => renderProgram({ ...base, name: 'x', environment: { A: `say "hi" it's me` } })).toThrow();
  });
});
