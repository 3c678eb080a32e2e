/**
 * Near-duplicate detection benchmark (R2): `findDuplicates` over all shared banks together (about
 * 3,300 items; within banks and across banks) and a seeded 10,000-item bank
 * (`measureDuplicateDetection`). Times are reported; the baseline is the all-pairs comparison
 * count the MinHash/LSH candidates avoid (no target: the issue asks to report the time).
 */
import { measureDuplicateDetection, type DuplicateRunFigures } from '@skillcert/bank-tools';
import { comparisonRow, infoRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'duplicates';

function rowsOf(label: string, figures: DuplicateRunFigures): BenchRow[] {
  return [
    infoRow(name, `${label}: findDuplicates time, ${figures.items} items (${figures.exactDuplicates} exact + ${figures.nearDuplicates} near)`, figures.durationMs, 'ms'),
    comparisonRow(name, `${label}: similarity computations vs all pairs`, figures.comparisons, 'pairs', figures.allPairs),
  ];
}

async function runDuplicates(mode: BenchMode): Promise<BenchRow[]> {
  const result = await measureDuplicateDetection(undefined, mode === 'quick' ? 1 : 5);
  return [
    infoRow(name, `import of the ${result.files.length} shared banks`, result.importMs, 'ms'),
    ...rowsOf('all banks, pairs within each bank', result.withinBanks),
    ...rowsOf('all banks, pairs across banks', result.acrossBanks),
    ...rowsOf('synthetic 10,000 items', result.synthetic),
  ];
}

/** The duplicate-detection benchmark. */
export const duplicatesBenchmark: Benchmark = { name, issue: 13, run: runDuplicates };
