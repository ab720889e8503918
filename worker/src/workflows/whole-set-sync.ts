// The sync of a tenant's whole set (its egress allowlist, its SSH keys): each resource's
// workflow applies the set the database holds, not its own row, so side-by-side creates and
// deletes cannot drop each other. Deterministic code: no I/O but through the callbacks.

/**
 * Applies what `load` reads, then reads it again: when it changed meanwhile (another row's
 * create or delete), applies again, so the last run to apply always applied what the database
 * holds after it (bounded: each change also runs its own sync).
 */
export async function applyUntilStable<P>(load: () => Promise<P>, apply: (plan: P) => Promise<void>): Promise<void> {
  let plan = await load();
  for (let round = 0; round < 5; round++) {
    await apply(plan);
    const again = await load();
    if (JSON.stringify(again) === JSON.stringify(plan)) return;
    plan = again;
  }
}
