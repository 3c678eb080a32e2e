import { describe, expect, it } from 'vitest';
import { runWithConcurrency } from './run-with-concurrency';

describe('runWithConcurrency', () => {
  it('keeps at most `limit` tasks in flight and returns results in task order', async () => {
    let inFlight = 0;
    let most = 0;
    const tasks = Array.from({ length: 10 }, (_, index) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return index * 2;
    });
    expect(await runWithConcurrency(tasks, 3)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure and starts no further task', async () => {
    const started: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, index) => async () => {
      started.push(index);
      if (index === 1) throw new Error('step 1 failed');
      await new Promise((resolve) => setImmediate(resolve));
      return index;
    });
    await expect(runWithConcurrency(tasks, 2)).rejects.toThrow('step 1 failed');
    expect(started).toEqual([0, 1]);
  });
});
