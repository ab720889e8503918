import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDaemonLogs } from './logs.js';

describe('removing a gone webroot’s daemon logs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hp-daemon-logs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('removes its daemons’ logs and their rotations, and nothing else', async () => {
    const files = [
      'web_gone000001_worker.0.log',
      'web_gone000001_worker.0.log.1',
      'web_gone000001_ws-echo.3.log',
      'web_kept000001_worker.0.log',
      'web_gone000001.log', // the app's own log: the app manager's business
      'supervisord.log',
    ];
    for (const file of files) await writeFile(path.join(dir, file), 'x\n');
    await removeDaemonLogs(dir, (webroot) => webroot === 'web_gone000001');
    expect((await readdir(dir)).sort()).toEqual([
      'supervisord.log',
      'web_gone000001.log',
      'web_kept000001_worker.0.log',
    ]);
  });

  it('is fine with a folder that does not exist yet', async () => {
    await expect(removeDaemonLogs(path.join(dir, 'missing'), () => true)).resolves.toBeUndefined();
  });
});
