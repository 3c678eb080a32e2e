/**
 * One Chromium per process and a small pool of reusable pages for PDFs and PNGs (certificates R15,
 * score sheets, room records R10).
 *
 * Speed: each pool page is a persistent template page served from a private origin through request
 * interception; it loads the Noto Sans SC stylesheets (@fontsource/noto-sans-sc, weights 400 and
 * 700, every unicode-range subset) once. A render replaces only the page's body and content styles,
 * so parsed CSS and decoded font subsets are reused across renders; subsets load on demand from
 * node_modules, never from the network. All other network requests are blocked. Noto Sans SC is
 * also the default font family, so content without a font-family of its own is not tofu.
 *
 * Robustness: at most `maxConcurrentRenders` renders run at once (default 2); a page is recycled
 * after `pageRecycleAfterRenders` renders (a setting, default 200); if the browser dies it is
 * relaunched on the next render and a render interrupted by the crash is retried once.
 * Without a browser (resolution failed) every render throws AppError `browser_unavailable`; the
 * rest of the server is unaffected.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HTTPRequest, Page, PDFOptions, ScreenshotOptions } from 'puppeteer';
import { AppError } from '../errors';
import { launchBrowser, type BrowserResolution, type LaunchedBrowser, type RenderLogger } from './browser';

/** Private origin of template pages; `.invalid` can never resolve, and interception answers it. */
const templateOrigin = 'https://render.skillcert.invalid';

/** Font weights whose stylesheets every template page loads. */
const fontWeights = [400, 700] as const;

/** Absolute directory of the @fontsource/noto-sans-sc package. */
function resolveFontPackageDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

/**
 * In-page code of the template page: `skillcertSwap(html)` parses a full HTML document, moves its
 * <style>/<link rel=stylesheet> into the head (replacing the previous render's), replaces the body,
 * drops scripts, forces layout, then waits until web fonts and images are ready. Plain JavaScript
 * because it runs in the browser.
 */
const templatePageScript = `
window.skillcertSwap = async function (html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  for (const node of document.head.querySelectorAll('[data-skillcert-content]')) node.remove();
  for (const node of parsed.head.querySelectorAll('style, link[rel~="stylesheet"]')) {
    const copy = document.importNode(node, true);
    copy.setAttribute('data-skillcert-content', '');
    document.head.appendChild(copy);
  }
  document.title = parsed.title;
  document.documentElement.lang = parsed.documentElement.lang || 'zh-CN';
  document.body.replaceWith(document.importNode(parsed.body, true));
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
  await document.fonts.ready;
  return { fontStatus: document.fonts.status };
};
`;

/**
 * `<link>` elements of the Noto Sans SC stylesheets (weights 400 and 700) on the template origin.
 * Only pages opened with {@link openTemplatePage} can load them. Exported for the benchmark.
 */
export const fontStylesheetLinksHtml = fontWeights
  .map((weight) => `<link rel="stylesheet" href="${templateOrigin}/fonts/${weight}.css">`)
  .join('');

function buildTemplatePageHtml(): string {
  const links = fontStylesheetLinksHtml;
  // Noto Sans SC is the default family, so content without its own font-family is not tofu.
  const defaultFont = `<style>html { font-family: 'Noto Sans SC', sans-serif; }</style>`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">${links}${defaultFont}<script>${templatePageScript}</script></head><body></body></html>`;
}

const templatePageHtml = buildTemplatePageHtml();
const fontDirectory = resolveFontPackageDirectory();
/** Font CSS and font files read so far, shared by all pools (read-only package files). */
const fontFileCache = new Map<string, Promise<Buffer>>();

function readFontFile(relativePath: string): Promise<Buffer> {
  let cached = fontFileCache.get(relativePath);
  if (!cached) {
    cached = readFile(join(fontDirectory, relativePath));
    cached.catch(() => fontFileCache.delete(relativePath));
    fontFileCache.set(relativePath, cached);
  }
  return cached;
}

