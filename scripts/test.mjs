// `npm test`: install (Debian packages, npm) and build what is missing, check generated files,
// then one vitest run over every workspace (root vitest.config.ts; its globalSetup starts the shared platform). Ends with a
// line `N passed, N failed[, N skipped]` for CI, and vitest's exit code. Extra arguments go to
// vitest (`npm test -- cli/src` runs only those files).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { build } from './lib/build.mjs';
import { ensureDeps } from './lib/ensure-deps.mjs';
import { ensureTemporal } from './lib/ensure-temporal.mjs';
import { startKillTrace } from './lib/kill-trace.mjs';
import { run } from './lib/exec.mjs';
import { bold, info, step } from './lib/log.mjs';
import { repoRoot } from './lib/paths.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';

const started = performance.now();
const generateScript = path.join(repoRoot, 'scripts', 'generate.mjs');

try {
  // Tests run every node feature and the panel in Chromium: the whole list. What cannot be
  // installed here is named (with the command) and the tests that need it fail, saying what.
  // The Temporal build (first run on a machine only, its longest step) needs nothing but Go: it
  // starts first, beside the Debian packages, npm install and our build.
  const temporal = ensureTemporal();
  temporal.catch(() => {}); // a failure is reported where it is awaited, below
  await ensureSystemPackages(['node', 'test']);
  await ensureDeps();
  await Promise.all([temporal, build()]);
  if (existsSync(generateScript)) {
    await step('generated files up to date (generate.mjs --check)', () =>
      run(process.execPath, [generateScript, '--check'], { cwd: repoRoot }),
    );
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  info('set-up failed before any test ran: counted as 1 failure');
  process.stdout.write(`${bold('0 passed, 1 failed')}\n`);
  process.exit(1);
}

// Lint and the type-check of test files (which the package builds exclude and swc does not
// check) run before the tests, side by side, but do not stop them: CI gets every verdict.
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);
const verdict = (promise) =>
  promise.then(
    () => true,
    () => false,
  );
const [lintOk, formatOk, testTypesOk] = await Promise.all([
  verdict(step('eslint', () => run(bin('eslint'), ['.'], { cwd: repoRoot }))),
  verdict(
    step('prettier --check', () => run(bin('prettier'), ['--check', '--log-level=warn', '.'], { cwd: repoRoot })),
  ),
  verdict(
    step('type-check tests (tsconfig.tests.json)', () =>
      run(bin('tsc'), ['-p', 'tsconfig.tests.json'], { cwd: repoRoot }),
    ),
  ),
]);

const reportDir = mkdtempSync(path.join(tmpdir(), 'hostplane-vitest-'));
const reportFile = path.join(reportDir, 'report.json');
info('vitest run');
const exitCode = await vitest(['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
const counts = readCounts(reportFile, exitCode);
const checks = [
  [lintOk, 'eslint'],
  [formatOk, 'prettier --check (run `npm run format`)'],
  [testTypesOk, 'type-check of tests'],
];
for (const [ok, what] of checks) {
  if (ok) continue;
  counts.failed += 1;
  counts.note = [counts.note, `${what} failed: counted as 1 failure`].filter(Boolean).join('; ');
}
rmSync(reportDir, { recursive: true, force: true });

info(`npm test took ${((performance.now() - started) / 1000).toFixed(0)}s`);
if (counts.note) info(counts.note);
const summary = `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
process.stdout.write(`${bold(summary)}\n`);
process.exit(exitCode || (checks.every(([ok]) => ok) ? 0 : 1));

function vitest(args) {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'vitest');
  return new Promise((resolve) => {
    // Its own process group: the platform's daemons run below vitest, and whatever one of them
    // signals to "its group" (a daemon's own shutdown, a stale pid's group) stays inside the test
    // run and never reaches this process, npm or CI — which then still report what happened.
    const killTrace = startKillTrace();
    const guardLog = path.join(reportDir, 'refused-kills.log');
    const guard = path.join(repoRoot, 'scripts', 'lib', 'kill-guard.cjs');
    const child = spawn(bin, [...args, ...process.argv.slice(2)], {
      cwd: repoRoot,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${guard}`].filter(Boolean).join(' '),
        HOSTPLANE_KILL_GUARD_LOG: guardLog,
      },
    });
    // Ctrl-C and a CI's stop reach vitest's group, which tears the platform down.
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(sig, () => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          // vitest is gone already
        }
      });
    }
    child.on('exit', (code, signal) => {
      const kills = killTrace?.stop(child.pid) ?? [];
      if (existsSync(guardLog))
        info(`signals to the test run's own process group, refused:\n${readFileSync(guardLog, 'utf8')}`);
      if (signal) {
        info(`vitest was ended by ${signal} (sent from outside the test run, or to its process group)`);
        if (killTrace) info(kills.length ? `SIGKILLs recorded:\n${kills.join('\n')}` : 'no SIGKILL of it recorded');
      }
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Counts from vitest's JSON report. A file that fails to load (import error) fails no test, so it
 * counts as one failure; and when vitest fails without any failed test (global setup error,
 * unhandled error) that counts as one too — "0 failed" is never printed for a failing run.
 */
function readCounts(file, code) {
  if (!existsSync(file)) {
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      note: `vitest wrote no report (exit ${code}): counted as 1 failure`,
    };
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenFiles = report.testResults.filter(
    (result) => result.status === 'failed' && result.assertionResults.every((test) => test.status !== 'failed'),
  ).length;
  let failed = report.numFailedTests + brokenFiles;
  let note = brokenFiles ? `${brokenFiles} test file(s) failed to run: each counted as 1 failure` : '';
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = `vitest exited ${code} without a failed test (setup or unhandled error): counted as 1 failure`;
  }
  return {
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    note,
  };
}
