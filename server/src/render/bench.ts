/**
 * Certificate render benchmark (R15 certificates at batch scale). Measures, on the same generated
 * certificates with Chinese names:
 *
 * 1. the render pool: certificates per second through {@link RenderPool.renderPdfBatch};
 * 2. launching a browser per PDF (a fresh single-use pool per certificate): target pool >= 10×;
 * 3. a bare `page.setContent(html) + page.pdf()` on one reused page, with the same fonts:
 *    target pool >= 0.7× (the pool's bookkeeping must not cost more than it saves);
 * 4. the RSS of the pool's Chromium process tree (browser + renderers + zygotes, read from /proc)
 *    after the first and after the last checkpoint (by default 100 and 1,000 certificates):
 *    target last / first <= 1.2.
 *
 * Used by `npm run bench`; not a unit test (no timing assertions in tests).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { buildCertificateHtml, certificatePdfOptions } from '../domain/certificates/certificate-template';
import { formatCertificateNumber } from '../domain/certificates/certificate-number';
import { buildVerificationUrl } from '../domain/certificates/verification-token';
import { AppError } from '../errors';
import { launchBrowser, type BrowserResolution } from './browser';
import { createRenderPool, fontStylesheetLinksHtml, openTemplatePage } from './render-pool';

/** Options of {@link runCertificateRenderBenchmark}. */
export interface CertificateRenderBenchmarkOptions {
  /** Certificates rendered through the pool (and through the bare page), >= 1. */
  count: number;
  /** Browser from `findBrowserExecutable`. */
  browser: BrowserResolution;
  /** Certificates rendered with a browser launched per PDF; default min(count, 5). */
  browserPerPdfCount?: number;
  /** Pool sizes as in production: concurrent renders (default 2), page recycling (default 200). */
  maxConcurrentRenders?: number;
  pageRecycleAfterRenders?: number;
  /**
   * Completed-render counts at which the browser tree's RSS is sampled during the pool run; only
   * those <= count are used. Default [100, 1000].
   */
  rssCheckpoints?: readonly number[];
  /** Called with a line of progress text now and then. */
  onLog?: (line: string) => void;
}

/** Throughput of one way of rendering. */
export interface RenderThroughput {
  certificates: number;
  elapsedMs: number;
  certificatesPerSecond: number;
}

/** One memory sample of the browser process tree. */
export interface RssSample {
  afterCertificates: number;
  /** Sum of VmRSS over the tree (shared pages counted once per process). */
  rssBytes: number;
  /** Sum of Pss over the tree (shared pages split between their users), 0 if unavailable. */
  pssBytes: number;
  processes: number;
}

/** Figures of {@link runCertificateRenderBenchmark}. */
export interface CertificateRenderBenchmarkResult {
  pool: RenderThroughput;
  browserPerPdf: RenderThroughput;
  barePage: RenderThroughput;
  /** pool / browserPerPdf; target >= 10. */
  speedupOverBrowserPerPdf: number;
  /** pool / barePage; target >= 0.7. */
  ratioToBarePage: number;
  rssSamples: RssSample[];
  /** last sample / first sample of rssBytes, undefined with fewer than two samples; target <= 1.2. */
  rssGrowth: number | undefined;
  /** The same ratio for pssBytes (undefined when Pss is unavailable). */
  pssGrowth: number | undefined;
  meetsTargets: { speedupOverBrowserPerPdf: boolean; ratioToBarePage: boolean; rssGrowth: boolean | undefined };
  averagePdfBytes: number;
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '司马'];
const givenCharacters = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫璐燊淼犇骉鹏翔瑞宸煜';

/** A deterministic, varied Chinese name for index `index`. */
function candidateNameFor(index: number): string {
  const surname = surnames[index % surnames.length];
  const first = givenCharacters[Math.floor(index / surnames.length) % givenCharacters.length];
  const second = givenCharacters[(index * 7 + 3) % givenCharacters.length];
  return surname + first + (index % 3 === 0 ? '' : second);
}