/** Answers template-page requests: the template, font CSS and font files; blocks everything else. */
async function answerTemplateRequest(request: HTTPRequest, logger: RenderLogger | undefined): Promise<void> {
  if (request.isInterceptResolutionHandled()) return;
  const url = request.url();
  try {
    if (url.startsWith('data:')) {
      await request.continue();
      return;
    }
    if (url === `${templateOrigin}/`) {
      await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: templatePageHtml });
      return;
    }
    const fontMatch = /^\/fonts\/((?:400|700)\.css|files\/noto-sans-sc-[a-z0-9-]+\.woff2?)$/.exec(
      url.startsWith(templateOrigin) ? url.slice(templateOrigin.length) : '',
    );
    if (fontMatch) {
      const body = await readFontFile(fontMatch[1]);
      const contentType = fontMatch[1].endsWith('.css')
        ? 'text/css; charset=utf-8'
        : fontMatch[1].endsWith('.woff2')
          ? 'font/woff2'
          : 'font/woff';
      await request.respond({ status: 200, contentType, body, headers: { 'Access-Control-Allow-Origin': '*' } });
      return;
    }
    await request.abort('blockedbyclient');
  } catch (error) {
    if (!request.isInterceptResolutionHandled()) await request.abort('failed').catch(() => undefined);
    logger?.warn(`render: could not answer ${url}: ${(error as Error).message}`);
  }
}

/**
 * Turns a fresh page into a template page: request interception that serves only the template
 * and the Noto Sans SC files (all other requests are blocked), then navigation to the template
 * origin, which loads the font stylesheets and defines the in-page `skillcertSwap`. Used by the
 * pool and, for a like-for-like baseline, by the benchmark.
 *
 * @throws Puppeteer errors when the page cannot navigate within `renderTimeoutMs`.
 */
export async function openTemplatePage(
  page: Page,
  options: { renderTimeoutMs: number; logger?: RenderLogger },
): Promise<void> {
  page.setDefaultTimeout(options.renderTimeoutMs);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    void answerTemplateRequest(request, options.logger);
  });
  await page.goto(`${templateOrigin}/`, { waitUntil: 'load' });
}

/** Options of {@link createRenderPool}. */
export interface RenderPoolOptions {
  /** Result of `findBrowserExecutable` / `ensureBrowserExecutable`; not found ⇒ renders throw. */
  browser: BrowserResolution;
  /** Renders running at once, >= 1; default 2. */
  maxConcurrentRenders?: number;
  /** Renders after which a page is closed and replaced (bounds per-page memory), >= 1; default 200. */
  pageRecycleAfterRenders?: number;
  /** Time limit of one render (content swap + PDF/PNG) in milliseconds; default 30,000. */
  renderTimeoutMs?: number;
  logger?: RenderLogger;
}

/**
 * One PDF job: a complete HTML document and Puppeteer PDF options (defaults: A4, backgrounds, CSS
 * page size). Of the document, the head's <style> and <link rel=stylesheet>, the title, the lang
 * and the body are used; scripts are dropped and network requests other than data: URLs blocked.
 */
export interface RenderPdfJob {
  html: string;
  pdfOptions?: PDFOptions;
}

/** One PNG job: a complete HTML document, the viewport in CSS pixels, and screenshot options. */
export interface RenderPngJob {
  html: string;
  /** Default 1123 × 794 (A4 landscape at 96 dpi), scale 1. */
  viewport?: { width: number; height: number; deviceScaleFactor?: number };
  /** Capture the whole page instead of the viewport; default false. */
  fullPage?: boolean;
}

/** Progress of a batch: renders finished so far out of the total. */
export interface RenderBatchProgress {
  completed: number;
  total: number;
}

/** Counters of a pool, for monitoring and the benchmark. */
export interface RenderPoolStats {
  /** PID of the running browser's main process, undefined before the first render or after close. */
  browserPid: number | undefined;
  browserLaunches: number;
  pagesCreated: number;
  pagesRecycled: number;
  rendersCompleted: number;
  /** Renders running now. */
  activeRenders: number;
}

/** The render pool API. */
export interface RenderPool {
  /**
   * Renders one HTML document to PDF bytes.
   * @throws AppError `browser_unavailable` without a browser, after close, or when the browser
   *   crashes twice in a row; Puppeteer's TimeoutError after `renderTimeoutMs`.
   */
  renderPdf(job: RenderPdfJob): Promise<Buffer>;
  /** Renders one HTML document to PNG bytes. Errors as {@link RenderPool.renderPdf}. */
  renderPng(job: RenderPngJob): Promise<Buffer>;
  /**
   * Renders many PDFs with at most `maxConcurrentRenders` at once; results keep the jobs' order.
   * `onProgress` is called after each finished render. Rejects with the first failure.
   */
  renderPdfBatch(
    jobs: readonly RenderPdfJob[],
    options?: { onProgress?: (progress: RenderBatchProgress) => void },
  ): Promise<Buffer[]>;
  /** Launches the browser and opens one page now instead of on the first render. Errors as renderPdf. */
  warmUp(): Promise<void>;
  getStats(): RenderPoolStats;
  /** Closes the browser and deletes its profile; later renders throw `browser_unavailable`. */
  close(): Promise<void>;
}

