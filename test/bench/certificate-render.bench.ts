/**
 * Certificate render benchmark (R15 at batch scale, `runCertificateRenderBenchmark`): the shared
 * render pool against launching a browser per PDF (target >= 10x) and against a bare
 * `setContent + pdf` on one reused page (target >= 0.7x), and the RSS of the pool's Chromium tree
 * after 1,000 certificates against after 100 (target <= 1.2x). Uses the system Chromium (never
 * downloads one); without a browser the benchmark reports an error row.
 */
import { runCertificateRenderBenchmark } from '@skillcert/server/render/bench';
import { findBrowserExecutable } from '@skillcert/server/render/browser';
import { infoRow, ratioRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'certificate-render';

const sizesByMode: Record<'quick' | 'full', { count: number; browserPerPdfCount: number; rssCheckpoints: number[] }> = {
  quick: { count: 20, browserPerPdfCount: 2, rssCheckpoints: [5, 20] },
  full: { count: 1_000, browserPerPdfCount: 5, rssCheckpoints: [100, 1_000] },
};

async function runCertificateRender(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode === 'quick' ? 'quick' : 'full'];
  const browser = findBrowserExecutable({ puppeteerExecutablePath: process.env.PUPPETEER_EXECUTABLE_PATH, path: process.env.PATH });
  const result = await runCertificateRenderBenchmark({
    ...sizes,
    browser,
    onLog: (line) => process.stderr.write(`[bench] ${name}: ${line}\n`),
  });
  const rows: BenchRow[] = [
    ratioRow(name, `pool certificates/s (${result.pool.certificates}) vs a browser launched per PDF (${result.browserPerPdf.certificates})`, result.pool.certificatesPerSecond, 'cert/s', result.browserPerPdf.certificatesPerSecond, { min: 10 }),
    ratioRow(name, 'pool certificates/s vs bare setContent + pdf on one reused page', result.pool.certificatesPerSecond, 'cert/s', result.barePage.certificatesPerSecond, { min: 0.7 }),
  ];
  const first = result.rssSamples[0];
  const last = result.rssSamples[result.rssSamples.length - 1];
  if (first && last && result.rssSamples.length >= 2) {
    rows.push(ratioRow(name, `Chromium tree RSS after ${last.afterCertificates} vs after ${first.afterCertificates} certificates`, last.rssBytes / 2 ** 20, 'MiB', first.rssBytes / 2 ** 20, { max: 1.2 }));
    if (last.pssBytes > 0 && first.pssBytes > 0) rows.push(infoRow(name, `Chromium tree PSS growth ${first.afterCertificates} → ${last.afterCertificates} (shared pages split)`, last.pssBytes / first.pssBytes, 'x'));
  } else {
    rows.push({ benchmark: name, figure: 'Chromium tree RSS growth: /proc unavailable, not measured', value: Number.NaN, unit: '', isPass: false });
  }
  rows.push(infoRow(name, 'average certificate PDF size', result.averagePdfBytes / 1024, 'KiB'));
  return rows;
}

/** The certificate render benchmark. */
export const certificateRenderBenchmark: Benchmark = { name, issue: 13, run: runCertificateRender };
