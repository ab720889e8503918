// Long-running child processes (Temporal, API, worker, node agent): spawn with prefixed log lines
// (or per-service log files in tests), wait for readiness, and stop them all — in order, and with
// SIGKILL as a last resort — so neither Ctrl-C nor a failing test run leaves orphans behind.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntil } from './ports.mjs';

const TAIL_LINES = 40;
const COLORS = ['36', '35', '33', '32', '34', '91', '96'];

export class ProcessGroup {
  /**
   * @param {{ logDir?: string, pidDir?: string }} options
   *   logDir: write each service's output to `<logDir>/<name>.log` (tests) instead of the console
   *   with a name prefix (`npm start`).
   *   pidDir: record each service's pid there, so `reapStale()` can stop what a killed run left.
   */
  constructor({ logDir, pidDir } = {}) {
    this.logDir = logDir;
    this.pidDir = pidDir;
    this.services = [];
    this.stopping = false;
    /**
     * Called when a service that was ready exits on its own (and is not supervised, or crashed
     * too often to be restarted again). Replace it to react (e.g. shut down).
     */
    this.onCrash = (service, reason) => {
      process.stderr.write(
        `\n[${service.name}] exited unexpectedly (${reason}); last lines:\n${this.tail(service.name)}\n`,
      );
    };
    /** Called with a line saying why and when a supervised service is restarted (see supervise()). */
    this.onRestart = (service, note) => {
      process.stderr.write(`\n[${service.name}] ${note}; last lines:\n${this.tail(service.name)}\n`);
    };
    if (logDir) mkdirSync(logDir, { recursive: true });
    if (pidDir) mkdirSync(pidDir, { recursive: true });
    // Last resort when our own process goes away without a clean stop (uncaught error, exit()).
    this.killOnExit = () => this.services.forEach((service) => signal(service, 'SIGKILL'));
    process.on('exit', this.killOnExit);
  }

  /**
   * Starts `command args` as service `name` and resolves when it is ready: when a line matches
   * `readyLine` (resolves with that line), when `readyProbe()` resolves truthy, or at once if
   * neither is given. Rejects with the last log lines if the process exits first.
   * Services in a higher `layer` are stopped before lower ones (apps before Temporal), each with
   * `stopSignal` (default SIGTERM). `uid`/`gid` run it as another user; `detached` puts it in a
   * process group of its own, out of reach of the terminal's Ctrl-C (stopAll stops it in turn).
   */
  start(name, command, args, options = {}) {
    return this.launch({ name, command, args, options });
  }

  /**
   * Restarts crashed services among `names` instead of reporting them to `onCrash`: after a
   * backoff (backoffMs, doubled per crash within windowMs, at most maxBackoffMs), with the same
   * command and options, each restart logged. `maxCrashes` crashes of one service within
   * `windowMs` (or a restart that keeps failing as often) give up: then `onCrash` is called.
   * @param {string[]} names
   * @param {{ maxCrashes?: number, windowMs?: number, backoffMs?: number, maxBackoffMs?: number }} [policy]
   */
  supervise(names, policy = {}) {
    const { maxCrashes = 5, windowMs = 60_000, backoffMs = 1_000, maxBackoffMs = 30_000 } = policy;
    this.supervision = { names: new Set(names), maxCrashes, windowMs, backoffMs, maxBackoffMs, crashes: new Map() };
  }

  /**
   * Sends `sig` (default SIGKILL) to service `name` and resolves with how it exited, once all its
   * output is read. The exit is expected: neither `onCrash` nor supervision reacts to it.
   */
  async kill(name, sig = 'SIGKILL') {
    const service = this.find(name);
    service.expectedExit = true;
    signal(service, sig);
    await service.closedPromise;
    return service.exited;
  }

