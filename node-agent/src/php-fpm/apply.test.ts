// php-fpm for real: one master under a temp prefix, pools running as `nobody`.
import { access, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestRoot, webNodeTestOptions } from '../webroots/test-harness.js';
import { PhpFpmManager } from './apply.js';

let root: string;
let fpm: PhpFpmManager;
const keep = { prune: false as const, remove: new Set<string>() };

/** A pool as the renderer would write it, but for the `nobody` account. */
const pool = (name: string, user = 'nobody') =>
  [
    `[${name}]`,
    `user = ${user}`,
    'group = nogroup',
    `listen = ${fpm.socketPath('8.2', name)}`,
    'listen.owner = www-data',
    'listen.group = www-data',
    'pm = ondemand',
    'pm.max_children = 2',
    '',
  ].join('\n');

beforeAll(async () => {
  root = await makeTestRoot('fpm');
  fpm = new PhpFpmManager((await webNodeTestOptions(root)).options.phpFpm);
});

afterAll(async () => {
  await fpm?.stopAll();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('PhpFpmManager', () => {
  it('starts the master with the first pool, reloads with USR2 (new pid) for the next', async () => {
    expect(await fpm.apply('8.2', new Map([['web_aaaaaaaaaa', pool('web_aaaaaaaaaa')]]), keep, false)).toMatchObject({
      written: ['web_aaaaaaaaaa'],
      action: 'started',
    });
    const pid = await fpm.masterPid('8.2');
    expect(await fpm.apply('8.2', new Map([['web_bbbbbbbbbb', pool('web_bbbbbbbbbb')]]), keep, false)).toMatchObject({
      action: 'reloaded',
    });
    expect(await fpm.masterPid('8.2')).not.toBe(pid);
    await access(fpm.socketPath('8.2', 'web_aaaaaaaaaa'));
    expect(await fpm.apply('8.2', new Map([['web_bbbbbbbbbb', pool('web_bbbbbbbbbb')]]), keep, false)).toMatchObject({
      action: 'unchanged',
    });
  });

  it('refuses a pool php-fpm -t rejects without touching the running master', async () => {
    const pid = await fpm.masterPid('8.2');
    const bad = new Map([['web_cccccccccc', pool('web_cccccccccc', 'no_such_user_x')]]);
    await expect(fpm.apply('8.2', bad, keep, false)).rejects.toMatchObject({
      type: 'PhpFpmConfigRejected',
      message: "php-fpm -t refused the config: [pool web_cccccccccc] cannot get uid for user 'no_such_user_x'",
    });
    expect(await fpm.masterPid('8.2')).toBe(pid); // USR2 never sent: the master lives
    expect([...(await fpm.pools('8.2').readLive(/\.conf$/)).keys()].sort()).toEqual([
      'web_aaaaaaaaaa.conf',
      'web_bbbbbbbbbb.conf',
    ]);
  });

  it('isolates the bad pool in convergence, applies the rest, and stops when none are left', async () => {
    const desired = new Map([
      ['web_aaaaaaaaaa', pool('web_aaaaaaaaaa')],
      ['web_cccccccccc', pool('web_cccccccccc', 'no_such_user_x')],
      ['web_dddddddddd', pool('web_dddddddddd')],
    ]);
    const result = await fpm.apply('8.2', desired, { prune: true, keep: new Set() }, true);
    expect(result).toMatchObject({
      written: ['web_dddddddddd'],
      removed: ['web_bbbbbbbbbb'],
      action: 'reloaded',
    });
    expect([...result.rejected.keys()]).toEqual(['web_cccccccccc']);
    await expect(access(fpm.socketPath('8.2', 'web_bbbbbbbbbb'))).rejects.toThrow();
    expect(await fpm.apply('8.2', new Map(), { prune: true, keep: new Set() }, true)).toMatchObject({
      action: 'stopped',
    });
    expect(await fpm.masterPid('8.2')).toBeNull();
  });
});
