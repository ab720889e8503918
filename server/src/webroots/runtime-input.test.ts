import { describe, expect, it } from 'vitest';
import { PhpProcessManagerMode, type WebRuntime } from '@hostplane/schema';
import { resolveRuntime, type RuntimeChoice } from './runtime-input.js';
import { intersectOffers, type RuntimeOffers } from './runtime-offers.js';

/** What a shard's nodes report, newest first. */
const OFFERS: RuntimeOffers = { PHP: ['8.3', '8.2'], NODE: ['20'], PYTHON: ['3.11'], RUBY: [] };
const resolve = (input: Parameters<typeof resolveRuntime>[0], previous: RuntimeChoice | null = null) =>
  resolveRuntime(input, previous, OFFERS);
const php = (runtime: WebRuntime = 'PHP' as WebRuntime) => ({ runtime });

describe('resolveRuntime', () => {
  it('fills the platform defaults: newest offered version, public, default app command', () => {
    expect(resolve(php())).toEqual({
      choice: { runtime: 'PHP', runtimeVersion: '8.3', runtimeConfig: {}, documentRoot: 'public' },
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

describe('runtime versions from the nodes', () => {
  it('refuses a version the shard does not offer, listing what it does', () => {
    expect(resolve({ ...php(), runtimeVersion: '7.4' })).toEqual({
      userErrors: [expect.objectContaining({ message: 'PHP 7.4 is not available; available: 8.3, 8.2.' })],
    });
    expect(resolve({ runtime: 'RUBY' as WebRuntime })).toEqual({
      userErrors: [expect.objectContaining({ message: expect.stringMatching(/no version of RUBY is available/) })],
    });
  });

  it('offers what every node has, newest first, and nothing when a node has nothing', () => {
    const node = (php: string[]): RuntimeOffers => ({ PHP: php, NODE: ['20'], PYTHON: [], RUBY: [] });
    expect(intersectOffers([node(['8.2', '8.10', '8.9']), node(['8.9', '8.10'])]).PHP).toEqual(['8.10', '8.9']);
    expect(intersectOffers([node(['8.2']), node([])]).PHP).toEqual([]);
    expect(intersectOffers([]).NODE).toEqual([]);
  });
});
