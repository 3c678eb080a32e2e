/**
 * End-to-end harness: the built client served by the real server (started in-process by
 * `startTestApp`) driven by the system Chromium through Puppeteer.
 *
 * - The client is built once (`npm run build -w @skillcert/client`) when client/dist is missing or
 *   older than client/src; a lock file in the temp directory keeps parallel test files from
 *   building twice (the others wait, then see a fresh build).
 * - The browser is the machine's Chromium (`findBrowserExecutable`, never downloaded), launched
 *   headless by `launchBrowser` with the render pool's flags (--no-sandbox --disable-gpu
 *   --disable-background-networking --disable-component-update --disable-sync --no-first-run) and a
 *   fresh temporary user-data-dir. Each signed-in user gets its own incognito browser context.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowserExecutable, launchBrowser, type LaunchedBrowser } from '@skillcert/server/render/browser';
import { startTestApp, type TestApp, type TestUser } from './app';

/** A Puppeteer page of the server's Puppeteer copy (the one `launchBrowser` uses). */
export type Page = Awaited<ReturnType<LaunchedBrowser['browser']['newPage']>>;
type BrowserContext = Awaited<ReturnType<LaunchedBrowser['browser']['createBrowserContext']>>;

/** Repository root (two levels above this file). */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const clientDirectory = join(repositoryRoot, 'client');
const distIndex = join(clientDirectory, 'dist', 'index.html');

/** Where journeys save their screenshots (referenced by the README). */
export const screenshotDirectory = join(repositoryRoot, 'docs', 'screenshots');

/** Viewport of every page: 1280 × 800 CSS pixels at scale 1 (screenshots stay small). */
export const viewport = { width: 1280, height: 800, deviceScaleFactor: 1 } as const;

/** Longest wait for the build lock held by another test file, in milliseconds. */
const buildLockTimeoutMs = 5 * 60_000;
/** A lock older than this is taken to be left behind by a crashed process, in milliseconds. */
const staleLockMs = 3 * 60_000;

async function newestModificationMs(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestModificationMs(join(path, entry)));
  return newest;
}

/**
 * True when client/dist/index.html exists and is newer than every file of client/src,
 * client/index.html, client/vite.config.ts and client/package.json.
 */
export async function isClientBuildFresh(): Promise<boolean> {
  const built = await stat(distIndex).catch(() => null);
  if (!built) return false;
  const sources = await Promise.all(
    ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) => newestModificationMs(join(clientDirectory, name))),
  );
  return built.mtimeMs >= Math.max(...sources);
}

function runClientBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', 'build', '-w', '@skillcert/client'], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`client build failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the lock when its holder is gone or it is older than {@link staleLockMs}. */
async function clearStaleLock(lockPath: string): Promise<void> {
  const info = await stat(lockPath).catch(() => null);
  if (!info) return;
  const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
  const isAbandoned = (Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid)) || Date.now() - info.mtimeMs > staleLockMs;
  if (isAbandoned) await rm(lockPath, { force: true });
}

/**
 * Builds the client when client/dist is missing or stale, at most once across parallel test files:
 * the first process takes an exclusive lock file in the temp directory and builds; the others wait
 * for the lock, then find the build fresh.
 * @throws Error with the build output when `vite build` fails; Error after waiting
 *   {@link buildLockTimeoutMs} for another process's build.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (await isClientBuildFresh()) return;
  const lockPath = join(tmpdir(), `skillcert-client-build-${createHash('sha1').update(repositoryRoot).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + buildLockTimeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(String(process.pid));
        await handle.close();
        if (!(await isClientBuildFresh())) await runClientBuild();
      } finally {
        await rm(lockPath, { force: true });
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await clearStaleLock(lockPath);
    if (await isClientBuildFresh()) return;
    if (Date.now() > deadline) throw new Error(`waited ${buildLockTimeoutMs} ms for the client build lock ${lockPath}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Launches the system Chromium headless (never downloaded).
 * @throws Error naming what was tried when no browser is installed.
 */
export async function launchTestBrowser(): Promise<LaunchedBrowser> {
  const resolution = findBrowserExecutable({ puppeteerExecutablePath: process.env.PUPPETEER_EXECUTABLE_PATH, path: process.env.PATH });
  if (!resolution.found) throw new Error(resolution.message);
  return launchBrowser(resolution.path, { protocolTimeoutMs: 60_000 });
}

/** The running app with a browser. */
export interface BrowserApp {
  app: TestApp;
  browser: LaunchedBrowser;
  /** A page in a fresh incognito context (own cookies and storage) at {@link viewport}. */
  newPage(): Promise<Page>;
  /** Opens a fresh page and signs `user` in through the staff sign-in form; resolves on the home page. */
  signIn(user: TestUser): Promise<Page>;
  /** Full URL of a client path, e.g. `/bank`. */
  url(path: string): string;
  /**
   * Saves a 1280 × 800 PNG of `page` as docs/screenshots/`name`.png (scrolled to the top, or to
   * the element matching `scrollTo`); returns the file path.
   */
  screenshot(page: Page, name: string, options?: { scrollTo?: string }): Promise<string>;
  /** Closes the browser and stops the app. */
  stop(): Promise<void>;
}