/** Default PDF options: A4, backgrounds printed, the document's @page size wins. */
export const defaultPdfOptions: PDFOptions = Object.freeze({
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
});

interface BrowserGeneration {
  launched: LaunchedBrowser;
  isAlive: boolean;
}

interface PooledPage {
  page: Page;
  generation: BrowserGeneration;
  rendersDone: number;
}

/** Counting semaphore with a FIFO queue. */
class Semaphore {
  private available: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.available = size;
  }

  async acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.available += 1;
  }
}

interface SwapGlobal {
  skillcertSwap(html: string): Promise<{ fontStatus: string }>;
}

class ChromiumRenderPool implements RenderPool {
  private readonly maxConcurrentRenders: number;
  private readonly pageRecycleAfterRenders: number;
  private readonly renderTimeoutMs: number;
  private readonly logger: RenderLogger | undefined;
  private readonly slots: Semaphore;
  private readonly idlePages: PooledPage[] = [];
  private generation: BrowserGeneration | undefined;
  private launching: Promise<BrowserGeneration> | undefined;
  private isClosed = false;
  private readonly stats = { browserLaunches: 0, pagesCreated: 0, pagesRecycled: 0, rendersCompleted: 0, activeRenders: 0 };

  constructor(private readonly options: RenderPoolOptions) {
    this.maxConcurrentRenders = options.maxConcurrentRenders ?? 2;
    this.pageRecycleAfterRenders = options.pageRecycleAfterRenders ?? 200;
    this.renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
    this.logger = options.logger;
    if (!Number.isInteger(this.maxConcurrentRenders) || this.maxConcurrentRenders < 1) {
      throw new AppError('configuration_invalid', `Render pool: maxConcurrentRenders must be an integer >= 1, got ${this.maxConcurrentRenders}`);
    }
    if (!Number.isInteger(this.pageRecycleAfterRenders) || this.pageRecycleAfterRenders < 1) {
      throw new AppError('configuration_invalid', `Render pool: pageRecycleAfterRenders must be an integer >= 1, got ${this.pageRecycleAfterRenders}`);
    }
    this.slots = new Semaphore(this.maxConcurrentRenders);
  }

  renderPdf(job: RenderPdfJob): Promise<Buffer> {
    return this.withPage(async (page) => {
      await this.swapContent(page, job.html);
      const pdf = await page.pdf({ ...defaultPdfOptions, timeout: this.renderTimeoutMs, ...job.pdfOptions });
      return Buffer.from(pdf);
    });
  }

  renderPng(job: RenderPngJob): Promise<Buffer> {
    return this.withPage(async (page) => {
      const viewport = job.viewport ?? { width: 1123, height: 794 };
      await page.setViewport({ deviceScaleFactor: 1, ...viewport });
      await this.swapContent(page, job.html);
      const options: ScreenshotOptions = { type: 'png', fullPage: job.fullPage ?? false };
      const png = await page.screenshot(options);
      return Buffer.from(png);
    });
  }

  async renderPdfBatch(
    jobs: readonly RenderPdfJob[],
    options: { onProgress?: (progress: RenderBatchProgress) => void } = {},
  ): Promise<Buffer[]> {
    const results: Buffer[] = new Array(jobs.length);
    let nextIndex = 0;
    let completed = 0;
    let failure: unknown;
    const worker = async () => {
      while (failure === undefined && nextIndex < jobs.length) {
        const index = nextIndex++;
        try {
          results[index] = await this.renderPdf(jobs[index]);
        } catch (error) {
          failure ??= error;
          return;
        }
        completed += 1;
        options.onProgress?.({ completed, total: jobs.length });
      }
    };
    const workerCount = Math.min(this.maxConcurrentRenders, jobs.length);
    await Promise.all(Array.from({ length: workerCount }, worker));
    if (failure !== undefined) throw failure;
    return results;
  }

  async warmUp(): Promise<void> {
    await this.withPage(async () => undefined);
  }

  getStats(): RenderPoolStats {
    const browserPid = this.generation?.isAlive ? this.generation.launched.browser.process()?.pid : undefined;
    return { browserPid, ...this.stats };
  }

  async close(): Promise<void> {
    this.isClosed = true;
    const generation = this.generation ?? (await this.launching?.catch(() => undefined));
    this.generation = undefined;
    this.idlePages.length = 0;
    if (generation) {
      generation.isAlive = false;
      await generation.launched.close();
    }
  }

