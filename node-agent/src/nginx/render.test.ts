import { describe, expect, it } from 'vitest';
import { nodeSpec, phpSpec, staticSpec, TEST_TENANT } from '../webroots/fixtures.js';
import { golden } from '../webroots/test-harness.js';
import { renderMainConf, renderServerBlock } from './render.js';
import { token } from './syntax.js';

const ctx = {
  listen: ['127.0.0.1:8080', '[::1]:8080'],
  rootDir: '/home/t_abcdefghij/webroots/web_x/public',
};

describe('nginx rendering', () => {
  it('renders a PHP server block that passes .php to the pool socket', async () => {
    const text = renderServerBlock(phpSpec(), {
      ...ctx,
      phpSocket: '/run/hostplane/php-fpm/8.2/web_php0000001.sock',
    });
    expect(text).toBe(await golden('nginx/php.conf', text));
  });

  it('renders an app server block proxying to the app’s unix socket', async () => {
    const text = renderServerBlock(nodeSpec(), {
      ...ctx,
      appSocket: '/run/hostplane/apps/t_abcdefghij/web_node000001.sock',
    });
    expect(text).toBe(await golden('nginx/node.conf', text));
    expect(text).not.toMatch(/proxy_pass http:\/\/(?!unix:)/); // no loopback port another tenant could bind first
  });

  it('refuses to render an app block without a socket path nginx reads as one', () => {
    for (const appSocket of [undefined, 'run/x.sock', '/run/x.sock:/uri']) {
      expect(() => renderServerBlock(nodeSpec(), { ...ctx, appSocket })).toThrow(/needs a socket/);
    }
  });

  it('renders a static server block with its root only', async () => {
    const text = renderServerBlock(staticSpec(), ctx);
    expect(text).toBe(await golden('nginx/static.conf', text));
  });

  it('renders a 503 block for a suspended tenant, whatever the runtime', async () => {
    const text = renderServerBlock(phpSpec({ tenant: { ...TEST_TENANT, suspended: true } }), ctx);
    expect(text).toBe(await golden('nginx/suspended.conf', text));
    expect(text).not.toContain('fastcgi_pass');
  });

  it('renders the main nginx.conf', async () => {
    const text = renderMainConf({
      user: 'www-data',
      workerProcesses: 'auto',
      pidFile: '/run/hostplane/nginx.pid',
      errorLog: '/var/log/hostplane/nginx/error.log',
      accessLog: '/var/log/hostplane/nginx/access.log',
      tempDir: '/var/lib/hostplane/nginx',
      mimeTypes: '/etc/nginx/mime.types',
      listen: ['80', '[::]:80'],
      sitesDir: '/etc/hostplane/nginx/sites',
    });
    expect(text).toBe(await golden('nginx/main.conf', text));
  });

  it('refuses to render a server name carrying a directive, even if validation was skipped', () => {
    const spec = phpSpec({ serverNames: ['a.test;root /etc'] });
    expect(() => renderServerBlock(spec, { ...ctx, phpSocket: '/run/x.sock' })).toThrow(
      /not a valid lowercase host name/,
    );
  });

  it('quotes paths with spaces and refuses anything that could end a directive', () => {
    expect(token('/srv/my site')).toBe('"/srv/my site"');
    for (const bad of ['a"b', 'a$b', 'a\\b', 'a\nb']) expect(() => token(bad)).toThrow(/refusing/);
    expect(token('{')).toBe('"{"');
  });
});
