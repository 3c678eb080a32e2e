/**
 * The process's one render pool (one Chromium, at most two renders at once) for every PDF the server
 * prints: papers, announcements, admission tickets, sign-in sheets, score sheets, result summaries,
 * publication notices, certificates, archive documents and reports. Created on first use with the
 * configured browser (`PUPPETEER_EXECUTABLE_PATH`, then /usr/bin/chromium, then PATH), kept open while
 * renders run, closed after a minute without renders (so no browser lingers) and on server stop.
 */
import type { Config } from '../config';
import { findBrowserExecutable } from './browser';
import { createRenderPool, type RenderPool } from './render-pool';

/** Idle time after which the pool closes its browser, milliseconds. */
export const sharedRenderPoolIdleMs = 60_000;

type BrowserConfig = Pick<Config, 'puppeteerExecutablePath' | 'executableSearchPath'>;

let shared: RenderPool | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let activeUsers = 0;

function scheduleIdleClose(): void {
  clearTimeout(idleTimer);
  if (activeUsers > 0) return;
  idleTimer = setTimeout(() => void closeSharedRenderPool(), sharedRenderPoolIdleMs);
  idleTimer.unref();
}

function ensurePool(config: BrowserConfig): RenderPool {
  shared ??= createRenderPool({
    browser: findBrowserExecutable({ puppeteerExecutablePath: config.puppeteerExecutablePath, path: config.executableSearchPath }),
    maxConcurrentRenders: 2,
  });
  return shared;
}

/**
 * The shared pool for one render; restarts the idle timer. Prefer {@link withSharedRenderPool} for
 * work that renders several documents.
 */
export function getSharedRenderPool(config: BrowserConfig): RenderPool {
  const pool = ensurePool(config);
  scheduleIdleClose();
  return pool;
}

/**
 * Runs `work` with the shared pool, which is not closed for idleness while `work` runs.
 * @throws what `work` throws; AppError `browser_unavailable` from renders when no browser was found.
 */
export async function withSharedRenderPool<T>(config: BrowserConfig, work: (pool: RenderPool) => Promise<T>): Promise<T> {
  const pool = ensurePool(config);
  activeUsers += 1;
  clearTimeout(idleTimer);
  try {
    return await work(pool);
  } finally {
    activeUsers -= 1;
    scheduleIdleClose();
  }
}

/** Closes the shared pool now (server stop, tests); the next render opens a new one. */
export async function closeSharedRenderPool(): Promise<void> {
  clearTimeout(idleTimer);
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
