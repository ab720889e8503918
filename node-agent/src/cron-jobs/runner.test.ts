// The cron runner against the real kernel (run as root, like the agent): a run is the tenant's
// UID in its folder, everything it started dies at the timeout and after the job exits (its PID
// namespace), and what it prints is kept to a bounded tail.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCronActivities } from './activities.js';
import { runCronProcess } from './runner.js';

const UID = 700_000 + Math.floor(Math.random() * 100_000);
const ENV = { PATH: '/usr/bin:/bin' };

/** PIDs running as `uid` on this machine (zombies, which run nothing, left out). */
async function runningAs(uid: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const status = await Promise.all(pids.map((p) => readFile(`/proc/${p}/status`, 'utf8').catch(() => '')));
  const mine = (s: string) => new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(s) && !/^State:\s+Z/m.test(s);
  return pids.filter((_, i) => mine(status[i]!)).map(Number);
}

describe('cron runner', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cron-runner-'));
    await chmod(dir, 0o777); // the unprivileged UID writes its pid files here
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs as the UID (no supplementary groups) in the folder, with the environment given, and keeps the exit code', async () => {
    const result = await runCronProcess({
      uid: UID,
      cwd: dir,
      argv: ['sh', '-c', 'id -u; id -g; id -G; pwd; echo "$GREETING"; exit 3'],
      env: { ...ENV, GREETING: 'hello cron' },
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, outputTruncated: false });
    expect(result.output.trim().split('\n')).toEqual([`${UID}`, `${UID}`, `${UID}`, dir, 'hello cron']);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('kills everything the run started at the timeout, a setsid child and a double fork included', async () => {
    const started = performance.now();
    const result = await runCronProcess({
      uid: UID,
      cwd: dir,
      argv: [
        'sh',
        '-c',
        'sleep 300 & setsid sleep 301 > /dev/null 2>&1 & (sh -c "sleep 302 &" &); echo "started as $$"; sleep 300',
      ],
      env: ENV,
      timeoutMs: 1_000,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true });
    // The job is its PID namespace's first process: its end is the namespace's.
    expect(result.output).toContain('started as 1');
    await expect.poll(() => runningAs(UID), { timeout: 5_000 }).toEqual([]);
  });

  it('ends what a job left running, in its group or out of it, when it exits on its own', async () => {
    const result = await runCronProcess({
      uid: UID,
      cwd: dir,
      argv: ['sh', '-c', 'sleep 300 > /dev/null 2>&1 & setsid sleep 301 > /dev/null 2>&1 & exit 0'],
      env: ENV,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    await expect.poll(() => runningAs(UID), { timeout: 5_000 }).toEqual([]);
  });

  it('keeps only the tail of a chatty job’s output', async () => {
    const result = await runCronProcess({
      uid: UID,
      cwd: dir,
      // 200 KiB of numbered lines on stdout and stderr, then a last line.
      argv: [
        'sh',
        '-c',
        'i=0; while [ $i -lt 4000 ]; do echo "line $i $(printf %030d 0)"; echo err $i >&2; i=$((i+1)); done; echo THE-END',
      ],
      env: ENV,
      timeoutMs: 110_000,
      tailBytes: 4096,
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputTruncated).toBe(true);
    expect(Buffer.byteLength(result.output)).toBeLessThanOrEqual(4096);
    // The newest output, not the oldest (two pipes: their last lines may interleave).
    expect(result.output).toContain('THE-END');
    expect(result.output).not.toContain('line 0 ');
  }, 120_000); // 8,000 forks: seconds alone, tens of seconds on a loaded machine

  it('cannot follow a link the tenant planted as its folder with root’s rights', async () => {
    const link = path.join(dir, 'planted');
    await import('node:fs/promises').then((fs) => fs.symlink('/root', link));
    const result = await runCronProcess({ uid: UID, cwd: link, argv: ['ls'], env: ENV, timeoutMs: 10_000 });
    expect(result.exitCode).toBe(126); // `cd` as the tenant is refused: /root is root's
  });

  it('refuses a spec the agent did not check (never runs it)', async () => {
    const activities = createCronActivities({ homeRoot: dir, path: '/usr/bin:/bin' }, pino({ level: 'silent' }));
    const spec = {
      jobId: 'job',
      tenant: 't_abcdefghij',
      uid: UID,
      webroot: 'web_abcdefghij',
      command: ['true'],
      timeoutSeconds: 5,
    };
    for (const bad of [
      { ...spec, tenant: '../root' },
      { ...spec, webroot: '../../etc' },
      { ...spec, uid: 0 },
      { ...spec, command: [] },
      { ...spec, timeoutSeconds: 0 },
      { ...spec, env: [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }] },
    ]) {
      await expect(activities.runCronJob(bad)).rejects.toMatchObject({ type: 'InvalidCronRun' });
    }
  });

  it('runs a batch side by side, each run once however often the batch comes again, and refuses a bad spec of it alone', async () => {
    const activities = createCronActivities({ homeRoot: dir, path: '/usr/bin:/bin' }, pino({ level: 'silent' }));
    const webroot = path.join(dir, 't_batchbatch', 'webroots', 'web_batchbatch');
    await mkdir(webroot, { recursive: true });
    await chmod(webroot, 0o777);
    const spec = (jobId: string, command: string[]) => ({
      jobId,
      tenant: 't_batchbatch',
      uid: UID,
      webroot: 'web_batchbatch',
      command,
      timeoutSeconds: 10,
    });
    // Each run appends to its own file after a second: run one after another they would take 3 s.
    const runs = ['a', 'b', 'c'].map((name) => ({
      runId: `run-${name}`,
      spec: spec(name, ['sh', '-c', `sleep 1; echo ${name} >> ${name}.txt; echo done ${name}`]),
    }));
    const bad = { runId: 'run-bad', spec: { ...spec('bad', ['true']), uid: 0 } };
    const started = performance.now();
    // The same batch twice at once (a retried activity), and once more after it ended.
    const [first, second] = await Promise.all([
      activities.runCronBatch([...runs, bad]),
      activities.runCronBatch([...runs, bad]),
    ]);
    expect(performance.now() - started).toBeLessThan(2_900);
    expect(second).toEqual(first);
    expect(first.slice(0, 3).map((o) => 'result' in o && [o.runId, o.result.exitCode, o.result.output])).toEqual([
      ['run-a', 0, 'done a\n'],
      ['run-b', 0, 'done b\n'],
      ['run-c', 0, 'done c\n'],
    ]);
    expect(first[3]).toMatchObject({ runId: 'run-bad', refused: expect.stringContaining('bad uid') });
    expect(await activities.runCronBatch(runs)).toEqual(first.slice(0, 3));
    for (const name of ['a', 'b', 'c'])
      expect(await readFile(path.join(webroot, `${name}.txt`), 'utf8')).toBe(`${name}\n`);
  });

  it('answers a batch’s quick runs without waiting for its slow one, which a continuing call then gets; a continuing call starts nothing', async () => {
    const activities = createCronActivities({ homeRoot: dir, path: '/usr/bin:/bin' }, pino({ level: 'silent' }));
    const webroot = path.join(dir, 't_quickslow0', 'webroots', 'web_quickslow0');
    await mkdir(webroot, { recursive: true });
    await chmod(webroot, 0o777);
    const run = (name: string, script: string) => ({
      runId: `run-${name}`,
      spec: {
        jobId: name,
        tenant: 't_quickslow0',
        uid: UID,
        webroot: 'web_quickslow0',
        command: ['sh', '-c', script],
        timeoutSeconds: 10,
      },
    });
    const quick = run('quick', 'echo quick');
    const slow = run('slow', 'sleep 4; echo slow >> slow.txt');
    const started = performance.now();
    const first = await activities.runCronBatch([quick, slow]);
    expect(performance.now() - started).toBeLessThan(3_500);
    expect(first).toEqual([
      { runId: 'run-quick', result: expect.objectContaining({ exitCode: 0, output: 'quick\n' }) },
    ]);
    // The rest, from the same agent: the slow run's own outcome, not a second start.
    const rest = await activities.runCronBatch([slow], { continuing: true });
    expect(rest).toEqual([{ runId: 'run-slow', result: expect.objectContaining({ exitCode: 0 }) }]);
    expect(await readFile(path.join(webroot, 'slow.txt'), 'utf8')).toBe('slow\n');
    // A run this agent never started (it restarted since) is lost, not started now.
    const unknown = run('unknown', 'echo ran >> unknown.txt');
    expect(await activities.runCronBatch([unknown], { continuing: true })).toEqual([
      { runId: 'run-unknown', refused: expect.stringContaining('lost') },
    ]);
    await expect(readFile(path.join(webroot, 'unknown.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
