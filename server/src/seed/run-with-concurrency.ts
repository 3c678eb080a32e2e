/**
 * Runs independent seed steps a few at a time: every write of the embedded store waits for its
 * fsync, and concurrent writes share one (group commit), so this shortens the seed without changing
 * what is written. Steps whose order matters (ids, ticket numbers) stay sequential in the callers.
 */

/**
 * Runs `tasks` with at most `limit` in flight; results in task order.
 * @throws the first error of a task (tasks already started finish first; no new ones start).
 */
export async function runWithConcurrency<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${limit}`);
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < tasks.length && !failed) {
      const index = next;
      next += 1;
      try {
        results[index] = await tasks[index]();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}
