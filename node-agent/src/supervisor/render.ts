/**
 * Pure rendering of supervisord config. supervisord reads INI with Python's configparser (which
 * cuts a value at whitespace + `;` or `#`), expands `%(...)s` in values (so `%` must be `%%`)
 * and splits `command=` with POSIX shlex: each of these is handled here, structurally.
 */

const BANNER = '; Managed by the Hostplane node agent: changes here are overwritten.';
const SAFE_ARG = /^[A-Za-z0-9_./:=@,+{}-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A plain value: `%` doubled; line breaks and inline-comment starts refused. */
export function iniValue(text: string): string {
  if (/[\u0000-\u001f\u007f]/.test(text) || /\s[;#]/.test(text)) {
    throw new Error(`refusing ${JSON.stringify(text)} in a supervisord config`);
  }
  return text.replace(/%/g, '%%');
}

/**
 * One argument for `command=`: single-quoted for shlex, with `'`, `;` and `#` written outside
 * the quotes as `\'`, `\;`, `\#` — a backslash before them keeps configparser from seeing an
 * inline comment, and shlex turns each back into the plain character.
 */
export function quoteArg(arg: string): string {
  if (/[\u0000-\u001f\u007f]/.test(arg)) throw new Error('command arguments cannot contain control characters');
  const text = SAFE_ARG.test(arg) ? arg : `'${arg.replace(/['#;]/g, (c) => `'\\${c}'`)}'`;
  return text.replace(/%/g, '%%');
}

/** `command=` value of an argument array. */
export function renderCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty command');
  return argv.map(quoteArg).join(' ');
}

/**
 * `environment=` value: KEY="value",… supervisord's shlex is not POSIX (no escapes) and strips
 * the quotes: a value holding `"` is single-quoted instead; one holding both is refused. The
 * error names the key only (values may be secrets).
 */
export function renderEnvironment(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([key, value]) => {
      const quote = value.includes('"') ? "'" : '"';
      if (!ENV_NAME.test(key) || value.includes(quote)) throw new Error(`refusing environment entry ${key}`);
      let text: string;
      try {
        text = iniValue(value);
      } catch {
        throw new Error(`refusing environment entry ${key}`);
      }
      return `${key}=${quote}${text}${quote}`;
    })
    .join(',');
}

/**
 * One program file: `banner` (a comment line), then the section with `settings` keys in order,
 * values already rendered; undefined ones are left out.
 */
export function renderProgramSection(
  name: string,
  settings: ReadonlyArray<readonly [string, string | number | boolean | undefined]>,
  banner = BANNER,
): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`invalid program name ${name}`);
  const lines = settings.flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${value}`]));
  return [banner, `[program:${name}]`, ...lines, ''].join('\n');
}

/** Paths of an agent-managed supervisord. */
export interface SupervisordConfContext {
  socket: string;
  pidFile: string;
  logFile: string;
  childLogDir: string;
  /** Folder whose `*.conf` program files supervisord includes. */
  programsDir: string;
  /** Stay in the foreground (a supervisord the agent spawns as its child). */
  nodaemon?: boolean;
  /** File descriptors supervisord makes sure it can open; default 16384. */
  minfds?: number;
}

/** supervisord.conf of an agent-run supervisord: a root-only unix socket, the programs include. */
export function renderSupervisordConf(ctx: SupervisordConfContext): string {
  const v = iniValue;
  return [
    BANNER,
    '[unix_http_server]',
    `file=${v(ctx.socket)}`,
    'chmod=0700',
    '',
    '[supervisord]',
    `pidfile=${v(ctx.pidFile)}`,
    `logfile=${v(ctx.logFile)}`,
    `childlogdir=${v(ctx.childLogDir)}`,
    ...(ctx.nodaemon ? ['nodaemon=true'] : []),
    'logfile_maxbytes=10MB',
    'logfile_backups=3',
    // Each program holds a log file and pipes: the default 1024 fds is too few for a busy node.
    `minfds=${ctx.minfds ?? 16384}`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    `serverurl=unix://${v(ctx.socket)}`,
    '',
    '[include]',
    `files=${v(ctx.programsDir)}/*.conf`,
    '',
  ].join('\n');
}
