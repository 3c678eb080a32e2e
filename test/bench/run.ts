/**
 * `npm run bench [-- --quick | --soak] [--only name]`: runs every registered benchmark, prints the
 * table (figure, baseline, ratio, target, pass/fail) and writes it to docs/benchmarks.md (full mode).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, renderTable, type BenchMode, type BenchRow } from './harness';
import { benchmarks } from './registry';

const args = process.argv.slice(2);
const mode: BenchMode = args.includes('--quick') ? 'quick' : args.includes('--soak') ? 'soak' : 'full';
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const rows: BenchRow[] = [];
for (const benchmark of benchmarks) {
  if (only && !benchmark.name.includes(only)) continue;
  process.stderr.write(`[bench] ${benchmark.name} (${mode}) ...\n`);
  const started = performance.now();
  try {
    rows.push(...(await benchmark.run(mode)));
  } catch (error) {
    rows.push({ benchmark: benchmark.name, figure: `error: ${(error as Error).message}`, value: Number.NaN, unit: '', isPass: false });
  }
  process.stderr.write(`[bench] ${benchmark.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const table = renderTable(rows);
process.stdout.write(`${table}\n`);
if (mode !== 'quick' && !only) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const body = `# Benchmarks\n\nMeasured by \`npm run bench\` (${mode}) on ${new Date().toISOString().slice(0, 10)}: ${describeMachine()}.\nEvery baseline is measured in the same run; ratios are value / baseline.\n\n${table}\n`;
  writeFileSync(join(root, 'docs', 'benchmarks.md'), body);
}
process.exitCode = rows.some((row) => row.isPass === false) && mode !== 'quick' ? 1 : 0;
