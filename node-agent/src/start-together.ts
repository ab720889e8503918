/** What a part of the agent returns once started: `close` stops what it started. */
interface Started {
  close(): Promise<unknown>;
}

/**
 * Waits for parts started side by side. When one fails, the others that did start are closed
 * before its failure is thrown: a failed start-up leaves none of the agent's daemons running.
 */
export async function startTogether<T extends readonly Started[]>(starts: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const outcomes = await Promise.allSettled(starts);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (!failed) return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<Started>).value) as unknown as T;
  await Promise.allSettled(
    outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.close()] : [])),
  );
  throw failed.reason;
}
