/**
 * Benchmark harness (issue 13): every benchmark measures its figure and its baseline in the same
 * run and reports ratios, never absolute times against fixed limits (machines are shared and noisy).
 */
import { cpus, loadavg, totalmem, type } from 'node:os';

/** How thorough a run is: `quick` is the smoke mode run inside `npm test`. */
export type BenchMode = 'quick' | 'full' | 'soak';

/** One row of the benchmark table. `ratio` is value / baseline; `target` states the goal in words. */
export interface BenchRow {
  benchmark: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  /** Undefined when the row is informational (no target). */
  isPass?: boolean;
  /** The benchmark failed to measure (threw, timed out, exited): `figure` holds the message. */
  isError?: boolean;
}

/** A benchmark: a named measurement that returns table rows. */
export interface Benchmark {
  name: string;
  /** The issue whose acceptance figures it measures. */
  issue: number;
  /** Modes the benchmark runs in (default quick and full); soak-only work lists `soak`. */
  modes?: readonly BenchMode[];
  run(mode: BenchMode): Promise<BenchRow[]>;
}

/** True when `benchmark` runs in `mode` (quick and full unless it lists its modes). */
export function isBenchmarkInMode(benchmark: Benchmark, mode: BenchMode): boolean {
  return (benchmark.modes ?? ['quick', 'full']).includes(mode);
}

/**
 * Builds a row with a ratio target: passes when `ratio <= max` (or `>= min`).
 * @param value the measured figure; @param baseline the same-run baseline (same unit).
 */
export function ratioRow(
  benchmark: string,
  figure: string,
  value: number,
  unit: string,
  baseline: number,
  goal: { max?: number; min?: number },
): BenchRow {
  const ratio = baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline;
  const isPass = (goal.max === undefined || ratio <= goal.max) && (goal.min === undefined || ratio >= goal.min);
  const target = goal.max !== undefined ? `<= ${goal.max}x` : `>= ${goal.min}x`;
  return { benchmark, figure, value, unit, baseline, ratio, target, isPass };
}

/** Builds a row with an absolute goal (used for counts such as success rates or lost answers). */
export function goalRow(
  benchmark: string,
  figure: string,
  value: number,
  unit: string,
  goal: { max?: number; min?: number },
): BenchRow {
  const isPass = (goal.max === undefined || value <= goal.max) && (goal.min === undefined || value >= goal.min);
  const target = goal.max !== undefined ? `<= ${goal.max}` : `>= ${goal.min}`;
  return { benchmark, figure, value, unit, target, isPass };
}

/**
 * Informational row compared with a same-run baseline (ratio shown, no target): for figures whose
 * issue sets no goal, e.g. the embedded store's p99 against fsync-per-write.
 */
export function comparisonRow(benchmark: string, figure: string, value: number, unit: string, baseline: number): BenchRow {
  const ratio = baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline;
  return { benchmark, figure, value, unit, baseline, ratio };
}

/** Informational row without a target. */
export function infoRow(benchmark: string, figure: string, value: number, unit: string): BenchRow {
  return { benchmark, figure, value, unit };
}

function format(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

/** Renders rows as a Markdown table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = '| benchmark | figure | value | baseline | ratio | target | result |\n|---|---|---|---|---|---|---|';
  const lines = rows.map((row) =>
    [
      row.benchmark,
      row.figure.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|'),
      `${format(row.value)} ${row.unit}`,
      row.baseline === undefined ? '' : `${format(row.baseline)} ${row.unit}`,
      row.ratio === undefined ? '' : `${format(row.ratio)}x`,
      row.target ?? '',
      row.isPass === undefined ? 'info' : row.isPass ? 'pass' : 'FAIL',
    ].join(' | '),
  );
  return [header, ...lines.map((line) => `| ${line} |`)].join('\n');
}

/** One line describing the machine the figures were measured on. */
export function describeMachine(): string {
  const cpu = cpus();
  return `${type()} ${process.arch}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The 1-minute load average as text (how busy the shared machine was), e.g. `load 3.2`. */
export function describeLoad(): string {
  return `load ${loadavg()[0].toFixed(1)}`;
}
