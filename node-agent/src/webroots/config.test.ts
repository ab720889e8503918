import { describe, expect, it } from 'vitest';
import { parseWebConfig, webPathsOf } from './config.js';

describe('web config', () => {
  it('uses the standard paths and ports on a production node, and keeps its services running on exit', () => {
    const paths = webPathsOf(parseWebConfig({ HOSTPLANE_HOME_ROOT: '/home' }));
    expect(paths.stateDir).toBeNull();
    expect(paths.stopOnExit).toBe(false);
    expect(paths.web.nginx).toMatchObject({
      confDir: '/etc/hostplane/nginx',
      runDir: '/run/hostplane/nginx',
      listen: ['80', '[::]:80'],
      workerProcesses: 'auto',
    });
    expect(paths.web.phpFpm.binaries).toEqual({ '8.2': '/usr/sbin/php-fpm8.2' });
    expect(paths.web.apps).toMatchObject({ socketDir: '/run/hostplane/apps', webUser: 'www-data' });
    expect(paths.haproxy).toMatchObject({
      configFile: '/etc/hostplane/haproxy/haproxy.cfg',
      adminSocket: '/run/hostplane/haproxy-admin.sock',
      bind: [':80'],
    });
  });

  it('keeps everything in a state folder beside a non-standard home root, on loopback ports', () => {
    const paths = webPathsOf(
      parseWebConfig({
        HOSTPLANE_HOME_ROOT: '/tmp/run1/homes',
        HOSTPLANE_NGINX_LISTEN: '127.0.0.1:18081',
      }),
    );
    expect(paths.stateDir).toBe('/tmp/run1/agent-web');
    expect(paths.stopOnExit).toBe(true);
    expect(paths.web.nginx).toMatchObject({
      confDir: '/tmp/run1/agent-web/etc/nginx',
      listen: ['127.0.0.1:18081'],
      workerProcesses: 1,
    });
    expect(paths.web.supervisor.socket).toBe('/tmp/run1/agent-web/run/app-supervisor.sock');
    expect(paths.web.apps.socketDir).toBe('/tmp/run1/agent-web/run/apps');
    expect(paths.haproxy.bind).toEqual(['127.0.0.1:8080']);
  });

  it('parses version maps and refuses bad ones', () => {
    const config = parseWebConfig({
      HOSTPLANE_PHP_FPM_BINARIES: '8.2=/usr/sbin/php-fpm8.2,8.3=/opt/php/8.3/sbin/php-fpm',
      HOSTPLANE_PYTHON_RUNTIMES: '3.11=/usr/bin',
    });
    expect(Object.keys(config.HOSTPLANE_PHP_FPM_BINARIES)).toEqual(['8.2', '8.3']);
    expect(config.HOSTPLANE_PYTHON_RUNTIMES).toEqual({ '3.11': '/usr/bin' });
    expect(() => parseWebConfig({ HOSTPLANE_NODE_RUNTIMES: '20=relative/bin' })).toThrow(/version=\/absolute\/path/);
  });
});
