import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { CommandError } from '../linux-users/run-command.js';
import { DatabaseError, type DatabaseDumpResult } from '@hostplane/contract/data-stores';
import type { MysqlConnectionOptions } from './sql.js';

/** The client programs and the admin connection they use. */
export interface MysqlClientPrograms {
  connection: MysqlConnectionOptions;
  /** `mysqldump` (or `mariadb-dump`). */
  mysqldumpPath: string;
  /** `mysql` (or `mariadb`). */
  mysqlPath: string;
}

const STDERR_LIMIT = 64 * 1024;
type Stream = NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream;

/** Connection arguments; the password travels in the child's environment, never in argv. */
function connectionArgs(c: MysqlConnectionOptions): string[] {
  const where = c.socketPath
    ? [`--socket=${c.socketPath}`]
    : ['--protocol=TCP', `--host=${c.host ?? '127.0.0.1'}`, `--port=${c.port ?? 3306}`];
  return [...where, `--user=${c.user}`];
}

function childEnv(c: MysqlConnectionOptions): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MYSQL_PWD;
  if (c.password) env.MYSQL_PWD = c.password;
  return env;
}

/**
 * Runs `program args` with `feed` piped to its stdin or its stdout piped to `drain` (streams,
 * no shell, no buffering of the whole dump) and resolves when both the pipe and the process
 * are done; a non-zero exit becomes a (retryable) CommandError with the program's stderr.
 */
async function runPiped(
  programs: MysqlClientPrograms,
  program: string,
  args: string[],
  io: { feed: Stream[] } | { drain: Stream[] },
): Promise<void> {
  const fullArgs = [...connectionArgs(programs.connection), ...args];
  const child = spawn(program, fullArgs, {
    env: childEnv(programs.connection),
    stdio: ['feed' in io ? 'pipe' : 'ignore', 'drain' in io ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const piped = pipeline('feed' in io ? [...io.feed, child.stdin!] : [child.stdout!, ...io.drain]);
  // Wait for both: a failed pipe (EPIPE) usually means the program exited first, with a reason.
  const [pipeResult, exitCode] = await Promise.allSettled([piped, exited]);
  const code = exitCode.status === 'fulfilled' ? exitCode.value : null;
  if (code !== 0) throw new CommandError(program, fullArgs, code, stderr);
  if (pipeResult.status === 'rejected') throw pipeResult.reason;
}

/**
 * Dumps database `name` to `file` (gzip-compressed when it ends in `.gz`) without a
 * `CREATE DATABASE`/`USE` line, so it restores into any database name. The file appears only
 * when complete (written beside it, then renamed).
 */
export async function dumpDatabase(
  programs: MysqlClientPrograms,
  { name, file }: { name: string; file: string },
): Promise<DatabaseDumpResult> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const hash = createHash('sha256');
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => hash.update(chunk));
  const args = [
    '--single-transaction', // a consistent snapshot of InnoDB tables without locking writers
    '--quick',
    '--routines',
    '--triggers',
    '--events',
    '--hex-blob', // binary columns as hex literals: byte-exact whatever the connection charset
    '--default-character-set=utf8mb4',
    '--skip-dump-date',
    name,
  ];
  const out = createWriteStream(partial, { mode: 0o600 });
  const drain = file.endsWith('.gz') ? [createGzip(), tap, out] : [tap, out];
  try {
    await runPiped(programs, programs.mysqldumpPath, args, { drain });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path: file, bytes: (await stat(file)).size, sha256: hash.digest('hex') };
}

/**
 * The client runs as root with the admin account, and the file came from another node: it may
 * hold SQL only. `--binary-mode` stops the client from reading `\` commands and their long
 * names (`\!`/`system` runs a shell, `\.`/`source` reads a file, `\T`/`tee` writes one) —
 * only `DELIMITER`, which dumps of routines and triggers need, is still read;
 * `--sandbox` refuses every command that touches the file system should one get through;
 * `--local-infile=0` keeps `LOAD DATA LOCAL` from reading the agent's files.
 */
const RESTORE_CLIENT_LIMITS = ['--binary-mode', '--sandbox', '--local-infile=0'];
/** What the client says when it meets a command those limits refuse. */
const CLIENT_COMMAND_REFUSED = /Unknown command '\\|Not allowed in the sandbox mode/;

/** Replays `file` (a `dumpDatabase` output) into the existing database `name`. */
export async function restoreDatabase(
  programs: MysqlClientPrograms,
  { name, file }: { name: string; file: string },
): Promise<void> {
  const input = createReadStream(file);
  const feed = file.endsWith('.gz') ? [input, createGunzip()] : [input];
  const args = ['--default-character-set=utf8mb4', '--batch', ...RESTORE_CLIENT_LIMITS, name];
  await runPiped(programs, programs.mysqlPath, args, { feed }).catch((error: unknown) => {
    // The same file fails the same way on every retry: say so once, non-retryably.
    if (error instanceof CommandError && CLIENT_COMMAND_REFUSED.test(error.stderr)) {
      throw new DatabaseError(
        'InvalidDatabaseDump',
        `dump refused: it holds a mysql client command (${error.stderr.trim()})`,
      );
    }
    throw error;
  });
}
