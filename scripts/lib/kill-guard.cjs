'use strict';
// npm test loads this into every Node process of its test run (NODE_OPTIONS=--require): vitest,
// its workers, and the platform processes the tests start, which inherit vitest's environment.
// CI saw vitest's whole process group SIGKILLed by a group kill from one of the run's own Node
// processes. Here a signal to the caller's own process group or the run's (pid 0, -pgid, or the
// group's leader from another process) or to every process (-1) is refused: it throws, and its stack goes to
// HOSTPLANE_KILL_GUARD_LOG, which npm test prints, so the culprit is named and the run goes on.
const { appendFileSync, readFileSync } = require('node:fs');

function ownGroup() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return NaN;
  }
}

// The run's group: vitest's, the first process here to load this (npm test starts it in a group of
// its own); every process below it inherits the number, in its own group or not.
process.env.HOSTPLANE_TEST_RUN_GROUP ??= String(ownGroup());
const runGroup = Number(process.env.HOSTPLANE_TEST_RUN_GROUP);

/** Whether signalling `target` reaches `group` from outside its leader: its leader's pid, or -group. */
const reaches = (target, group) => target === -group || (target === group && group !== process.pid);

const kill = process.kill;
process.kill = function guardedKill(pid, signal) {
  const target = Number(pid);
  const group = ownGroup();
  if (target === 0 || target === -1 || reaches(target, group) || reaches(target, runGroup)) {
    const error = new Error(
      `process.kill(${pid}, ${signal ?? 'SIGTERM'}) refused: it would signal the caller's process group (${group}) or the test run's (${runGroup})`,
    );
    const log = process.env.HOSTPLANE_KILL_GUARD_LOG;
    if (log) {
      const who = `pid ${process.pid}: ${process.argv.slice(1).join(' ').slice(0, 300)}`;
      appendFileSync(log, `${new Date().toISOString()} ${who}\n${error.stack}\n\n`);
    }
    throw error;
  }
  return kill.call(process, pid, signal);
};
