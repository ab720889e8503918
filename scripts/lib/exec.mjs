// Runs a command to completion. Programs get an argument array, never a shell string.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` and resolves with its stdout.
 * quiet: capture output and show it only when the command fails (keeps start/test logs short);
 * otherwise the command writes straight to our stderr/stdout.
 * finishedWhen: a pattern in stdout that means the work is done; the command is then stopped
 * instead of waited for (for CLIs that linger on open handles after finishing).
 */
export function run(command, args, { cwd, env, quiet = false, finishedWhen } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', quiet || finishedWhen ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    });
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
      if (finishedWhen?.test(stdout)) {
        child.kill('SIGTERM');
        resolve(stdout);
      }
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const tail = output.trim().split('\n').slice(-40).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
    });
  });
}
