// `npm run bench`: install and build what is missing, then run the benchmarks (e2e/src/bench),
// which start their own platform. Prints figures; exits non-zero only if a benchmark crashed.
import path from 'node:path';
import { build } from './lib/build.mjs';
import { ensureDeps } from './lib/ensure-deps.mjs';
import { ensureTemporal } from './lib/ensure-temporal.mjs';
import { run } from './lib/exec.mjs';
import { repoRoot } from './lib/paths.mjs';

// Events carry the API's per-hop stamps (server/src/events/trace.ts): the API and the bench process
// inherit this. HOSTPLANE_TRACE_EVENTS=0 measures without them.
process.env.HOSTPLANE_TRACE_EVENTS ??= '1';

await ensureDeps();
await Promise.all([ensureTemporal(), build()]);
// The API (started by the bench, inheriting this) writes a heap snapshot on SIGUSR2: the bench
// reads what subscriptions retain from two of them (e2e/src/bench/heap.ts).
const nodeOptions = [process.env.NODE_OPTIONS, '--heapsnapshot-signal=SIGUSR2'].filter(Boolean).join(' ');
await run(process.execPath, [path.join(repoRoot, 'e2e', 'dist', 'bench', 'main.js'), ...process.argv.slice(2)], {
  cwd: repoRoot,
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