async function buildCertificateHtmls(count: number): Promise<string[]> {
  const key = randomBytes(32);
  const htmls: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const level = ((index % 5) + 1) as 1 | 2 | 3 | 4 | 5;
    const certificateNumber = formatCertificateNumber({
      organisationClass: 'Y',
      organisationCode: '0001',
      provinceCode: '44',
      siteSerial: { kind: 'employer', cityCode: '07', siteType: 1, siteSequence: 5 },
      issueYear: 2026,
      level,
      serial: index + 1,
    });
    htmls.push(
      await buildCertificateHtml({
        candidateName: candidateNameFor(index),
        idType: '居民身份证',
        idNumber: `44070319900101${String(index % 10_000).padStart(4, '0')}`,
        occupationName: '电工',
        workTypeName: '维修电工',
        level,
        certificateNumber,
        verificationUrl: buildVerificationUrl('https://cert.example.cn', { certificateNumber, issueVersion: 1 }, key),
        organisationName: '江门市示例电力有限公司',
        issueDate: '2026-11-20',
      }),
    );
  }
  return htmls;
}

function throughput(certificates: number, elapsedMs: number): RenderThroughput {
  return { certificates, elapsedMs, certificatesPerSecond: certificates / (elapsedMs / 1000) };
}

/**
 * Memory of a process and all its descendants, in bytes, from /proc (Linux only): summed resident
 * set size (VmRSS), summed proportional set size (Pss from smaps_rollup, 0 where unreadable) and
 * the process count; undefined when /proc is unavailable or the process is gone.
 */
export function measureProcessTreeRss(
  rootPid: number,
): { rssBytes: number; pssBytes: number; processes: number } | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const childrenByParent = new Map<number, number[]>();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the parent pid; the command name (field 2) may contain spaces, so cut after ')'.
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = childrenByParent.get(parentPid) ?? [];
      siblings.push(Number(entry));
      childrenByParent.set(parentPid, siblings);
    } catch {
      // The process exited while we looked.
    }
  }
  let rssBytes = 0;
  let pssBytes = 0;
  let processes = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (match) rssBytes += Number(match[1]) * 1024;
      processes += 1;
      try {
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        const pss = /^Pss:\s+(\d+)\s+kB/m.exec(rollup);
        if (pss) pssBytes += Number(pss[1]) * 1024;
      } catch {
        // smaps_rollup needs Linux 4.14+ and ptrace access; RSS alone is still reported.
      }
    } catch {
      if (pid === rootPid) return undefined;
      continue;
    }
    pending.push(...(childrenByParent.get(pid) ?? []));
  }
  return { rssBytes, pssBytes, processes };
}

/**
 * Runs the certificate render benchmark and returns certificates per second for the pool, a
 * browser per PDF and a bare reused page, plus RSS samples of the pool's browser tree.
 *
 * @throws AppError `browser_unavailable` without a browser; `validation_failed` when count < 1.
 */
