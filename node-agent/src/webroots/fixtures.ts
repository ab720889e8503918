// Specs shared by unit tests, golden tests and the benchmark.
import type { AppWebrootSpec, PhpWebrootSpec, StaticWebrootSpec, WebrootTenant } from '@hostplane/contract/webroots';

export const TEST_TENANT: WebrootTenant = { name: 't_abcdefghij', uid: 200123, suspended: false };

export function phpSpec(overrides: Partial<PhpWebrootSpec> = {}): PhpWebrootSpec {
  return {
    name: 'web_php0000001',
    tenant: TEST_TENANT,
    runtime: 'PHP',
    runtimeVersion: '8.2',
    runtimeConfig: {
      processManager: {
        mode: 'dynamic',
        maxChildren: 8,
        startServers: 2,
        minSpareServers: 1,
        maxSpareServers: 3,
      },
      phpValues: { memory_limit: '256M', 'date.timezone': 'Europe/Amsterdam' },
      phpAdminValues: { error_reporting: 'E_ALL & ~E_DEPRECATED' },
    },
    serverNames: ['shop.example.test', 'www.shop.example.test', 'web_php0000001.t_abcdefghij.hosting.test'],
    documentRoot: 'public',
    ...overrides,
  };
}

export function nodeSpec(overrides: Partial<AppWebrootSpec> = {}): AppWebrootSpec {
  return {
    name: 'web_node000001',
    tenant: TEST_TENANT,
    runtime: 'NODE',
    runtimeVersion: '20',
    runtimeConfig: { command: ['node', 'server.js', '--listen={socket}'] },
    serverNames: ['app.example.test'],
    documentRoot: '',
    ...overrides,
  };
}

export function staticSpec(overrides: Partial<StaticWebrootSpec> = {}): StaticWebrootSpec {
  return {
    name: 'web_static0001',
    tenant: TEST_TENANT,
    runtime: 'STATIC',
    runtimeVersion: '',
    runtimeConfig: {},
    serverNames: ['static.example.test'],
    documentRoot: 'site/html',
    ...overrides,
  };
}
