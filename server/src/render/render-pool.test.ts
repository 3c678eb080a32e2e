import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateHtml, certificatePdfOptions, type CertificateTemplateData } from '../domain/certificates/certificate-template';
import { formatCertificateNumber } from '../domain/certificates/certificate-number';
import { buildVerificationUrl, isVerificationTokenValid } from '../domain/certificates/verification-token';
import { AppError } from '../errors';
import { findBrowserExecutable } from './browser';
import { createRenderPool, type RenderPool } from './render-pool';

const browser = findBrowserExecutable({
  puppeteerExecutablePath: process.env.PUPPETEER_EXECUTABLE_PATH,
  path: process.env.PATH,
});
const verificationKey = randomBytes(32);

/**
 * The shared PDF helpers (test/helpers/pdf.ts). They live outside the server project's rootDir, so
 * they are loaded by URL at run time and typed here, which keeps `tsc -p server` clean.
 */
interface PdfHelpers {
  extractPdfText(pdf: Uint8Array): Promise<string>;
  renderPdfPageToPng(pdf: Uint8Array, options?: { pageNumber?: number; scale?: number }): Promise<Buffer>;
  decodePng(png: Uint8Array): { width: number; height: number; data: Uint8ClampedArray };
  decodeQrCodeFromPng(png: Uint8Array): string | null;
  listPdfFontNames(pdf: Uint8Array): string[];
  removeWhitespace(text: string): string;
}
const pdfHelpersUrl = new URL('../../../test/helpers/pdf.ts', import.meta.url).href;
const { decodePng, decodeQrCodeFromPng, extractPdfText, listPdfFontNames, removeWhitespace, renderPdfPageToPng } =
  (await import(pdfHelpersUrl)) as PdfHelpers;

function certificateData(candidateName: string, serial: number): CertificateTemplateData {
  const certificateNumber = formatCertificateNumber({
    organisationClass: 'Y',
    organisationCode: '0001',
    provinceCode: '44',
    siteSerial: { kind: 'employer', cityCode: '07', siteType: 1, siteSequence: 5 },
    issueYear: 2026,
    level: 5,
    serial,
  });
  return {
    candidateName,
    idType: '居民身份证',
    idNumber: '440703199001011234',
    occupationName: '电工',
    workTypeName: '维修电工',
    level: 5,
    certificateNumber,
    verificationUrl: buildVerificationUrl('https://cert.example.cn', { certificateNumber, issueVersion: 1 }, verificationKey),
    organisationName: '江门市示例电力有限公司',
    issueDate: '2026-11-20',
  };
}

/** Share of pixels that differ between two equally sized PNGs, 0..1. */
function differingPixelShare(first: Buffer, second: Buffer): number {
  const a = decodePng(first);
  const b = decodePng(second);
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let differing = 0;
  for (let index = 0; index < a.data.length; index += 4) {
    if (a.data[index] !== b.data[index] || a.data[index + 1] !== b.data[index + 1] || a.data[index + 2] !== b.data[index + 2]) {
      differing += 1;
    }
  }
  return differing / (a.width * a.height);
}

function nameOnlyHtml(name: string, fontFamily: string): string {
  return `<!DOCTYPE html><html><head><style>body{margin:0;background:#fff} p{font:48px '${fontFamily}';margin:8px}</style></head><body><p>${name}</p></body></html>`;
}

