import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { DAEMON_ENV } from '../daemon-env.js';

/** Runtime version → bin folder, per app runtime (the shape of HOSTPLANE_*_RUNTIMES). */
export type RuntimeMap = Record<string, string>;

/**
 * Debian's app servers (packages gunicorn and puma) and the interpreter whose `major.minor`
 * names the runtime version, for nodes whose HOSTPLANE_PYTHON_RUNTIMES / HOSTPLANE_RUBY_RUNTIMES
 * are unset: such a node serves the Python and Ruby it has.
 */
const DEBIAN_RUNTIMES = {
  PYTHON: {
    server: '/usr/bin/gunicorn',
    interpreter: '/usr/bin/python3',
    args: ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
  },
  RUBY: { server: '/usr/bin/puma', interpreter: '/usr/bin/ruby', args: ['-e', 'puts RUBY_VERSION[/\\A\\d+\\.\\d+/]'] },
} as const;

export type DetectedRuntime = keyof typeof DEBIAN_RUNTIMES;

const output = (file: string, args: readonly string[], timeoutMs: number) =>
  new Promise<string | null>((resolve) =>
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, encoding: 'utf8', env: { ...DAEMON_ENV }, cwd: '/' },
      (error, stdout) => resolve(error ? null : stdout.trim()),
    ),
  );

/**
 * Sets `map` to what the node has of `runtime` in Debian's places (`{ '3.11': '/usr/bin' }`, or
 * nothing), in place: the app manager holds the same object, so a runtime installed later is
 * served after the next probe.
 */
export async function detectDebianRuntime(runtime: DetectedRuntime, map: RuntimeMap, timeoutMs: number): Promise<void> {
  const { server, interpreter, args } = DEBIAN_RUNTIMES[runtime];
  const present = await access(server, constants.X_OK).then(
    () => true,
    () => false,
  );
  const version = present ? await output(interpreter, args, timeoutMs) : null;
  for (const key of Object.keys(map)) delete map[key];
  if (version && /^\d+\.\d+$/.test(version)) map[version] = '/usr/bin';
}
