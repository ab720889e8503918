// Console output for the set-up scripts: one line per step, with how long it took, so a slow
// step is visible in CI logs without a profiler.

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const green = paint('32');
export const yellow = paint('33');
export const cyan = paint('36');

/** Prints a set-up message (to stderr, so stdout stays clean for anything machine-read). */
export function info(message) {
  process.stderr.write(`${cyan('›')} ${message}\n`);
}

export function warn(message) {
  process.stderr.write(`${yellow('!')} ${message}\n`);
}

/** Runs `fn`, printing its label and duration; rethrows with the label so failures say where. */
export async function step(label, fn) {
  const started = performance.now();
  info(`${label}…`);
  try {
    const result = await fn();
    info(`${label} ${dim(`done in ${seconds(started)}`)}`);
    return result;
  } catch (error) {
    process.stderr.write(`${red('✗')} ${label} failed after ${seconds(started)}\n`);
    throw error;
  }
}

function seconds(started) {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}
