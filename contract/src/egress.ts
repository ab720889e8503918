/**
 * The name of a node agent's own nftables table (family `inet`). Per node id, so two agents on
 * one machine (test runs side by side, `npm start` beside a run) never replace each other's
 * rules; a test harness deletes it after an agent it had to kill.
 */
export function egressTableName(nodeId: string): string {
  return `hostplane_${nodeId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}
