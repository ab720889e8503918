// The Python and Ruby app runtimes this machine has (Debian's `gunicorn` and `puma` packages), as
// the node agent's version → bin folder maps and the versions the API offers, so `npm start` and
// the tests serve what is installed. A runtime that is not installed is left out: webroots asking
// for it are refused as unavailable. Settings already in the environment win.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';

const RUNTIMES = [
  {
    name: 'PYTHON',
    server: '/usr/bin/gunicorn',
    interpreter: ['/usr/bin/python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']],
  },
  {
    name: 'RUBY',
    server: '/usr/bin/puma',
    interpreter: ['/usr/bin/ruby', ['-e', 'puts RUBY_VERSION[/\\A\\d+\\.\\d+/]']],
  },
];

const executable = (file) =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

const output = (command, args) =>
  new Promise((resolve) => execFile(command, args, (error, stdout) => resolve(error ? null : stdout.trim())));

/** `{ agentEnv, apiEnv }` for the runtimes found (empty objects when none). */
export async function localAppRuntimes(env = process.env) {
  const found = [];
  for (const { name, server, interpreter } of RUNTIMES) {
    if (!(await executable(server))) continue;
    const version = await output(...interpreter);
    if (version && /^\d+\.\d+$/.test(version)) found.push({ name, version });
  }
  const agentEnv = {};
  for (const { name, version } of found) {
    const key = `HOSTPLANE_${name}_RUNTIMES`;
    if (!env[key]) agentEnv[key] = `${version}=/usr/bin`;
  }
  const offered = found.map(({ name, version }) => `${name}=${version}`).join(';');
  const apiEnv = offered && !env.WEB_RUNTIME_VERSIONS ? { WEB_RUNTIME_VERSIONS: offered } : {};
  return { agentEnv, apiEnv };
}
