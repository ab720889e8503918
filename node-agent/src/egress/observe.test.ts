import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOwnAppPorts } from './observe.js';

const FIXTURES = new URL('../../test-fixtures/', import.meta.url);

describe('own app ports, read from the live supervisord programs', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'egress-observe-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('pairs each app program’s user with its PORT', async () => {
    // The golden app program apps/render.ts writes: user=t_abcdefghij, PORT="13001".
    await copyFile(new URL('apps/node.conf', FIXTURES), path.join(dir, 'web_node000001.conf'));
    expect(await listOwnAppPorts(dir, new Map([['t_abcdefghij', 300_001]]))).toEqual([{ uid: 300_001, port: 13_001 }]);
  });

  it('leaves out programs of users that are not this node’s tenants, and other files', async () => {
    await copyFile(new URL('apps/node.conf', FIXTURES), path.join(dir, 'web_node000001.conf'));
    await writeFile(path.join(dir, 'notes.conf'), 'user=t_abcdefghij\nenvironment=PORT="22"\n');
    expect(await listOwnAppPorts(dir, new Map([['t_zzzzzzzzzz', 300_002]]))).toEqual([]);
    expect(await listOwnAppPorts(dir, new Map([['t_abcdefghij', 300_001]]))).toEqual([{ uid: 300_001, port: 13_001 }]);
    expect(await listOwnAppPorts(path.join(dir, 'absent'), new Map())).toEqual([]);
  });
});
