/** Following one batch render run from its progress messages (R15). */
import type { CertificateRenderProgressMessage } from './progress-events';

/** State of a batch render: running or finished, with the progress of its run. */
export interface RenderState {
  isRunning: boolean;
  jobId?: string;
  completed: number;
  total: number;
}

/**
 * Next render state after a progress message (R15): messages of other batches are ignored; the first
 * message while running picks the run (`jobId`) to follow, later runs are ignored; messages of the
 * followed run still count after the HTTP answer (socket and HTTP race); progress never goes back.
 */
export function applyRenderProgress(state: RenderState | null, message: CertificateRenderProgressMessage, batchId: string): RenderState | null {
  if (!state || message.batchId !== batchId) return state;
  if (state.jobId ? state.jobId !== message.jobId : !state.isRunning) return state;
  return { ...state, jobId: message.jobId, completed: Math.max(state.completed, message.completed), total: message.total };
}

/**
 * The state once the HTTP answer arrived with `count` PDFs: the run stops; without any progress
 * message (no socket connection) the count is all that is known.
 */
export function finishRender(state: RenderState | null, count: number | null): RenderState | null {
  if (!state) return state;
  if (state.jobId || count === null) return { ...state, isRunning: false };
  return { ...state, isRunning: false, completed: count, total: count };
}
