// Integration: `hostctl converge-shard` as a child process against the running platform.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getPlatform } from '@hostplane/e2e/harness';

const BIN = fileURLToPath(new URL('../../bin/hostctl.js', import.meta.url));
const workDir = mkdtempSync(path.join(tmpdir(), 'hostctl-converge-'));

function hostctl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { adminKey, apiUrl } = getPlatform();
  const env = { ...process.env, HOSTING_API_KEY: adminKey, HOSTING_API_URL: apiUrl };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: workDir, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
        stdout,
        stderr,
      });
    });
  });
}

describe('hostctl converge-shard', () => {
  it('converges a shard by name and follows it to the end', async () => {
    // Other suites may converge the same shard right now: a shard converges once at a time.
    let run = await hostctl(['converge-shard', 'local-lb', '--watch', '-o', 'json']);
    for (let i = 0; i < 10 && /converging already/.test(run.stderr); i++) {
      await new Promise((r) => setTimeout(r, 500));
      run = await hostctl(['converge-shard', 'local-lb', '--watch', '-o', 'json']);
    }
    expect(run.stderr).toMatch(/step load balancer converged: SUCCEEDED/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'SUCCEEDED', ok: true, errors: [] });
  }, 90_000); // holds the CLI's own 60 s bound on a watched convergence, which takes tens of seconds under load

  it('names the known shards for an unknown one (usage error)', async () => {
    const run = await hostctl(['converge-shard', 'no-such-shard']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No shard named no-such-shard \(known: .*local-lb/);
  });
});
