import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { egressTableName } from '@hostplane/contract/egress';

const run = promisify(execFile);

/**
 * Deletes the egress table of node `nodeId` (an agent that stopped cleanly removed it already;
 * one that had to be killed left it). Absent, or no `nft` on the machine: nothing to do.
 */
export async function removeEgressTable(nodeId: string): Promise<void> {
  const table = egressTableName(nodeId);
  await run('nft', ['delete', 'table', 'inet', table]).catch(() => undefined);
}
