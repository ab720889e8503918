import { describe, expect, it } from 'vitest';
import {
  formatIssues,
  mappingProblem,
  validateLbSpec,
  validateNodeWebSpec,
  validateRuntimeConfig,
  validateWebrootSpec,
} from '@hostplane/contract/webroots';
import { nodeSpec, phpSpec, staticSpec } from './fixtures.js';

const fields = (spec: unknown) => validateWebrootSpec(spec).map((i) => i.field);

describe('validateWebrootSpec', () => {
  it('accepts the fixtures of every runtime', () => {
    for (const spec of [phpSpec(), nodeSpec(), staticSpec()]) expect(validateWebrootSpec(spec)).toEqual([]);
  });

  it('refuses blocklisted php directives in php_value and php_admin_value', () => {
    for (const key of [
      'disable_functions',
      'open_basedir',
      'auto_prepend_file',
      'extension',
      'zend_extension',
      'allow_url_include',
      'opcache.restrict_api',
    ]) {
      const spec = phpSpec({ runtimeConfig: { phpAdminValues: { [key]: 'x' } } });
      expect(validateWebrootSpec(spec)).toEqual([
        {
          field: `runtimeConfig.phpAdminValues.${key}`,
          message: `${key} is managed by the platform and cannot be set`,
        },
      ]);
      expect(fields(phpSpec({ runtimeConfig: { phpValues: { [key]: 'x' } } }))).toEqual([
        `runtimeConfig.phpValues.${key}`,
      ]);
    }
  });

  it('refuses php values with newlines, quotes, semicolons or $', () => {
    for (const value of ['1\nuser = root', '"x"', "'x'", 'a;b', '${HOME}', 'a\\b', ' padded']) {
      const issues = validateWebrootSpec(phpSpec({ runtimeConfig: { phpValues: { memory_limit: value } } }));
      expect(issues.map((i) => i.field)).toEqual(['runtimeConfig.phpValues.memory_limit']);
    }
    expect(fields(phpSpec({ runtimeConfig: { phpValues: { 'bad key]': '1' } } }))).toEqual([
      'runtimeConfig.phpValues.bad key]',
    ]);
  });

  it('bounds numeric limits: no unlimited memory or time, nothing beyond the ranges', () => {
    const field = (key: string, value: string) =>
      fields(phpSpec({ runtimeConfig: { phpAdminValues: { [key]: value } } }));
    for (const [key, value] of [
      ['memory_limit', '-1'],
      ['memory_limit', '64G'],
      ['memory_limit', '1K'],
      ['max_execution_time', '0'],
      ['max_execution_time', '-1'],
      ['max_execution_time', '86400'],
      ['post_max_size', '0'],
      ['max_input_vars', '9999999'],
    ] as const) {
      expect(field(key, value)).toEqual([`runtimeConfig.phpAdminValues.${key}`]);
    }
    expect(formatIssues(validateRuntimeConfig('PHP', { phpValues: { memory_limit: '-1' } }))).toMatch(
      /memory_limit must be a size in 8M\.\.2048M/,
    );
    for (const [key, value] of [
      ['memory_limit', '256M'],
      ['memory_limit', '1G'],
      ['max_execution_time', '120'],
      ['upload_max_filesize', '64M'],
    ] as const) {
      expect(field(key, value)).toEqual([]);
    }
  });

  it('checks process manager numbers', () => {
    const pm = { mode: 'dynamic' as const, maxChildren: 2, startServers: 5 };
    expect(formatIssues(validateRuntimeConfig('PHP', { processManager: pm }))).toMatch(
      /minSpareServers ≤ startServers/,
    );
    expect(fields(phpSpec({ runtimeConfig: { processManager: { mode: 'ondemand', maxChildren: 0 } } }))).toEqual([
      'runtimeConfig.processManager.maxChildren',
    ]);
  });

  it('refuses server names that smuggle nginx syntax', () => {
    for (const name of [
      'shop.test; root /etc',
      'shop.test\nlocation',
      'a.test{',
      '$host.test',
      'UPPER.test',
      'localhost',
      'a..test',
      '-a.test',
    ]) {
      expect(fields(phpSpec({ serverNames: [name] }))).toEqual(['serverNames.0']);
    }
    expect(fields(phpSpec({ serverNames: ['*.shop.test', 'web_abc.t_abc.brand.test'] }))).toEqual([]);
  });

  it('wants an argument array as the start command, listening on its socket', () => {
    expect(validateWebrootSpec(nodeSpec({ runtimeConfig: { command: 'node server.js' as never } }))).toEqual([
      {
        field: 'runtimeConfig.command',
        message: 'must be an argument array such as ["node", "server.js"], not a shell string',
      },
    ]);
    expect(fields(nodeSpec({ runtimeConfig: { command: ['node server.js'] } }))).toEqual(['runtimeConfig.command.0']);
    expect(fields(nodeSpec({ runtimeConfig: { command: ['../../bin/x'] } }))).toEqual(['runtimeConfig.command.0']);
    expect(fields(nodeSpec({ runtimeConfig: { command: ['node', 'a\nb'] } }))).toEqual(['runtimeConfig.command.1']);
    expect(
      validateWebrootSpec(nodeSpec({ runtimeConfig: { command: ['gunicorn', '-b', '127.0.0.1:{port}'] } })),
    ).toEqual([
      {
        field: 'runtimeConfig.command.2',
        message: expect.stringMatching(/^apps listen on a Unix socket, not a port: use \{socket\}/),
      },
    ]);
    expect(fields(nodeSpec({ runtimeConfig: { command: ['gunicorn', '-b', 'unix:{socket}'] } }))).toEqual([]);
  });

  it('checks names, tenant, document root and unknown input shapes', () => {
    expect(fields({ ...phpSpec(), name: 'web_../etc', documentRoot: '../x' })).toEqual(['name', 'documentRoot']);
    expect(fields({ ...phpSpec(), tenant: { name: 'root', uid: 0, suspended: 'no' } })).toEqual([
      'tenant.name',
      'tenant.uid',
      'tenant.suspended',
    ]);
    expect(fields(null)).toEqual(['']);
    expect(fields({ ...staticSpec(), runtime: 'JAVA' })).toEqual(['runtime']);
  });

  it('finds conflicts across a node spec without failing the innocent', () => {
    const a = staticSpec({ name: 'web_aaaaaaaaaa', serverNames: ['x.test'] });
    const b = staticSpec({ name: 'web_bbbbbbbbbb', serverNames: ['x.test'] });
    const issues = validateNodeWebSpec([a, b]);
    expect(issues.get('web_aaaaaaaaaa')).toEqual([]);
    expect(formatIssues(issues.get('web_bbbbbbbbbb') ?? [])).toBe(
      'serverNames.0: x.test is also bound to web_aaaaaaaaaa',
    );
  });
});

describe('load balancer validation', () => {
  it('checks mappings and backends', () => {
    expect(mappingProblem({ fqdn: 'shop.test', backend: 'shard_web1' })).toBeNull();
    expect(mappingProblem({ fqdn: '*.shop.test', backend: 'shard_web1' })).toMatch(/wildcards/);
    expect(mappingProblem({ fqdn: 'shop.test', backend: 'be_default' })).toMatch(/not a shard backend/);
    expect(mappingProblem({ fqdn: 'shop.test be_x', backend: 'a' })).toMatch(/not a valid/);
    const spec = {
      backends: [{ name: 'shard_web1', servers: [{ name: 'n1', address: '10.0.0.1:80' }] }],
      entries: [{ fqdn: 'a.test', backend: 'shard_web2' }],
    };
    expect(formatIssues(validateLbSpec(spec))).toBe('entries.0.backend: backend shard_web2 is not defined');
    const bad = {
      backends: [{ name: 'shard_web1', servers: [{ name: 'n1', address: '10.0.0.1:80\n' }] }],
      entries: [],
    };
    expect(formatIssues(validateLbSpec(bad))).toBe('backends.0.servers.0.address: must be host:port');
  });
});
