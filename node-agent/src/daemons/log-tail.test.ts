import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDaemonLog } from './log-tail.js';

describe('daemon log tail', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hp-daemon-log-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const request = { tenant: 't_abcdefghij', webroot: 'web_abcdefghij', daemon: 'worker', lines: 2 };

  it('returns the last lines of each process that has a log, and nothing for one that never ran', async () => {
    await writeFile(path.join(dir, 'web_abcdefghij_worker.0.log'), 'one\ntwo\nthree\n');
    await writeFile(path.join(dir, 'web_abcdefghij_worker.2.log'), 'only line');
    await writeFile(path.join(dir, 'web_abcdefghij_other.0.log'), 'another daemon\n');
    expect(await readDaemonLog(dir, request)).toEqual([
      { process: 0, lines: ['two', 'three'] },
      { process: 2, lines: ['only line'] },
    ]);
  });

  it('reads a bounded end of a huge log, from its first whole line', async () => {
    const line = 'x'.repeat(999);
    await writeFile(path.join(dir, 'web_abcdefghij_worker.0.log'), `${line}\n`.repeat(1000) + 'last\n');
    const [log] = await readDaemonLog(dir, { ...request, lines: 500 });
    expect(log!.lines.at(-1)).toBe('last');
    expect(log!.lines.length).toBeLessThan(500); // 256 KiB hold about 262 lines of 1000 bytes
    expect(log!.lines.slice(0, -1).every((l) => l === line)).toBe(true);
  });

  it('refuses names that could reach another file, and does not follow a link', async () => {
    for (const bad of [
      { webroot: '../etc', daemon: 'worker' },
      { webroot: 'web_abcdefghij', daemon: '../../passwd' },
      { webroot: 'web_abcdefghij', daemon: 'Worker' },
    ]) {
      await expect(readDaemonLog(dir, { ...request, ...bad })).rejects.toThrow(/bad daemon/);
    }
    await expect(readDaemonLog(dir, { ...request, lines: 501 })).rejects.toThrow(/lines/);
    await symlink('/etc/passwd', path.join(dir, 'web_abcdefghij_worker.0.log'));
    await expect(readDaemonLog(dir, request)).rejects.toThrow(/ELOOP/);
  });
});
