import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startDaemon } from '../daemon-env.js';
import { writeFileAtomic } from '../webroots/generations.js';
import { runningPid, stopProcess, waitFor } from '../webroots/process.js';
import { renderSupervisordConf } from './render.js';
import { Supervisorctl, type ProgramStatus } from './supervisorctl.js';

/** Where the agent's supervisord lives. Production: standard paths; tests: a temp prefix. */
export interface SupervisorOptions {
  supervisord: string;
  supervisorctl: string;
  /** supervisord.conf, rendered by the agent (`supervisorctl -c` reads its serverurl). */
  configFile: string;
  /** The control socket (root only). */
  socket: string;
  pidFile: string;
  /** supervisord's own log and the default child log folder. */
  logDir: string;
  /** The folder (a generations symlink) whose `*.conf` supervisord includes. */
  programsDir: string;
}

/**
 * Drives the agent's supervisord with `supervisorctl` (argument arrays, no shell). Programs
 * are files in `programsDir`; `update` applies every added, changed and removed file at once.
 */
export class SupervisorClient {
  private readonly ctl: Supervisorctl;

  constructor(readonly options: SupervisorOptions) {
    this.ctl = new Supervisorctl(options.configFile, options.supervisorctl);
  }

  /** Writes supervisord.conf and starts supervisord when it is not running; waits until it answers. */
  async ensureRunning(): Promise<{ started: boolean }> {
    const o = this.options;
    for (const dir of [path.dirname(o.configFile), path.dirname(o.socket), path.dirname(o.pidFile), o.logDir]) {
      await mkdir(dir, { recursive: true, mode: 0o755 });
    }
    const conf = renderSupervisordConf({
      socket: o.socket,
      pidFile: o.pidFile,
      logFile: path.join(o.logDir, 'supervisord.log'),
      childLogDir: o.logDir,
      programsDir: o.programsDir,
    });
    if ((await readFile(o.configFile, 'utf8').catch(() => null)) !== conf) await writeFileAtomic(o.configFile, conf);
    if ((await runningPid(o.pidFile, o.configFile)) !== null) return { started: false };
    // Its programs inherit its environment: the daemon one, never the agent's.
    await startDaemon(o.supervisord, ['-c', o.configFile]);
    // Not up yet: exit 7 (no socket) and the like; `pid` answers 0 once it is.
    await waitFor('supervisord to answer', async () => (await this.ctl.run(['pid'], [0, 1, 2, 7])).exitCode === 0);
    return { started: true };
  }

  /**
   * Applies the program files: adds new groups (they start), restarts changed ones, stops and
   * removes those whose file is gone. Returns supervisorctl's lines.
   */
  async update(): Promise<string[]> {
    const { stdout } = await this.ctl.run(['update']);
    const lines = stdout.split('\n').filter(Boolean);
    const failed = lines.filter((l) => /ERROR|error:/.test(l));
    if (failed.length > 0) throw new Error(`supervisorctl update: ${failed.join('; ')}`);
    return lines;
  }

  /** State of every program supervisord knows. */
  status(): Promise<Map<string, ProgramStatus>> {
    return this.ctl.status();
  }

  /** Stops supervisord and its programs (tests, decommissioning). */
  async stop(): Promise<void> {
    const pid = await runningPid(this.options.pidFile, this.options.configFile);
    if (pid !== null) await stopProcess(pid, 'SIGTERM', 30_000);
  }
}
