/**
 * Finding and launching the system Chromium used for PDFs (certificates R15, score sheets, room
 * records). SkillCert never downloads a browser: it resolves one on the machine, and on Debian as
 * root it may install the distribution's `chromium` package with apt. The server starts without a
 * browser; only PDF features then fail with AppError `browser_unavailable`.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { AppError } from '../errors';

/** The well-known install path of Debian's `chromium` package, tried after the override. */
export const defaultChromiumPath = '/usr/bin/chromium';

/** Program names looked up on PATH, in order. */
export const browserProgramNames = ['google-chrome', 'chromium', 'chromium-browser'] as const;

/**
 * Launch flags: no sandbox (containers, root), no GPU, no background traffic, no component
 * updates or sync, no first-run UI, /tmp instead of a small /dev/shm.
 */
export const browserLaunchArgs = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]);

/** Inputs of browser resolution, taken from the environment by config.ts. */
export interface BrowserResolutionOptions {
  /** `PUPPETEER_EXECUTABLE_PATH`: when set (non-empty) it is the only candidate. */
  puppeteerExecutablePath?: string;
  /** `PATH`, searched for {@link browserProgramNames}. */
  path?: string;
  /** Fixed paths tried before PATH; defaults to [{@link defaultChromiumPath}]. */
  defaultPaths?: readonly string[];
}

/** Outcome of browser resolution: a usable executable or a message saying what to do. */
export type BrowserResolution = { found: true; path: string } | { found: false; message: string };

/** How to get a browser, appended to every "not found" message. */
export const browserInstallHint =
  'Install Chromium from the system packages (Debian/Ubuntu: `apt-get install -y chromium`) or set ' +
  'PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable. SkillCert never downloads a browser.';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves the browser executable: `PUPPETEER_EXECUTABLE_PATH` if set (and then nothing else, so a
 * wrong override is reported rather than silently bypassed), else /usr/bin/chromium, else
 * `google-chrome`, `chromium`, `chromium-browser` on PATH. Never throws, never downloads.
 *
 * @returns `{ found: true, path }`, or `{ found: false, message }` naming what was tried and how to
 *   install a browser.
 */
export function findBrowserExecutable(options: BrowserResolutionOptions = {}): BrowserResolution {
  const override = options.puppeteerExecutablePath?.trim();
  if (override) {
    if (isExecutableFile(override)) return { found: true, path: override };
    const problem = existsSync(override) ? 'is not an executable file' : 'does not exist';
    return {
      found: false,
      message: `PUPPETEER_EXECUTABLE_PATH=${override} ${problem}. ${browserInstallHint}`,
    };
  }
  const defaultPaths = options.defaultPaths ?? [defaultChromiumPath];
  for (const candidate of defaultPaths) {
    if (isExecutableFile(candidate)) return { found: true, path: candidate };
  }
  const directories = (options.path ?? '').split(delimiter).filter((directory) => directory !== '');
  for (const name of browserProgramNames) {
    for (const directory of directories) {
      const candidate = join(directory, name);
      if (isExecutableFile(candidate)) return { found: true, path: candidate };
    }
  }
  return {
    found: false,
    message:
      `No Chrome or Chromium found (tried ${[...defaultPaths, ...browserProgramNames.map((name) => `${name} on PATH`)].join(', ')}). ` +
      browserInstallHint,
  };
}

/** Minimal logger (pino's `info`/`warn` fit). */
export interface RenderLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Options of {@link ensureBrowserExecutable}. */
export interface EnsureBrowserOptions extends BrowserResolutionOptions {
  /** Allow `apt-get install -y chromium` on Debian as root when no browser is found. */
  allowAptInstall: boolean;
  logger?: RenderLogger;
  /** Overrides for tests: is this Debian (default: /etc/debian_version exists), are we root. */
  isDebian?: boolean;
  isRoot?: boolean;
  /** Command runner for tests; default spawns the command and resolves with its exit code. */
  runCommand?: (command: string, args: readonly string[]) => Promise<number>;
}

const silentLogger: RenderLogger = { info: () => {}, warn: () => {} };

function runCommandInheritingOutput(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Resolves a browser like {@link findBrowserExecutable}; when none is found, no override is set,
 * `allowAptInstall` is true and the process runs as root on Debian, runs `apt-get install -y
 * chromium` (logged) and resolves again. Otherwise returns the not-found message with install
 * instructions. Never downloads a browser any other way; never throws.
 */
export async function ensureBrowserExecutable(options: EnsureBrowserOptions): Promise<BrowserResolution> {
  const logger = options.logger ?? silentLogger;
  const first = findBrowserExecutable(options);
  if (first.found || options.puppeteerExecutablePath?.trim()) return first;
  const isDebian = options.isDebian ?? existsSync('/etc/debian_version');
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  if (!options.allowAptInstall || !isDebian || !isRoot) {
    const reason = !options.allowAptInstall
      ? 'automatic install is disabled'
      : !isDebian
        ? 'this is not Debian'
        : 'not running as root';
    return { found: false, message: `${first.message} (No automatic install: ${reason}.)` };
  }
  const run = options.runCommand ?? runCommandInheritingOutput;
  logger.info('render: no browser found; running apt-get update && apt-get install -y chromium');
  const updateCode = await run('apt-get', ['update', '-qq']);
  if (updateCode !== 0) logger.warn(`render: apt-get update exited with ${updateCode}; trying the install anyway`);
  const installCode = await run('apt-get', ['install', '-y', '-qq', 'chromium']);
  if (installCode !== 0) {
    logger.warn(`render: apt-get install -y chromium exited with ${installCode}`);
    return { found: false, message: `apt-get install -y chromium failed (exit ${installCode}). ${first.message}` };
  }
  const second = findBrowserExecutable(options);
  if (second.found) logger.info(`render: installed Chromium at ${second.path}`);
  return second;
}

/** A launched browser and the temporary profile directory to delete after it closes. */
export interface LaunchedBrowser {
  browser: Browser;
  userDataDir: string;
  /** Closes the browser (if still connected) and removes the profile directory. */
  close(): Promise<void>;
}

/**
 * Launches Chromium headless with {@link browserLaunchArgs} and a fresh temporary user-data-dir.
 *
 * @param executablePath a path from {@link findBrowserExecutable}.
 * @throws AppError `browser_unavailable` when the browser cannot be started (message from Puppeteer).
 */
export async function launchBrowser(
  executablePath: string,
  options: { protocolTimeoutMs?: number } = {},
): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'skillcert-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir,
      args: [...browserLaunchArgs],
      protocolTimeout: options.protocolTimeoutMs ?? 60_000,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new AppError('browser_unavailable', `Could not start the browser at ${executablePath}: ${(error as Error).message}`);
  }
  return {
    browser,
    userDataDir,
    async close() {
      try {
        if (browser.connected) await browser.close();
      } catch {
        browser.process()?.kill('SIGKILL');
      }
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