describe('createRenderPool', () => {
  let pool: RenderPool;

  beforeAll(() => {
    expect(browser, 'a Chromium is needed for render tests').toMatchObject({ found: true });
    pool = createRenderPool({ browser, maxConcurrentRenders: 2 });
  });

  afterAll(async () => {
    await pool?.close();
  });

  it('R15: renders a certificate PDF whose text holds the Chinese name, number, level and issue date', async () => {
    const data = certificateData('欧阳娜娜', 1);
    const pdf = await pool.renderPdf({ html: await buildCertificateHtml(data), pdfOptions: certificatePdfOptions });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = removeWhitespace(await extractPdfText(pdf));
    expect(text).toContain('欧阳娜娜');
    expect(text).toContain(data.certificateNumber);
    expect(text).toContain('五级/初级工');
    expect(text).toContain('2026年11月20日');
    expect(text).toContain('江门市示例电力有限公司');
  });

  it('R15: the PDF embeds Noto Sans SC and no fallback font', async () => {
    const pdf = await pool.renderPdf({ html: await buildCertificateHtml(certificateData('龙傲天', 2)), pdfOptions: certificatePdfOptions });
    const fonts = listPdfFontNames(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^NotoSansSC/);
  });

  it('R15: the QR code rasterised from the PDF itself decodes to the exact verify URL with a valid token', async () => {
    const data = certificateData('欧阳娜娜', 3);
    const pdf = await pool.renderPdf({ html: await buildCertificateHtml(data), pdfOptions: certificatePdfOptions });
    const png = await renderPdfPageToPng(pdf, { scale: 2 });
    const decoded = decodeQrCodeFromPng(png);
    expect(decoded).toBe(data.verificationUrl);
    const url = new URL(decoded!);
    expect(url.pathname).toBe(`/verify/${data.certificateNumber}`);
    const token = url.searchParams.get('t') ?? '';
    expect(isVerificationTokenValid({ certificateNumber: data.certificateNumber, issueVersion: 1 }, token, verificationKey)).toBe(true);
  });

  it('draws real Noto Sans SC glyphs, not tofu: two names of equal length render differently', async () => {
    const viewport = { width: 260, height: 80 };
    const first = await pool.renderPng({ html: nameOnlyHtml('欧阳娜娜', 'Noto Sans SC'), viewport });
    const second = await pool.renderPng({ html: nameOnlyHtml('龙傲天下', 'Noto Sans SC'), viewport });
    expect(differingPixelShare(first, second)).toBeGreaterThan(0.02);
    // With a family nobody provides, the glyphs come from system fallback or tofu: the pixels change.
    const bogus = await pool.renderPng({ html: nameOnlyHtml('欧阳娜娜', 'No Such Font 42'), viewport });
    expect(differingPixelShare(first, bogus)).toBeGreaterThan(0.02);
  });

  it('renders PNGs at the requested viewport', async () => {
    const png = await pool.renderPng({ html: nameOnlyHtml('张三', 'Noto Sans SC'), viewport: { width: 300, height: 120 } });
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([300, 120]);
  });

  it('blocks network requests from rendered HTML instead of waiting for them', async () => {
    const html = '<!DOCTYPE html><html><body><p>外部资源</p><img src="https://example.com/logo.png"><link rel="stylesheet" href="https://example.com/x.css"></body></html>';
    const pdf = await pool.renderPdf({ html });
    expect(removeWhitespace(await extractPdfText(pdf))).toContain('外部资源');
  });

  it('renders a batch in job order, reporting progress after each PDF', async () => {
    const names = ['赵一', '钱二', '孙三', '李四', '周五'];
    const jobs = await Promise.all(
      names.map(async (name, index) => ({ html: await buildCertificateHtml(certificateData(name, 10 + index)), pdfOptions: certificatePdfOptions })),
    );
    const progress: number[] = [];
    const pdfs = await pool.renderPdfBatch(jobs, { onProgress: ({ completed, total }) => {
      expect(total).toBe(names.length);
      progress.push(completed);
    } });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const texts = await Promise.all(pdfs.map(async (pdf) => removeWhitespace(await extractPdfText(pdf))));
    texts.forEach((text, index) => expect(text).toContain(names[index]));
  });

  it('runs at most two renders at once and reuses their pages', async () => {
    const own = createRenderPool({ browser, maxConcurrentRenders: 2 });
    try {
      let maximumActive = 0;
      const sampler = setInterval(() => {
        maximumActive = Math.max(maximumActive, own.getStats().activeRenders);
      }, 1);
      const html = nameOnlyHtml('并发测试', 'Noto Sans SC');
      await Promise.all(Array.from({ length: 6 }, () => own.renderPdf({ html })));
      clearInterval(sampler);
      const stats = own.getStats();
      expect(maximumActive).toBeLessThanOrEqual(2);
      expect(stats.pagesCreated).toBeLessThanOrEqual(2);
      expect(stats.rendersCompleted).toBe(6);
      expect(stats.browserLaunches).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('recycles a page after the configured number of renders', async () => {
    const own = createRenderPool({ browser, maxConcurrentRenders: 1, pageRecycleAfterRenders: 2 });
    try {
      const html = nameOnlyHtml('回收', 'Noto Sans SC');
      for (let index = 0; index < 5; index += 1) await own.renderPdf({ html });
      expect(own.getStats()).toMatchObject({ pagesCreated: 3, pagesRecycled: 2, rendersCompleted: 5 });
    } finally {
      await own.close();
    }
  });

  it('relaunches the browser after it dies', async () => {
    const own = createRenderPool({ browser, maxConcurrentRenders: 1 });
    try {
      const html = nameOnlyHtml('重启', 'Noto Sans SC');
      await own.renderPdf({ html });
      const firstPid = own.getStats().browserPid;
      expect(firstPid).toBeTypeOf('number');
      process.kill(firstPid!, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pdf = await own.renderPdf({ html });
      expect(removeWhitespace(await extractPdfText(pdf))).toContain('重启');
      const stats = own.getStats();
      expect(stats.browserLaunches).toBe(2);
      expect(stats.browserPid).not.toBe(firstPid);
    } finally {
      await own.close();
    }
  });

  it('fails PDF features with browser_unavailable when no browser was found, and after close', async () => {
    const without = createRenderPool({ browser: { found: false, message: 'No Chrome or Chromium found. Install chromium.' } });
    await expect(without.renderPdf({ html: '<p>x</p>' })).rejects.toMatchObject({
      code: 'browser_unavailable',
      message: expect.stringContaining('Install chromium'),
    });
    await expect(without.renderPng({ html: '<p>x</p>' })).rejects.toBeInstanceOf(AppError);
    await without.close();
    const closed = createRenderPool({ browser });
    await closed.close();
    await expect(closed.renderPdf({ html: '<p>x</p>' })).rejects.toMatchObject({ code: 'browser_unavailable' });
  });

  it('R15: renders a first batch of certificates on a fresh pool, opening its two pages together', async () => {
    // Regression: two fresh template pages fetching the same font files at once left one page's
    // fonts unsettled and the render timed out.
    const fresh = createRenderPool({ browser, maxConcurrentRenders: 2, renderTimeoutMs: 20_000 });
    try {
      const jobs = await Promise.all(
        ['欧阳娜娜', '王伟', '张建平'].map(async (name, index) => ({ html: await buildCertificateHtml(certificateData(name, 40 + index)), pdfOptions: certificatePdfOptions })),
      );
      const pdfs = await fresh.renderPdfBatch(jobs);
      const texts = await Promise.all(pdfs.map((pdf) => extractPdfText(pdf)));
      expect(texts.map((text) => removeWhitespace(text).includes('张建平'))).toEqual([false, false, true]);
      expect(fresh.getStats().pagesCreated).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a concurrency below 1', () => {
    expect(() => createRenderPool({ browser, maxConcurrentRenders: 0 })).toThrow(/maxConcurrentRenders/);
  });
});
