import { describe, expect, it } from 'vitest';
import { applyRenderProgress, finishRender } from './render-progress';

const message = (completed: number, jobId = 'job-1', batchId = 'batch-1') => ({ batchId, jobId, completed, total: 3, at: 0 });

describe('applyRenderProgress', () => {
  it('R15: follows the first run seen while rendering and never goes back', () => {
    let state = applyRenderProgress({ isRunning: true, completed: 0, total: 3 }, message(0), 'batch-1');
    state = applyRenderProgress(state, message(2), 'batch-1');
    state = applyRenderProgress(state, message(1), 'batch-1');
    expect(state).toEqual({ isRunning: true, jobId: 'job-1', completed: 2, total: 3 });
  });

  it('R15: ignores other batches and other runs', () => {
    const state = { isRunning: true, jobId: 'job-1', completed: 1, total: 3 };
    expect(applyRenderProgress(state, message(3, 'job-2'), 'batch-1')).toBe(state);
    expect(applyRenderProgress(state, message(3, 'job-1', 'batch-2'), 'batch-1')).toBe(state);
  });

  it('R15: counts a late message of the followed run after the HTTP answer, but starts no run when idle', () => {
    const finished = finishRender({ isRunning: true, jobId: 'job-1', completed: 2, total: 3 }, 3);
    expect(applyRenderProgress(finished, message(3), 'batch-1')).toEqual({ isRunning: false, jobId: 'job-1', completed: 3, total: 3 });
    const idle = { isRunning: false, completed: 0, total: 0 };
    expect(applyRenderProgress(idle, message(1), 'batch-1')).toBe(idle);
  });
});

describe('finishRender', () => {
  it('takes the count of the answer when no progress message arrived', () => {
    expect(finishRender({ isRunning: true, completed: 0, total: 3 }, 3)).toEqual({ isRunning: false, completed: 3, total: 3 });
  });
});