export async function runCertificateRenderBenchmark(
  options: CertificateRenderBenchmarkOptions,
): Promise<CertificateRenderBenchmarkResult> {
  const { count, browser } = options;
  if (!Number.isInteger(count) || count < 1) {
    throw new AppError('validation_failed', `Benchmark count must be an integer >= 1, got ${count}`, { field: 'count' });
  }
  if (!browser.found) throw new AppError('browser_unavailable', browser.message);
  const log = options.onLog ?? (() => {});
  const browserPerPdfCount = Math.max(1, Math.min(options.browserPerPdfCount ?? Math.min(count, 5), count));
  const checkpoints = [...(options.rssCheckpoints ?? [100, 1000])].filter((value) => value <= count).sort((a, b) => a - b);
  log(`building ${count} certificate HTML documents`);
  const htmls = await buildCertificateHtmls(count);

  // 1. The pool, with RSS samples at the checkpoints.
  const pool = createRenderPool({
    browser,
    maxConcurrentRenders: options.maxConcurrentRenders ?? 2,
    pageRecycleAfterRenders: options.pageRecycleAfterRenders,
  });
  const rssSamples: RssSample[] = [];
  let poolResult: RenderThroughput;
  let totalPdfBytes = 0;
  try {
    await pool.warmUp();
    let nextCheckpoint = 0;
    const started = performance.now();
    const pdfs = await pool.renderPdfBatch(
      htmls.map((html) => ({ html, pdfOptions: certificatePdfOptions })),
      {
        onProgress: ({ completed }) => {
          if (nextCheckpoint < checkpoints.length && completed >= checkpoints[nextCheckpoint]) {
            nextCheckpoint += 1;
            const pid = pool.getStats().browserPid;
            const sample = pid === undefined ? undefined : measureProcessTreeRss(pid);
            if (sample) rssSamples.push({ afterCertificates: completed, ...sample });
          }
          if (completed % 100 === 0) log(`pool: ${completed}/${count}`);
        },
      },
    );
    poolResult = throughput(count, performance.now() - started);
    totalPdfBytes = pdfs.reduce((sum, pdf) => sum + pdf.length, 0);
  } finally {
    await pool.close();
  }
  log(`pool: ${poolResult.certificatesPerSecond.toFixed(1)} certificates/s`);

  // 2. A browser launched per PDF.
  const perPdfStarted = performance.now();
  for (let index = 0; index < browserPerPdfCount; index += 1) {
    const singleUse = createRenderPool({ browser, maxConcurrentRenders: 1 });
    try {
      await singleUse.renderPdf({ html: htmls[index], pdfOptions: certificatePdfOptions });
    } finally {
      await singleUse.close();
    }
  }
  const browserPerPdf = throughput(browserPerPdfCount, performance.now() - perPdfStarted);
  log(`browser per PDF: ${browserPerPdf.certificatesPerSecond.toFixed(2)} certificates/s`);

  // 3. Bare setContent + pdf on one reused page, with the same font stylesheets in each document.
  const launched = await launchBrowser(browser.path);
  let barePage: RenderThroughput;
  try {
    const page = await launched.browser.newPage();
    await openTemplatePage(page, { renderTimeoutMs: 30_000 });
    const withFonts = htmls.map((html) => html.replace('<head>', `<head>${fontStylesheetLinksHtml}`));
    await page.setContent(withFonts[0], { waitUntil: 'load' });
    await page.pdf(certificatePdfOptions);
    const started = performance.now();
    for (const html of withFonts) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf(certificatePdfOptions);
    }
    barePage = throughput(count, performance.now() - started);
  } finally {
    await launched.close();
  }
  log(`bare page: ${barePage.certificatesPerSecond.toFixed(1)} certificates/s`);

  const speedupOverBrowserPerPdf = poolResult.certificatesPerSecond / browserPerPdf.certificatesPerSecond;
  const ratioToBarePage = poolResult.certificatesPerSecond / barePage.certificatesPerSecond;
  const rssGrowth =
    rssSamples.length >= 2 ? rssSamples[rssSamples.length - 1].rssBytes / rssSamples[0].rssBytes : undefined;
  const pssGrowth =
    rssSamples.length >= 2 && rssSamples[0].pssBytes > 0
      ? rssSamples[rssSamples.length - 1].pssBytes / rssSamples[0].pssBytes
      : undefined;
  return {
    pool: poolResult,
    browserPerPdf,
    barePage,
    speedupOverBrowserPerPdf,
    ratioToBarePage,
    rssSamples,
    rssGrowth,
    pssGrowth,
    meetsTargets: {
      speedupOverBrowserPerPdf: speedupOverBrowserPerPdf >= 10,
      ratioToBarePage: ratioToBarePage >= 0.7,
      rssGrowth: rssGrowth === undefined ? undefined : rssGrowth <= 1.2,
    },
    averagePdfBytes: Math.round(totalPdfBytes / count),
  };
}