/**
 * Builds the client if needed, starts the app (real server, real database; `options` go to
 * `startTestApp`, e.g. `realtimeModules`) and the browser. Uncaught page errors are collected for
 * {@link pageErrorsOf}.
 */
export async function startBrowserApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<BrowserApp> {
  await ensureClientBuilt();
  if (!existsSync(distIndex)) throw new Error(`client build missing: ${distIndex}`);
  const app = await startTestApp(options);
  let browser: LaunchedBrowser;
  try {
    browser = await launchTestBrowser();
  } catch (error) {
    await app.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.browser.createBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewport(viewport);
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push((error as Error).message));
    (page as Page & { pageErrors: string[] }).pageErrors = errors;
    return page;
  };
  const url = (path: string) => `${app.baseUrl}${path}`;
  return {
    app,
    browser,
    newPage,
    url,
    async signIn(user) {
      if (!user.username) throw new Error(`signIn: ${user.role} has no username (candidates use the candidate sign-in)`);
      const page = await newPage();
      await page.goto(url('/login'), { waitUntil: 'networkidle0' });
      await page.locator('input[name="username"]').fill(user.username);
      await page.locator('input[name="password"]').fill(user.password);
      await page.locator('form button[type="submit"]').click();
      await page.waitForFunction(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname !== '/login');
      await page.waitForSelector('nav.main-nav');
      return page;
    },
    async screenshot(page, name, options = {}) {
      await mkdir(screenshotDirectory, { recursive: true });
      const path = join(screenshotDirectory, `${name}.png`);
      await page.evaluate(
        (selector: string | null) => {
          const { document, scrollTo } = globalThis as unknown as BrowserGlobals;
          const target = selector ? document.querySelector(selector) : null;
          if (target) target.scrollIntoView({ block: 'start' });
          else scrollTo(0, 0);
          return document.fonts.ready.then(() => undefined);
        },
        options.scrollTo ?? null,
      );
      await page.screenshot({ path, type: 'png', captureBeyondViewport: false });
      return path;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.stop();
    },
  };
}

/** The few browser globals the helpers read (the test project is compiled without the DOM library). */
interface BrowserGlobals {
  document: {
    body: { innerText: string };
    fonts: { ready: Promise<unknown> };
    querySelector(selector: string): { scrollIntoView(options: { block: string }): void } | null;
  };
  scrollTo(x: number, y: number): void;
}

/** The visible text of the whole page. */
export function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body.innerText);
}

/** Errors thrown in `page` so far (uncaught exceptions of the client). */
export function pageErrorsOf(page: Page): string[] {
  return (page as Page & { pageErrors?: string[] }).pageErrors ?? [];
}

/** Waits until the page's visible text contains `text`; returns that text. */
export async function waitForText(page: Page, text: string, timeoutMs = 20_000): Promise<string> {
  await page.waitForFunction((wanted: string) => (globalThis as unknown as BrowserGlobals).document.body.innerText.includes(wanted), { timeout: timeoutMs }, text);
  return bodyText(page);
}

/** The visible text of the first element matching `selector`. */
export async function textOf(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector);
  return page.$eval(selector, (element) => (element as unknown as { innerText: string }).innerText);
}

/**
 * Form controls of the page without an accessible name (no `<label>`, `aria-label` or
 * `aria-labelledby`), described by tag and name for the assertion message.
 */
export function findUnlabelledControls(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type="hidden"]), select, textarea', (controls) =>
    controls
      .map((control) => control as unknown as { labels: unknown[] | null; tagName: string; getAttribute(name: string): string | null })
      .filter((control) => (control.labels?.length ?? 0) === 0 && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby'))
      .map((control) => `${control.tagName.toLowerCase()}[name=${control.getAttribute('name') ?? ''}]`),
  );
}

/**
 * Sets the value of a React-controlled `<input>` (e.g. type date, whose typing depends on the
 * browser locale) through the prototype's value setter, so React's change tracking sees the input
 * event. Waits for the input first.
 */
export async function setReactInputValue(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.$eval(
    selector,
    (element, text) => {
      const input = element as unknown as { dispatchEvent(event: unknown): boolean };
      const scope = globalThis as unknown as {
        HTMLInputElement: { prototype: object };
        Event: new (type: string, init: { bubbles: boolean }) => unknown;
      };
      const setter = Object.getOwnPropertyDescriptor(scope.HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, text);
      input.dispatchEvent(new scope.Event('input', { bubbles: true }));
    },
    value,
  );
}
