// Debian's own OpenSSH client, as a tenant runs it: a real `ssh` and `sftp` against the node's
// sshd, with a key of the test's own and nothing from the machine (no agent, no config file).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface KeyPair {
  file: string;
  publicKey: string;
}

/** A fresh key pair (`ssh-keygen`), in a folder of its own. */
export async function keyPair(type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519', bits?: number): Promise<KeyPair> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-ssh-key-'));
  const file = path.join(dir, 'id');
  await run('ssh-keygen', [
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', String(bits)] : []),
    '-N',
    '',
    '-C',
    'e2e@test',
    '-f',
    file,
  ]);
  return { file, publicKey: (await readFile(`${file}.pub`, 'utf8')).trim() };
}

export interface Target {
  address: string;
  port: number;
  username: string;
}

const clientOptions = (key: KeyPair, target: Target) => [
  '-F',
  '/dev/null',
  '-i',
  key.file,
  '-o',
  'IdentitiesOnly=yes',
  '-o',
  'IdentityAgent=none',
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=no',
  '-o',
  'UserKnownHostsFile=/dev/null',
  '-o',
  'LogLevel=ERROR',
  '-o',
  'ConnectTimeout=10',
  '-o',
  `Port=${target.port}`,
];

/** Runs `command` over SSH; resolves with its exit code and output (exit 255: refused by sshd). */
export async function sshRun(
  key: KeyPair,
  target: Target,
  command: string,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  // -n: no stdin, so a session forced into SFTP ends instead of waiting for packets.
  const args = [...clientOptions(key, target), '-n', ...extra, `${target.username}@${target.address}`, command];
  return run('ssh', args, { timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

/** An SSH session left open (`command` runs until the session ends). */
export function sshSession(key: KeyPair, target: Target, command: string): ChildProcess {
  return spawn('ssh', [...clientOptions(key, target), `${target.username}@${target.address}`, command], {
    stdio: 'ignore',
  });
}

/** Runs an `sftp -b` batch; resolves with its exit code and output. */
export async function sftpBatch(
  key: KeyPair,
  target: Target,
  batch: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-sftp-'));
  const file = path.join(dir, 'batch');
  await writeFile(file, batch);
  const args = [...clientOptions(key, target), '-b', file, `${target.username}@${target.address}`];
  return run('sftp', args, { timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

/** The fingerprints (`SHA256:…`) of the host keys a server presents (ssh-keyscan, then ssh-keygen -l). */
export async function scannedFingerprints(address: string, port: number): Promise<string[]> {
  const { stdout } = await run('ssh-keyscan', ['-p', String(port), '-t', 'ed25519,ecdsa', address]);
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-scan-'));
  await writeFile(path.join(dir, 'keys'), stdout);
  const listed = await run('ssh-keygen', ['-l', '-f', path.join(dir, 'keys')]);
  return listed.stdout
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .sort();
}
