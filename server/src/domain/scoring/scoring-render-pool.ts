/**
 * The render pool the scoring PDFs (score sheets, result summary) print with: the application's
 * shared pool when the HTTP context carries one (`context.renderPool`), otherwise a pool of this
 * module created on first use with the configured browser, kept open while renders run and closed
 * after a minute without renders (so no browser lingers), re-created on demand.
 */
import type { AppContext } from '../../http/context';
import { findBrowserExecutable } from '../../render/browser';
import { createRenderPool, type RenderPool } from '../../render/render-pool';

/** Idle time after which the fallback pool closes its browser, milliseconds. */
export const scoringRenderPoolIdleMs = 60_000;

let fallback: RenderPool | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let activeUsers = 0;

/** Closes the fallback pool now (tests, shutdown); a shared `context.renderPool` is left to its owner. */
export async function closeScoringRenderPool(): Promise<void> {
  clearTimeout(idleTimer);
  const pool = fallback;
  fallback = undefined;
  await pool?.close();
}

function scheduleIdleClose(): void {
  clearTimeout(idleTimer);
  if (activeUsers > 0) return;
  idleTimer = setTimeout(() => void closeScoringRenderPool(), scoringRenderPoolIdleMs);
  idleTimer.unref();
}

/**
 * Runs `work` with the context's pool, or the fallback pool (never closed for idleness while `work`
 * runs).
 * @throws what `work` throws; AppError `browser_unavailable` from renders without a browser.
 */
export async function withScoringRenderPool<T>(context: AppContext, work: (pool: RenderPool) => Promise<T>): Promise<T> {
  const shared = (context as AppContext & { renderPool?: RenderPool }).renderPool;
  if (shared) return work(shared);
  fallback ??= createRenderPool({
    browser: findBrowserExecutable({ puppeteerExecutablePath: context.config.puppeteerExecutablePath, path: context.config.executableSearchPath }),
    maxConcurrentRenders: 1,
    logger: { info: (message) => context.logger.info(message), warn: (message) => context.logger.warn(message) },
  });
  activeUsers += 1;
  clearTimeout(idleTimer);
  try {
    return await work(fallback);
  } finally {
    activeUsers -= 1;
    scheduleIdleClose();
  }
}
