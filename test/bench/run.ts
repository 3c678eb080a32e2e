/**
 * `npm run bench [-- --quick | --soak] [--only name] [--json]`: runs every registered benchmark of
 * the mode, each in its own process with a time limit (benchmark-process.ts), prints the table
 * (figure, baseline, ratio, target, pass/fail) and, in full and soak mode without `--only`, writes
 * it with the machine description into docs/benchmarks.md (its own section per mode, so a soak run
 * keeps the full table and vice versa).
 *
 * Modes: `quick` tiny sizes, a few seconds each (the smoke test in `npm test` runs it);
 * `full` the issue's sizes; `soak` 2,000 sockets for 30 minutes (bounded, stops by itself).
 * Exit code 1 when a benchmark errs (any mode) or a target fails (full and soak), 0 otherwise; `--json` prints the rows as one
 * JSON line prefixed `BENCH_ROWS ` after the table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBenchmarkProcess } from './benchmark-process';
import { describeLoad, describeMachine, isBenchmarkInMode, renderTable, type BenchMode, type BenchRow } from './harness';
import { benchmarks } from './registry';

/** Per-benchmark time limits by mode, milliseconds. */
const timeoutMsByMode: Record<BenchMode, number> = { quick: 5 * 60_000, full: 40 * 60_000, soak: 50 * 60_000 };

const args = process.argv.slice(2);
const mode: BenchMode = args.includes('--quick') ? 'quick' : args.includes('--soak') ? 'soak' : 'full';
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const isJson = args.includes('--json');

const rows: BenchRow[] = [];
const notes: string[] = [];
const selected = benchmarks.filter((benchmark) => isBenchmarkInMode(benchmark, mode) && (!only || benchmark.name.includes(only)));
if (selected.length === 0) {
  process.stderr.write(`[bench] no benchmark runs in ${mode} mode${only ? ` matching "${only}"` : ''}\n`);
  process.exit(2);
}
const startedAt = new Date();
const loadBefore = describeLoad();
for (const benchmark of selected) {
  const loadAtStart = describeLoad();
  process.stderr.write(`[bench] ${benchmark.name} (${mode}, ${loadAtStart}) ...\n`);
  const result = await runBenchmarkProcess(benchmark.name, mode, timeoutMsByMode[mode]);
  rows.push(...result.rows);
  const seconds = (result.durationMs / 1000).toFixed(1);
  notes.push(`${benchmark.name} (issue ${benchmark.issue}): ${seconds} s, ${loadAtStart} at its start`);
  process.stderr.write(`[bench] ${benchmark.name} done in ${seconds} s\n`);
}

const table = renderTable(rows);
process.stdout.write(`${table}\n`);
if (isJson) process.stdout.write(`BENCH_ROWS ${JSON.stringify(rows)}\n`);

if (mode !== 'quick' && !only) {
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const path = join(root, 'docs', 'benchmarks.md');
  const section = [
    `<!-- bench:${mode} -->`,
    `## ${mode === 'full' ? 'Full run' : 'Soak run'}`,
    '',
    `Measured by \`npm run bench${mode === 'soak' ? ' -- --soak' : ''}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${describeMachine()}; ${loadBefore} (1-minute average) when the run began.`,
    'Every baseline is measured in the same run on the same machine; ratio = value / baseline.',
    '',
    table,
    '',
    'Per benchmark (each in its own process):',
    '',
    ...notes.map((note) => `- ${note}`),
    `<!-- /bench:${mode} -->`,
  ].join('\n');
  const header = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (full mode) and `npm run bench -- --soak` (soak mode); do not edit by hand.',
    'The machine is shared and noisy, so every figure is paired with a baseline measured in the same run and',
    'targets are stated as ratios where the issue allows. `npm test` runs every benchmark in quick mode as a',
    'smoke test (test/bench/quick.test.ts) without asserting targets.',
    '',
  ].join('\n');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const pattern = new RegExp(`<!-- bench:${mode} -->[\\s\\S]*?<!-- /bench:${mode} -->`);
  const body = pattern.test(existing) ? existing.replace(pattern, section) : `${existing.trimEnd()}\n\n${section}\n`;
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(path, body.endsWith('\n') ? body : `${body}\n`);
  process.stderr.write(`[bench] wrote ${path}\n`);
}
const hasErrors = rows.some((row) => row.isError === true);
const hasFailedTargets = rows.some((row) => row.isPass === false);
process.exitCode = hasErrors || (hasFailedTargets && mode !== 'quick') ? 1 : 0;