  /**
   * Starts service `name` again with the command and options it was started with (`env` merged
   * over its environment, and kept for later restarts); stops it first (its stopSignal, then
   * SIGKILL after graceMs) if it still runs. Resolves when it is ready, as start() does.
   * @param {string} name  @param {{ env?: NodeJS.ProcessEnv, graceMs?: number }} [changes]
   */
  async restart(name, { env, graceMs = 10_000 } = {}) {
    const old = this.find(name);
    if (!old.exited) {
      old.expectedExit = true;
      await stopService(old, graceMs);
    }
    await old.closedPromise;
    const options = env
      ? { ...old.spec.options, env: { ...(old.spec.options.env ?? process.env), ...env } }
      : old.spec.options;
    return this.launch({ ...old.spec, options }, old);
  }

  /** A service that was ready exited on its own: restart it (when supervised) or report it. */
  crashed(service, reason) {
    const policy = this.supervision;
    if (this.stopping) return;
    if (!policy?.names.has(service.name)) return this.onCrash(service, reason);
    const now = Date.now();
    const recent = (policy.crashes.get(service.name) ?? []).filter((at) => now - at < policy.windowMs);
    recent.push(now);
    policy.crashes.set(service.name, recent);
    const within = `within ${policy.windowMs / 1000}s`;
    if (recent.length >= policy.maxCrashes) {
      note(service, `[hostplane] exited (${reason}): ${recent.length} crashes ${within}, giving up`);
      return this.onCrash(service, `${reason}; ${recent.length} crashes ${within}, not restarted again`);
    }
    const delay = Math.min(policy.backoffMs * 2 ** (recent.length - 1), policy.maxBackoffMs);
    const text = `exited unexpectedly (${reason}); restarting in ${delay / 1000}s (crash ${recent.length} of ${policy.maxCrashes} ${within})`;
    note(service, `[hostplane] ${text}`);
    this.onRestart(service, text);
    setTimeout(() => {
      if (this.stopping || this.find(service.name) !== service) return;
      this.launch(service.spec, service).then(
        () => note(this.find(service.name), '[hostplane] restarted and ready again'),
        (error) =>
          this.crashed(this.find(service.name), error instanceof Error ? error.message.split('\n')[0] : String(error)),
      );
    }, delay);
  }

