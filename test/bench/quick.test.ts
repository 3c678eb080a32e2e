/**
 * Smoke test of `npm run bench -- --quick` inside `npm test`: every benchmark registered for quick
 * mode runs in its own process (as run.ts runs it) with tiny sizes and must produce rows without
 * errors. Targets are NOT asserted: the machine is shared and noisy; `npm run bench` reports them.
 */
import { describe, expect, it } from 'vitest';
import { runBenchmarkProcess } from './benchmark-process';
import { isBenchmarkInMode } from './harness';
import { benchmarks } from './registry';

const perBenchmarkTimeoutMs = 4 * 60_000;

describe('npm run bench -- --quick', () => {
  it('registers at least one benchmark for quick mode, with distinct names', () => {
    const names = benchmarks.filter((benchmark) => isBenchmarkInMode(benchmark, 'quick')).map((benchmark) => benchmark.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const benchmark of benchmarks.filter((candidate) => isBenchmarkInMode(candidate, 'quick'))) {
    it(`${benchmark.name}: produces rows with measured values and no error`, { timeout: perBenchmarkTimeoutMs + 30_000 }, async () => {
      const { rows, output } = await runBenchmarkProcess(benchmark.name, 'quick', perBenchmarkTimeoutMs, { isQuiet: true });

      expect(rows.filter((row) => row.isError).map((row) => row.figure), output).toEqual([]);
      expect(rows.length).toBeGreaterThan(0);
      const unmeasured = rows.filter((row) => !Number.isFinite(row.value) || row.benchmark !== benchmark.name).map((row) => `${row.benchmark}: ${row.figure} = ${row.value}`);
      expect(unmeasured).toEqual([]);
    });
  }
});
