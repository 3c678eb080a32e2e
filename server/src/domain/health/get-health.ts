/**
 * Liveness and readiness facts for GET /api/health: database reachability and kind, whether a
 * browser for PDF rendering was found, and the SkillCert version.
 */
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import type { Health } from '../../contracts/identity';
import type { DatabaseKind } from '../../db/connect';
import { findBrowserExecutable } from '../../render/browser';

/** Version of the root package.json, read once. */
export const skillcertVersion: string = (() => {
  try {
    const text = readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8');
    return String((JSON.parse(text) as { version?: unknown }).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
})();

async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const database = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !database) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = database.command({ ping: 1 }).then(() => true, () => false);
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health of this process: `unavailable` when the database does not answer a ping within
 * `pingTimeoutMs` (default 2000), `degraded` when no browser was found (PDF features then answer
 * `browser_unavailable`), `ok` otherwise. Never throws.
 */
export async function getHealth(options: {
  databaseKind: DatabaseKind;
  puppeteerExecutablePath?: string;
  executableSearchPath?: string;
  pingTimeoutMs?: number;
}): Promise<Health> {
  const isConnected = await pingDatabase(options.pingTimeoutMs ?? 2000);
  const resolution = findBrowserExecutable({
    puppeteerExecutablePath: options.puppeteerExecutablePath,
    path: options.executableSearchPath,
  });
  const browser = resolution.found
    ? { found: true, path: resolution.path }
    : { found: false, message: resolution.message };
  const status = !isConnected ? 'unavailable' : resolution.found ? 'ok' : 'degraded';
  return { status, database: { kind: options.databaseKind, isConnected }, browser, version: skillcertVersion };
}
