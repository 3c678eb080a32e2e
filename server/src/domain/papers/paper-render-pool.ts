/**
 * The render pool used for paper PDFs when the application context provides none: created on first
 * use, closed after a minute without renders (so no browser lingers), re-created on demand.
 */
import type { Config } from '../../config';
import { findBrowserExecutable } from '../../render/browser';
import { createRenderPool, type RenderPool } from '../../render/render-pool';

/** Idle time after which the fallback pool closes its browser, milliseconds. */
export const paperRenderPoolIdleMs = 60_000;

let shared: RenderPool | undefined;
let idleTimer: NodeJS.Timeout | undefined;

/** Closes the fallback pool now (tests, shutdown). */
export async function closePaperRenderPool(): Promise<void> {
  clearTimeout(idleTimer);
  const pool = shared;
  shared = undefined;
  await pool?.close();
}

/**
 * The fallback pool, created with the configured browser (`PUPPETEER_EXECUTABLE_PATH`, then
 * /usr/bin/chromium, then PATH); every call restarts the idle timer.
 */
export function getPaperRenderPool(config: Pick<Config, 'puppeteerExecutablePath' | 'executableSearchPath'>): RenderPool {
  shared ??= createRenderPool({
    browser: findBrowserExecutable({ puppeteerExecutablePath: config.puppeteerExecutablePath, path: config.executableSearchPath }),
    maxConcurrentRenders: 1,
  });
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closePaperRenderPool(), paperRenderPoolIdleMs);
  idleTimer.unref();
  return shared;
}
