// `npm start`'s supervision (ProcessGroup.supervise) on small real child processes: a crashed
// service comes back with backoff, each restart logged; repeated fast crashes give up and report.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessGroup } from '@hostplane/scripts/lib';

/** A service that says it is ready, then runs until killed (or exits at once with `exitAtOnce`). */
const SERVICE = `console.log('ready pid=' + process.pid); setInterval(() => {}, 1000);`;

const groups: ProcessGroup[] = [];
let logDir = '';

async function newGroup(): Promise<ProcessGroup> {
  logDir = await mkdtemp(path.join(tmpdir(), 'hostplane-supervision-'));
  const group = new ProcessGroup({ logDir });
  groups.push(group);
  return group;
}

afterEach(async () => {
  await Promise.all(groups.splice(0).map((g) => g.stopAll({ graceMs: 2_000 })));
  await rm(logDir, { recursive: true, force: true });
});

const startService = (group: ProcessGroup, name: string) =>
  group.start(name, process.execPath, ['-e', SERVICE], { readyLine: /^ready/ });

function crashesReported(group: ProcessGroup) {
  const crashes: string[] = [];
  const restarts: string[] = [];
  group.onCrash = (service, reason) => crashes.push(`${service.name}: ${reason}`);
  group.onRestart = (service, note) => restarts.push(`${service.name}: ${note}`);
  return { crashes, restarts };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ProcessGroup supervision', () => {
  it('restarts a supervised service killed with SIGKILL, logs the restart, and leaves the others alone', async () => {
    const group = await newGroup();
    const { crashes, restarts } = crashesReported(group);
    group.supervise(['worker'], { backoffMs: 100 });
    await Promise.all([startService(group, 'worker'), startService(group, 'other')]);
    const first = group.pidOf('worker')!;
    const other = group.pidOf('other')!;

    process.kill(first, 'SIGKILL');
    await waitFor(() => group.pidOf('worker') !== first, 'a new worker process');
    await waitFor(() => group.tail('worker').includes('restarted and ready again'), 'the restarted worker to be ready');
    const second = group.pidOf('worker')!;
    expect(() => process.kill(second, 0)).not.toThrow(); // running
    expect(group.pidOf('other')).toBe(other);
    expect(crashes).toEqual([]);
    expect(restarts).toEqual([
      expect.stringMatching(/^worker: exited unexpectedly \(signal SIGKILL\); restarting in 0.1s \(crash 1 of 5/),
    ]);
    const log = await readFile(path.join(logDir, 'worker.log'), 'utf8');
    expect(log).toContain(`ready pid=${first}`);
    expect(log).toContain('[hostplane] exited unexpectedly (signal SIGKILL); restarting in 0.1s');
    expect(log).toContain(`ready pid=${second}`);
  });

  it('backs off, and gives up (reporting to onCrash) after maxCrashes fast crashes', async () => {
    const group = await newGroup();
    const { crashes, restarts } = crashesReported(group);
    group.supervise(['api'], { maxCrashes: 3, backoffMs: 100 });
    await startService(group, 'api');
    for (let crash = 1; crash <= 3; crash++) {
      const pid = group.pidOf('api')!;
      if (crash > 1)
        await waitFor(() => group.tail('api').split('restarted and ready again').length === crash, 'ready');
      process.kill(group.pidOf('api')!, 'SIGKILL');
      await waitFor(() => restarts.length + crashes.length === crash, `crash ${crash} to be handled`);
      expect(pid).toBeGreaterThan(0);
    }
    expect(restarts.map((note) => /restarting in ([\d.]+)s/.exec(note)?.[1])).toEqual(['0.1', '0.2']);
    expect(crashes).toEqual([expect.stringMatching(/^api: signal SIGKILL; 3 crashes within 60s, not restarted again/)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(group.tail('api').split('restarted and ready again').length).toBe(3); // no fourth start
  });

  it('reports an unsupervised crash to onCrash at once, and kill() of a service is no crash', async () => {
    const group = await newGroup();
    const { crashes, restarts } = crashesReported(group);
    group.supervise(['api'], { backoffMs: 100 });
    await Promise.all([startService(group, 'api'), startService(group, 'temporal')]);
    expect(await group.kill('api')).toBe('signal SIGKILL');
    process.kill(group.pidOf('temporal')!, 'SIGKILL');
    await waitFor(() => crashes.length === 1, 'the crash report');
    expect(crashes).toEqual(['temporal: signal SIGKILL']);
    expect(restarts).toEqual([]);
    // restart() brings a killed service back with the same command.
    await group.restart('api');
    expect(group.tail('api')).toMatch(/ready pid=\d+[\s\S]*ready pid=\d+/);
  });
});
