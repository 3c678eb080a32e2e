/**
 * The render pool for certificates (R15), publication notices (R11) and archive documents (R16)
 * while the application context provides none: created on first use with the configured browser,
 * closed after a minute without renders, re-created on demand. Two renders at once, so a batch of
 * certificates uses both cores.
 */
import type { Config } from '../../config';
import { findBrowserExecutable } from '../../render/browser';
import { createRenderPool, type RenderPool } from '../../render/render-pool';

/** Idle time after which the pool closes its browser, milliseconds. */
export const documentRenderPoolIdleMs = 60_000;

let shared: RenderPool | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let activeUsers = 0;

/** Closes the pool now (tests, shutdown). */
export async function closeDocumentRenderPool(): Promise<void> {
  clearTimeout(idleTimer);
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

function scheduleIdleClose(): void {
  clearTimeout(idleTimer);
  if (activeUsers > 0) return;
  idleTimer = setTimeout(() => void closeDocumentRenderPool(), documentRenderPoolIdleMs);
  idleTimer.unref();
}

/**
 * Runs `work` with the shared pool (browser from `PUPPETEER_EXECUTABLE_PATH`, then
 * /usr/bin/chromium, then PATH). The pool is not closed for idleness while `work` runs.
 * @throws what `work` throws; AppError `browser_unavailable` from renders without a browser.
 */
export async function withDocumentRenderPool<T>(
  config: Pick<Config, 'puppeteerExecutablePath' | 'executableSearchPath'>,
  work: (pool: RenderPool) => Promise<T>,
): Promise<T> {
  shared ??= createRenderPool({
    browser: findBrowserExecutable({ puppeteerExecutablePath: config.puppeteerExecutablePath, path: config.executableSearchPath }),
    maxConcurrentRenders: 2,
  });
  activeUsers += 1;
  clearTimeout(idleTimer);
  try {
    return await work(shared);
  } finally {
    activeUsers -= 1;
    scheduleIdleClose();
  }
}
