import { describe, expect, it } from 'vitest';
import { PhpProcessManagerMode, type WebRuntime } from '@hostplane/schema';
import { resolveRuntime, type RuntimeChoice } from './runtime-input.js';
import { DEFAULT_WEB_HOSTING, parseRuntimeVersions } from './settings.js';

const resolve = (input: Parameters<typeof resolveRuntime>[0], previous: RuntimeChoice | null = null) =>
  resolveRuntime(input, previous, DEFAULT_WEB_HOSTING);
const php = (runtime: WebRuntime = 'PHP' as WebRuntime) => ({ runtime });

describe('resolveRuntime', () => {
  it('fills the platform defaults: first offered version, public, default app command', () => {
    expect(resolve(php())).toEqual({
      choice: { runtime: 'PHP', runtimeVersion: '8.2', runtimeConfig: {}, documentRoot: 'public' },
    });
    expect(resolve({ runtime: 'NODE' as WebRuntime })).toMatchObject({
      choice: { runtimeVersion: '20', runtimeConfig: { command: ['node', 'server.js'] } },
    });
    expect(resolve({ runtime: 'STATIC' as WebRuntime, runtimeVersion: '9' })).toMatchObject({
      choice: { runtimeVersion: '' },
    });
  });

  it('turns the GraphQL PHP settings into the node spec shape', () => {
    const result = resolve({
      ...php(),
      phpSettings: {
        processManager: {
          mode: PhpProcessManagerMode.DYNAMIC,
          maxChildren: 8,
          startServers: 2,
          minSpareServers: 1,
          maxSpareServers: 3,
          maxRequests: null,
        },
        phpValues: [{ key: 'memory_limit', value: '256M' }],
      },
    });
    expect(result).toMatchObject({
      choice: {
        runtimeConfig: {
          processManager: {
            mode: 'dynamic',
            maxChildren: 8,
            startServers: 2,
            minSpareServers: 1,
            maxSpareServers: 3,
          },
          phpValues: { memory_limit: '256M' },
        },
      },
    });
  });

  it('maps the node validator’s fields back to the input fields', () => {
    const errors = (input: Parameters<typeof resolveRuntime>[0]) =>
      'userErrors' in resolve(input)
        ? (resolve(input) as { userErrors: { field: string[] }[] }).userErrors.map((e) => e.field.join('.'))
        : [];
    expect(errors({ ...php(), phpSettings: { phpAdminValues: [{ key: 'open_basedir', value: '/' }] } })).toEqual([
      'input.phpSettings.phpAdminValues',
    ]);
    expect(
      errors({
        ...php(),
        phpSettings: {
          phpValues: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        },
      }),
    ).toEqual(['input.phpSettings.phpValues']);
    expect(errors({ runtime: 'PYTHON' as WebRuntime, appCommand: ['gunicorn app:app'] })).toEqual(['input.appCommand']);
    expect(errors({ runtime: 'STATIC' as WebRuntime, documentRoot: 'a/../../etc' })).toEqual(['input.documentRoot']);
  });

  it('keeps what an update leaves out, and starts from the defaults when the runtime switches', () => {
    const previous: RuntimeChoice = {
      runtime: 'PHP',
      runtimeVersion: '8.3',
      runtimeConfig: { phpValues: { x: '1' } },
      documentRoot: 'web',
    };
    expect(resolve({}, previous)).toEqual({ choice: previous });
    expect(resolve({ runtime: 'NODE' as WebRuntime }, previous)).toEqual({
      choice: {
        runtime: 'NODE',
        runtimeVersion: '20',
        runtimeConfig: { command: ['node', 'server.js'] },
        documentRoot: 'web',
      },
    });
  });
});

describe('parseRuntimeVersions', () => {
  it('replaces the runtimes it names and refuses junk', () => {
    expect(parseRuntimeVersions('PHP=8.3,8.2; NODE=22')).toMatchObject({
      PHP: ['8.3', '8.2'],
      NODE: ['22'],
      RUBY: ['3.2', '3.3'],
    });
    expect(() => parseRuntimeVersions('JAVA=21')).toThrow(/not RUNTIME=version/);
    expect(() => parseRuntimeVersions('PHP=8.2;rm -rf')).toThrow();
  });
});
