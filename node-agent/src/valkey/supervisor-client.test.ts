import { describe, expect, it } from 'vitest';
import { renderProgram } from './supervisor-client.js';

describe('renderProgram', () => {
  it('quotes arguments for shlex, doubles % and escapes environment values', () => {
    const text = renderProgram({
      name: 'kv_abcdefghij',
      command: ['/usr/bin/redis-server', '/srv/kv/redis.conf', "it's 100%", 'a b'],
      directory: '/srv/kv/data',
      logFile: '/srv/kv/redis.log',
      environment: { GREETING: 'say "hi" 5%' },
    });
    expect(text).toContain(
      `command=/usr/bin/redis-server /srv/kv/redis.conf 'it'"'"'s 100%%' 'a b'\n`,
    );
    expect(text).toContain('environment=GREETING="say \\"hi\\" 5%%"\n');
    expect(text).toContain('[program:kv_abcdefghij]\n');
    expect(text).toContain('autorestart=true\n');
  });

  it('refuses names and values that could start a new section or line', () => {
    const base = { command: ['/bin/true'], logFile: '/tmp/x.log' };
    expect(() => renderProgram({ ...base, name: 'x]\n[program:y' })).toThrow();
    expect(() => renderProgram({ ...base, name: 'x', directory: '/tmp\nuser=root' })).toThrow();
    // configparser would cut the line at " ;" (an inline comment).
    expect(() => renderProgram({ ...base, name: 'x', command: ['/bin/echo', 'a ;b'] })).toThrow();
  });
});