  /** The current service called `name` (the newest start of it); throws for an unknown name. */
  find(name) {
    const service = this.services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no service called ${name}`);
    return service;
  }

  /** Spawns `spec`; replaces `previous` (a stopped start of the same service) in the list. */
  launch(spec, previous) {
    const { name, command, args, options } = spec;
    const { env, cwd, readyLine, readyProbe, timeoutMs = 60_000, layer = 1, stopSignal = 'SIGTERM' } = options;
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
      detached: options.detached ?? false,
    });
    const lines = previous?.lines ?? [];
    const service = { name, child, layer, stopSignal, lines, exited: null, ready: false, expectedExit: false, spec };
    service.exitedPromise = new Promise((resolve) => child.once('exit', resolve));
    service.closedPromise = new Promise((resolve) => {
      child.once('close', () => resolve(undefined));
      child.once('error', () => resolve(undefined));
    });
    if (this.pidDir && child.pid) {
      const pidFile = path.join(this.pidDir, `${name}.pid`);
      writeFileSync(pidFile, `${child.pid}\n${command}\n`);
      child.once('exit', () => {
        // A restart may already have written the new child's pid there.
        if (this.find(name) === service) rmSync(pidFile, { force: true });
      });
    }
    if (previous) this.services[this.services.indexOf(previous)] = service;
    else this.services.push(service);
    const write = previous?.write ?? this.writer(name);
    service.write = write;
    let onLine = () => {};
    const collect = (stream) => {
      let partial = '';
      stream.setEncoding('utf8');
      const emit = (line) => {
        service.lines.push(line);
        if (service.lines.length > TAIL_LINES) service.lines.shift();
        write(line);
        onLine(line);
      };
      stream.on('data', (chunk) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop();
        parts.forEach(emit);
      });
      stream.on('end', () => partial && emit(partial));
    };
    collect(child.stdout);
    collect(child.stderr);

    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (reason) => {
        settled = true;
        reject(new Error(`${name} ${reason} during start-up; last lines:\n${this.tail(name)}`));
      };
      const becomeReady = (value) => {
        if (settled || service.exited) return;
        settled = true;
        service.ready = true;
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => fail(`not ready after ${timeoutMs / 1000}s`), timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        service.exited = error.message;
        fail(`could not start (${error.message})`);
      });
      // 'close', not 'exit': only then has all output (a crash's stack trace) been read.
      child.once('close', (code, sig) => {
        clearTimeout(timer);
        service.exited = sig ? `signal ${sig}` : `exit ${code}`;
        if (!service.ready) fail(`exited (${service.exited})`);
        else if (!this.stopping && !service.expectedExit) this.crashed(service, service.exited);
      });
      if (readyLine) {
        onLine = (line) => readyLine.test(line) && becomeReady(line);
      } else if (readyProbe) {
        // Polls until ready, or until the process exits or the start-up timer fires (settled),
        // so a failed start leaves no loop running behind it.
        const poll = async () => {
          while (!settled && !service.exited) {
            if (await readyProbe().catch(() => false)) return becomeReady(undefined);
            await new Promise((resolveSleep) => setTimeout(resolveSleep, 250));
          }
        };
        void poll();
      } else {
        setImmediate(() => becomeReady(undefined));
      }
    });
  }

  /**
   * Stops services a previous run recorded in pidDir and never stopped (its parent was killed
   * with SIGKILL, say); they would hold our ports and poll our task queues. A pid is only
   * signalled while it still runs the recorded command, so a recycled pid is left alone.
   */
  async reapStale() {
    if (!this.pidDir) return [];
    const files = readdirSync(this.pidDir).filter((name) => name.endsWith('.pid'));
    const reaped = await Promise.all(files.map((file) => reapPidFile(this.pidDir, file)));
    return reaped.filter(Boolean);
  }

  /** The last lines a service printed (for error messages). */
  /** The pid of a running service (benchmarks read its memory), or undefined. */
  pidOf(name) {
    return this.services.find((service) => service.name === name)?.child.pid;
  }

  tail(name) {
    const service = this.services.find((candidate) => candidate.name === name);
    const where = this.logDir ? `\n(full log: ${path.join(this.logDir, `${name}.log`)})` : '';
    return (service?.lines ?? []).map((line) => `  ${line}`).join('\n') + where;
  }

  /** SIGTERM every service, highest layer first (in parallel within a layer); SIGKILL after graceMs. */
  async stopAll({ graceMs = 10_000 } = {}) {
    this.stopping = true;
    const layers = [...new Set(this.services.map((service) => service.layer))].sort((a, b) => b - a);
    for (const layer of layers) {
      const inLayer = this.services.filter((service) => service.layer === layer);
      await Promise.all(inLayer.map((service) => stopService(service, graceMs)));
    }
    process.off('exit', this.killOnExit);
  }

  /** A function that logs one line as service `name` (also for output we do not spawn ourselves). */
  writer(name) {
    if (this.logDir) {
      const file = createWriteStream(path.join(this.logDir, `${name}.log`), { flags: 'a' });
      return (line) => file.write(`${line}\n`);
    }
    this.writers = (this.writers ?? 0) + 1;
    const color = COLORS[(this.writers - 1) % COLORS.length];
    const prefix = paint(color, `${name.padEnd(9)}│`);
    return (line) => process.stdout.write(`${prefix} ${formatLine(line)}\n`);
  }
}

/**
 * Calls `handler` once on the first Ctrl-C / SIGTERM / SIGHUP; a second signal exits at once
 * (the 'exit' hook of each ProcessGroup then SIGKILLs what is left).
 */
export function onShutdownSignal(handler) {
  let received = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (received) process.exit(130);
      received = true;
      handler(sig);
    });
  }
}

/** A line of ours in a service's log and tail. */
function note(service, line) {
  service.lines.push(line);
  if (service.lines.length > TAIL_LINES) service.lines.shift();
  service.write(line);
}

async function stopService(service, graceMs) {
  if (service.exited) return;
  signal(service, service.stopSignal);
  const timer = setTimeout(() => {
    service.write(`[hostplane] still running ${graceMs / 1000}s after ${service.stopSignal}: sending SIGKILL`);
    signal(service, 'SIGKILL');
  }, graceMs);
  await service.exitedPromise;
  clearTimeout(timer);
}

async function reapPidFile(pidDir, file) {
  const pidFile = path.join(pidDir, file);
  const [pidText, command] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidText);
  let reaped = null;
  if (command && runsCommand(pid, command)) {
    process.kill(pid, 'SIGTERM');
    const gone = async () => !runsCommand(pid, command);
    await waitUntil(gone, { what: `pid ${pid} to exit`, timeoutMs: 5_000 }).catch(() => {
      process.kill(pid, 'SIGKILL');
    });
    reaped = `${file.slice(0, -'.pid'.length)} (pid ${pid})`;
  }
  rmSync(pidFile, { force: true });
  return reaped;
}

/** True while `pid` is alive and its command line starts with `command`. */
export function runsCommand(pid, command) {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!pid || !existsSync(cmdline)) return false;
  try {
    return readFileSync(cmdline, 'utf8').split('\0')[0] === command;
  } catch {
    return false;
  }
}

function signal(service, sig) {
  if (service.exited || service.child.exitCode !== null || service.child.signalCode) return;
  try {
    service.child.kill(sig);
  } catch {
    // already gone
  }
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const QUIET_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'v']);

/** pino JSON → `INFO api listening url=…`, easier to read in a terminal; other lines unchanged. */
function formatLine(line) {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    if (typeof entry.msg !== 'string') return line;
    const level = LEVELS[entry.level] ?? String(entry.level ?? '');
    const extra = Object.entries(entry)
      .filter(([key]) => !QUIET_KEYS.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    const levelText = entry.level >= 50 ? paint('31', level) : entry.level >= 40 ? paint('33', level) : level;
    return [levelText, entry.msg, ...extra].join(' ');
  } catch {
    return line;
  }
}

function paint(code, text) {
  return process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/**
 * Stops the daemons a run of ours left behind under `dir` — the node agent's nginx, HAProxy,
 * php-fpm, supervisord (and its programs) and redis-server — which live on after an agent that
 * was killed, or a terminal closed, and would hold their ports. First by the pid files below
 * `dir`, then any process still naming `dir` on its command line; a pid is signalled only while
 * its command line names `dir`, so a recycled pid is left alone. Resolves with what it stopped.
 * @param {string} dir  @param {{ skip?: string[] }} [options] folders below `dir` not to search for pid files
 */
export async function stopDaemonsUnder(dir, { skip = [] } = {}) {
  const names = (pid) => commandLineOf(pid)?.includes(dir) ?? false;
  const fromPidFiles = pidFilesUnder(dir, new Set(skip.map((sub) => path.join(dir, sub))))
    .map((file) => Number(readFileSync(file, 'utf8').trim().split('\n')[0]))
    .filter((pid) => pid > 1 && pid !== process.pid && names(pid));
  const stopPids = async (pids) => {
    const signalled = pids.filter((pid) => signalPid(pid, 'SIGTERM'));
    await waitUntil(async () => !signalled.some(names), { what: 'daemons to stop', timeoutMs: 5_000 }).catch(() =>
      signalled.filter(names).forEach((pid) => signalPid(pid, 'SIGKILL')),
    );
    return signalled;
  };
  // Masters first (they stop their workers and programs), then whatever is left of them.
  const stopped = [...(await stopPids(fromPidFiles)), ...(await stopPids(processesNaming(dir)))];
  return [...new Set(stopped)];
}

function pidFilesUnder(dir, skip, depth = 0) {
  if (depth > 6 || skip.has(dir)) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pidFilesUnder(full, skip, depth + 1);
    return entry.isFile() && entry.name.endsWith('.pid') ? [full] : [];
  });
}

/** Pids (not ours, nor our ancestors') whose command line names `dir`. */
function processesNaming(dir) {
  const ours = new Set([process.pid, process.ppid]);
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => !ours.has(pid) && (commandLineOf(pid)?.includes(dir) ?? false));
}

function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

function signalPid(pid, sig) {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}
