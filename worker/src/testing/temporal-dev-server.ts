// A real Temporal dev server for integration tests: SQLite in a temp file, a free port, no UI.
// (@temporalio/testing would download a server binary, which is not possible offline.)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

/** Where TOOLCHAIN.md builds the pinned CLI; TEMPORAL_CLI overrides it. */
export const temporalCliPath =
  process.env.TEMPORAL_CLI ?? path.join(homedir(), '.cache/hostplane/temporal-v1.5.1/temporal');

export interface TemporalDevServer {
  address: string;
  stop(): Promise<void>;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The frontend accepts connections before `default` exists: ready means the namespace answers. */
async function namespaceReady(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 }).catch(() => null);
  if (!connection) return false;
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } catch {
    return false;
  } finally {
    await connection.close();
  }
}

export async function startTemporalDevServer(timeoutMs = 30_000): Promise<TemporalDevServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-temporal-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--db-filename', path.join(dir, 'temporal.db'), '--log-level', 'error');
  const child = spawn(temporalCliPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await namespaceReady(address))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Temporal dev server did not start on ${address}: ${stderr.trim()}`);
    }
    await sleep(200);
  }
  return { address, stop };
}
