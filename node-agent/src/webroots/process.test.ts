// runningPid against real processes: a pid file is believed only for the daemon it was written by.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPid } from './process.js';

let dir: string;
const marker = () => path.join(dir, 'daemon.conf');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'running-pid-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runningPid', () => {
  it('takes the pid of a live process whose command line names the daemon’s config', async () => {
    const daemon = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', marker()]);
    try {
      await writeFile(path.join(dir, 'a.pid'), `${daemon.pid}\n`);
      expect(await runningPid(path.join(dir, 'a.pid'), marker())).toBe(daemon.pid);
    } finally {
      daemon.kill('SIGKILL');
    }
  });

  it('refuses a stale pid now held by another process (pids wrap): never that process', async () => {
    // The pid file names a live process, but not the daemon: what a reused pid looks like.
    await writeFile(path.join(dir, 'b.pid'), `${process.pid}\n`);
    expect(await runningPid(path.join(dir, 'b.pid'), marker())).toBeNull();
    const other = spawn('/bin/sleep', ['30']);
    try {
      await writeFile(path.join(dir, 'c.pid'), `${other.pid}\n`);
      expect(await runningPid(path.join(dir, 'c.pid'), marker())).toBeNull();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('is null for a missing file, a dead pid, or pid 1', async () => {
    expect(await runningPid(path.join(dir, 'missing.pid'), marker())).toBeNull();
    const gone = spawn('/bin/true');
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(path.join(dir, 'd.pid'), `${gone.pid}\n`);
    expect(await runningPid(path.join(dir, 'd.pid'), marker())).toBeNull();
    await writeFile(path.join(dir, 'e.pid'), '1\n');
    expect(await runningPid(path.join(dir, 'e.pid'), '/sbin/init')).toBeNull();
  });
});