  /** Runs `work` on a pooled page within a concurrency slot; retries once after a browser crash. */
  private async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    this.assertUsable();
    await this.slots.acquire();
    this.stats.activeRenders += 1;
    try {
      for (let attempt = 1; ; attempt += 1) {
        this.assertUsable();
        const pooled = await this.takePage();
        try {
          const result = await work(pooled.page);
          this.stats.rendersCompleted += 1;
          await this.returnPage(pooled);
          return result;
        } catch (error) {
          await pooled.page.close().catch(() => undefined);
          const crashed = !pooled.generation.isAlive || !pooled.generation.launched.browser.connected;
          if (crashed && !this.isClosed) {
            if (attempt < 2) {
              this.logger?.warn('render: browser disconnected during a render; relaunching and retrying once');
              continue;
            }
            throw new AppError('browser_unavailable', `The browser crashed twice during a render: ${(error as Error).message}`);
          }
          if (this.isClosed) throw new AppError('browser_unavailable', 'The render pool was closed during the render');
          throw error;
        }
      }
    } finally {
      this.stats.activeRenders -= 1;
      this.slots.release();
    }
  }

  private assertUsable(): void {
    if (!this.options.browser.found) throw new AppError('browser_unavailable', this.options.browser.message);
    if (this.isClosed) throw new AppError('browser_unavailable', 'The render pool is closed');
  }

  private async takePage(): Promise<PooledPage> {
    while (this.idlePages.length > 0) {
      const pooled = this.idlePages.pop()!;
      if (pooled.generation.isAlive && pooled.generation === this.generation && !pooled.page.isClosed()) return pooled;
    }
    const opening = this.pageOpening.then(() => this.openPooledPage());
    this.pageOpening = opening.catch(() => undefined);
    return opening;
  }

  /**
   * New pages open one at a time: two fresh template pages loading the same font files at once
   * through request interception can leave a request unanswered, so that page's fonts never settle.
   */
  private pageOpening: Promise<unknown> = Promise.resolve();

  private async openPooledPage(): Promise<PooledPage> {
    const generation = await this.ensureBrowser();
    const page = await generation.launched.browser.newPage();
    this.stats.pagesCreated += 1;
    try {
      await openTemplatePage(page, { renderTimeoutMs: this.renderTimeoutMs, logger: this.logger });
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
    return { page, generation, rendersDone: 0 };
  }

  private async returnPage(pooled: PooledPage): Promise<void> {
    pooled.rendersDone += 1;
    const isStale = !pooled.generation.isAlive || pooled.generation !== this.generation || this.isClosed;
    if (isStale || pooled.rendersDone >= this.pageRecycleAfterRenders) {
      if (!isStale) this.stats.pagesRecycled += 1;
      await pooled.page.close().catch(() => undefined);
      return;
    }
    this.idlePages.push(pooled);
  }

  private ensureBrowser(): Promise<BrowserGeneration> {
    if (this.generation?.isAlive && this.generation.launched.browser.connected) return Promise.resolve(this.generation);
    if (this.launching) return this.launching;
    const resolution = this.options.browser;
    if (!resolution.found) return Promise.reject(new AppError('browser_unavailable', resolution.message));
    this.launching = (async () => {
      const launched = await launchBrowser(resolution.path, { protocolTimeoutMs: this.renderTimeoutMs * 2 });
      const generation: BrowserGeneration = { launched, isAlive: true };
      this.stats.browserLaunches += 1;
      launched.browser.once('disconnected', () => {
        generation.isAlive = false;
        if (this.generation === generation) this.generation = undefined;
        if (!this.isClosed) this.logger?.warn('render: the browser disconnected; it will be relaunched on the next render');
        void launched.close();
      });
      if (this.isClosed) {
        generation.isAlive = false;
        await launched.close();
        throw new AppError('browser_unavailable', 'The render pool is closed');
      }
      this.generation = generation;
      this.logger?.info(`render: launched ${resolution.path} (pid ${launched.browser.process()?.pid ?? '?'})`);
      return generation;
    })().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async swapContent(page: Page, html: string): Promise<void> {
    await page.evaluate((content) => (globalThis as unknown as SwapGlobal).skillcertSwap(content), html);
  }
}

/**
 * Creates the process's render pool (R15 certificates and other PDFs). Launches nothing until the
 * first render or {@link RenderPool.warmUp}.
 *
 * @throws AppError `configuration_invalid` when maxConcurrentRenders or pageRecycleAfterRenders is
 *   not an integer >= 1. A missing browser does not throw here: renders throw `browser_unavailable`.
 */
export function createRenderPool(options: RenderPoolOptions): RenderPool {
  return new ChromiumRenderPool(options);
}
