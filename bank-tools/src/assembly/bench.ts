/**
 * Assembly benchmark (R1-R2 performance evidence): wall time of `assemblePaperLibrary` and its
 * success rate and difficulty spread against the naive rejection baseline. Uses the clock, so it
 * is for benchmarks only, never for assembly itself.
 */
import { assembleByRejection } from './assemble-by-rejection';
import { assemblePaperLibrary } from './assemble-paper-library';
import type { AssemblyInput, AssemblySeed } from './types';

/** Options of `runAssemblyBenchmark`; everything but seeds is passed to each assembly. */
export interface AssemblyBenchmarkOptions extends Omit<AssemblyInput, 'seed' | 'paperCount'> {
  seeds: readonly AssemblySeed[];
  /** Default 5 (R1 minimum). */
  paperCount?: number;
  /** Baseline redraw cap per seed (default 200). */
  baselineMaxAttempts?: number;
}

/** Benchmark figures: times in milliseconds, rates and spreads as fractions 0..1. */
export interface AssemblyBenchmarkResult {
  runs: number;
  p95Ms: number;
  medianMs: number;
  maxMs: number;
  /** Share of seeds for which `assemblePaperLibrary` returned a library. */
  successRate: number;
  /** Mean over successful seeds of (max - min) paper mean difficulty. */
  meanDifficultySpread: number;
  baselineSuccessRate: number;
  /** Same spread for the rejection baseline's libraries that met R2 (NaN when none did). */
  baselineSpread: number;
  /** Spread of the baseline's first stratified random draw with R2 not enforced (always defined). */
  baselineDrawSpread: number;
  baselineP95Ms: number;
  /** meanDifficultySpread / baselineSpread, or / baselineDrawSpread when the baseline never met R2 (lower is better). */
  spreadRatio: number;
}

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const ordered = values.slice().sort((left, right) => left - right);
  return ordered[Math.min(ordered.length - 1, Math.ceil(fraction * ordered.length) - 1)];
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Run both assemblers once per seed (after one untimed warm-up run) and summarise.
 * Throws what the assemblers throw for malformed input.
 */
export function runAssemblyBenchmark(options: AssemblyBenchmarkOptions): AssemblyBenchmarkResult {
  const { seeds, baselineMaxAttempts, ...rest } = options;
  const base = { ...rest, paperCount: options.paperCount ?? 5 };
  if (seeds.length > 0) assemblePaperLibrary({ ...base, seed: seeds[0] });
  const times: number[] = [];
  const spreads: number[] = [];
  const baselineTimes: number[] = [];
  const baselineSpreads: number[] = [];
  const drawSpreads: number[] = [];
  for (const seed of seeds) {
    const started = performance.now();
    const result = assemblePaperLibrary({ ...base, seed });
    times.push(performance.now() - started);
    if (result.ok) spreads.push(result.library.difficulty.spread);
    const baselineStarted = performance.now();
    const baseline = assembleByRejection({ ...base, seed }, { maxAttempts: baselineMaxAttempts });
    baselineTimes.push(performance.now() - baselineStarted);
    if (baseline.ok) baselineSpreads.push(baseline.library.difficulty.spread);
    const draw = assembleByRejection({ ...base, seed, maxOverlap: 1 }, { maxAttempts: 1 });
    if (draw.ok) drawSpreads.push(draw.library.difficulty.spread);
  }
  const meanDifficultySpread = mean(spreads);
  const baselineSpread = mean(baselineSpreads);
  return {
    runs: seeds.length,
    p95Ms: percentile(times, 0.95),
    medianMs: percentile(times, 0.5),
    maxMs: times.length > 0 ? Math.max(...times) : NaN,
    successRate: seeds.length > 0 ? spreads.length / seeds.length : NaN,
    meanDifficultySpread,
    baselineSuccessRate: seeds.length > 0 ? baselineSpreads.length / seeds.length : NaN,
    baselineSpread,
    baselineDrawSpread: mean(drawSpreads),
    baselineP95Ms: percentile(baselineTimes, 0.95),
    spreadRatio: meanDifficultySpread / (baselineSpreads.length > 0 ? baselineSpread : mean(drawSpreads)),
  };
}
