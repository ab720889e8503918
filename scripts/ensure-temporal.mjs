// `node scripts/ensure-temporal.mjs`: build (or find) the temporal CLI and print its path.
// `.ci/run` calls it so the Go build shows as its own install step; start and test call the
// same function themselves.
import { ensureTemporal } from './lib/ensure-temporal.mjs';

process.stdout.write(`${await ensureTemporal()}\n`);
