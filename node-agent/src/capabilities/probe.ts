import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { DAEMON_ENV } from '../daemon-env.js';
import type { CapabilityReport } from '@hostplane/contract/capabilities';

/** A program the agent is configured to use, and how to ask it for its version. */
export interface ProgramProbe {
  name: string;
  /** An absolute path (every path stays configurable), or a bare name looked up on PATH. */
  path: string;
  /** The Debian package that provides it. */
  package: string;
  /** Arguments that make it print its version; omitted, only its presence is checked. */
  versionArgs?: string[];
  /** Where the version is in that output (group 1); default the first `1.2` or `1.2.3`. */
  versionPattern?: RegExp;
  /** Programs that must be there too (gunicorn beside python3), each with its own package. */
  companions?: Array<{ path: string; package: string }>;
}

const FIRST_VERSION = /(\d+\.\d+(?:\.\d+)?)/;

/** `file` itself when it is a path, else the first executable of that name on PATH. */
async function resolveProgram(file: string): Promise<string | null> {
  const candidates = file.includes('/')
    ? [file]
    : `${process.env.PATH ?? ''}:${DAEMON_ENV.PATH}`
        .split(':')
        .filter(Boolean)
        .map((dir) => path.join(dir, file));
  for (const candidate of candidates) {
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

/** Its version output (stdout and stderr: nginx and others print it there), or null. */
function versionOutput(file: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, encoding: 'utf8', env: { ...DAEMON_ENV }, cwd: '/' },
      (error, stdout, stderr) => resolve(error && !stdout && !stderr ? null : `${stdout}\n${stderr}`),
    );
  });
}

const missing = (probe: ProgramProbe, file: string, pkg: string): CapabilityReport => ({
  name: probe.name,
  available: false,
  version: null,
  path: file,
  package: pkg,
  reason: `${file} not found`,
});

/**
 * Looks for one program (and its companions) and asks it for its version, within `timeoutMs`.
 * Never throws: a program that is missing is a report with `available: false` and the reason;
 * one that does not answer in time is there, with an unknown version.
 */
export async function probeProgram(
  probe: ProgramProbe,
  timeoutMs: number,
  /** The last report of it: when it was there at the same path, its version is not asked again. */
  last?: CapabilityReport,
): Promise<CapabilityReport> {
  const [found, ...companions] = await Promise.all(
    [probe.path, ...(probe.companions ?? []).map((c) => c.path)].map(resolveProgram),
  );
  if (!found) return missing(probe, probe.path, probe.package);
  const absent = (probe.companions ?? []).findIndex((_, i) => !companions[i]);
  if (absent >= 0) return missing(probe, probe.companions![absent]!.path, probe.companions![absent]!.package);
  if (last?.available && last.path === found) return last;
  const output = probe.versionArgs ? await versionOutput(found, probe.versionArgs, timeoutMs) : null;
  const version = output ? ((probe.versionPattern ?? FIRST_VERSION).exec(output)?.[1] ?? null) : null;
  return { name: probe.name, available: true, version, path: found, package: probe.package, reason: null };
}
