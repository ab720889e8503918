import { describe, expect, it } from 'vitest';
import { phpSpec } from '../webroots/fixtures.js';
import { golden } from '../webroots/test-harness.js';
import { renderFpmGlobal, renderPool } from './render.js';

const ctx = {
  socket: '/run/hostplane/php-fpm/8.2/web_php0000001.sock',
  socketOwner: 'www-data',
  socketGroup: 'www-data',
  home: '/home/t_abcdefghij',
  webrootDir: '/home/t_abcdefghij/webroots/web_php0000001',
};

describe('php-fpm rendering', () => {
  it('renders a pool running as the tenant with its pm settings and php values', async () => {
    const text = renderPool(phpSpec(), ctx);
    expect(text).toBe(await golden('php-fpm/pool.conf', text));
  });

  it('defaults to an ondemand pool', () => {
    const text = renderPool(phpSpec({ runtimeConfig: {} }), ctx);
    expect(text).toContain('pm = ondemand\npm.max_children = 5\npm.process_idle_timeout = 10s');
  });

  it('renders the master global file', async () => {
    const text = renderFpmGlobal({
      pidFile: '/run/hostplane/php-fpm/8.2/php-fpm.pid',
      errorLog: '/var/log/hostplane/php-fpm-8.2.log',
      poolsDir: '/etc/hostplane/php-fpm/8.2/pools',
    });
    expect(text).toBe(await golden('php-fpm/global.conf', text));
  });

  it('refuses a blocklisted or malformed value even if validation was skipped', () => {
    expect(() => renderPool(phpSpec({ runtimeConfig: { phpAdminValues: { open_basedir: '/' } } }), ctx)).toThrow(
      /managed by the platform/,
    );
    expect(() =>
      renderPool(phpSpec({ runtimeConfig: { phpValues: { memory_limit: '1M\nuser = root' } } }), ctx),
    ).toThrow(/not allowed/);
  });
});
