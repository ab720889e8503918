import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';

/**
 * Checks `ruleset` with `nft -c` (nothing changes when it is refused), then applies it as one
 * transaction. The file lives in a private temp folder only for the two runs.
 */
export async function applyRuleset(nft: string, ruleset: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hostplane-egress-'));
  try {
    const file = path.join(dir, 'egress.nft');
    await writeFile(file, ruleset, { mode: 0o600 });
    await runCommand(nft, ['-c', '-f', file]);
    await runCommand(nft, ['-f', file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Removes the table (absent counts as removed), in one transaction like applyRuleset. */
export async function removeTable(nft: string, table: string): Promise<void> {
  await applyRuleset(nft, `table inet ${table} {}\ndelete table inet ${table}\n`);
}

/** The live table as nft prints it, or null when it is absent. */
export async function liveTable(nft: string, table: string): Promise<string | null> {
  const { exitCode, stdout } = await runCommand(nft, ['list', 'table', 'inet', table], [0, 1]);
  return exitCode === 0 ? stdout : null;
}
