import { lstat, mkdir, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigGenerations, planChanges } from './generations.js';
import { makeTestRoot } from './test-harness.js';

let root: string;
beforeAll(async () => void (root = await makeTestRoot('gen')));
afterAll(async () => void (root && (await rm(root, { recursive: true, force: true }))));

describe('planChanges', () => {
  const live = new Map([
    ['a', '1'],
    ['b', '2'],
    ['c', '3'],
  ]);
  it('writes differences; prunes all but keep, or removes only what is named', () => {
    const desired = new Map([
      ['a', '1'],
      ['b', 'x'],
      ['d', '4'],
    ]);
    expect(planChanges(live, desired, { prune: true, keep: new Set(['c']) })).toEqual(
      new Map([
        ['b', 'x'],
        ['d', '4'],
      ]),
    );
    expect(planChanges(live, desired, { prune: true, keep: new Set() })).toEqual(
      new Map([
        ['b', 'x'],
        ['d', '4'],
        ['c', null],
      ]),
    );
    expect(planChanges(live, new Map(), { prune: false, remove: new Set(['a', 'z']) })).toEqual(new Map([['a', null]]));
  });
});

describe('ConfigGenerations', () => {
  it('switches whole folders by symlink, keeps unchanged files, rolls back, collects garbage', async () => {
    const gens = new ConfigGenerations(path.join(root, 'sites'));
    const first = await gens.stage(
      new Map([
        ['a.conf', 'A'],
        ['b.conf', 'B'],
      ]),
    );
    await first.commit();
    const second = await gens.stage(
      new Map([
        ['b.conf', null],
        ['c.conf', 'C'],
      ]),
    );
    expect(await gens.readLive(/\.conf$/)).toEqual(
      new Map([
        ['a.conf', 'A'],
        ['b.conf', 'B'],
      ]),
    ); // not yet live
    await second.commit();
    expect(await gens.readLive(/\.conf$/)).toEqual(
      new Map([
        ['a.conf', 'A'],
        ['c.conf', 'C'],
      ]),
    );
    await second.rollback();
    expect(await gens.readLive(/\.conf$/)).toEqual(
      new Map([
        ['a.conf', 'A'],
        ['b.conf', 'B'],
      ]),
    );
    await gens.collectGarbage();
    expect((await readdir(root)).filter((n) => n.startsWith('.sites.'))).toEqual([path.basename(first.dir)]);
  });

  it('takes over a plain folder left where the symlink belongs', async () => {
    const link = path.join(root, 'plain');
    await mkdir(link);
    await writeFile(path.join(link, 'x.conf'), 'X');
    const gens = new ConfigGenerations(link);
    const staged = await gens.stage(new Map([['y.conf', 'Y']]));
    await staged.commit();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(path.basename(staged.dir));
    expect(await readFile(path.join(link, 'x.conf'), 'utf8')).toBe('X');
  });
});
