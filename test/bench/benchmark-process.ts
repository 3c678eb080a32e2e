/**
 * Runs ONE registered benchmark in its own Node process (fresh heap, fresh mongoose connection, its
 * own children) with a hard time limit, and returns its rows. Used by `run.ts` and by the quick
 * smoke test. The child is a process-group leader, so on timeout the whole group (the benchmark's
 * store, load generator and browser processes too) is killed; nothing outlives the run.
 *
 *   child: node --import tsx test/bench/benchmark-process.ts <name> <mode>
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchMode, BenchRow } from './harness';

/** Outcome of one benchmark process. */
export interface BenchmarkProcessResult {
  rows: BenchRow[];
  /** Wall time of the whole process, milliseconds. */
  durationMs: number;
  /** The last 8,000 characters the process wrote (only when run with `isQuiet`). */
  output: string;
}

type ChildMessage = { type: 'rows'; rows: BenchRow[] } | { type: 'error'; message: string };

const script = fileURLToPath(import.meta.url);

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * Spawns the benchmark `name` (exact name from the registry) in `mode` and waits for its rows.
 * A benchmark that throws, exits without rows or passes `timeoutMs` yields one error row
 * (`isError`, figure `error: …`) instead of throwing, so a run always completes its table.
 * @param options.isQuiet capture the process's output (returned as `output`) instead of showing it.
 */
export async function runBenchmarkProcess(name: string, mode: BenchMode, timeoutMs: number, options: { isQuiet?: boolean } = {}): Promise<BenchmarkProcessResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, name, mode], {
    stdio: ['ignore', options.isQuiet ? 'pipe' : 'inherit', options.isQuiet ? 'pipe' : 'inherit', 'ipc'],
    serialization: 'advanced',
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const errorRow = (message: string): BenchRow[] => [{ benchmark: name, figure: `error: ${message}`, value: Number.NaN, unit: '', isPass: false, isError: true }];
  const rows = await new Promise<BenchRow[]>((resolve) => {
    let settled = false;
    const settle = (result: BenchRow[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      settle(errorRow(`did not finish within ${Math.round(timeoutMs / 1000)} s (killed)`));
      killGroup(child.pid);
    }, timeoutMs);
    child.on('message', (message: ChildMessage) => settle(message.type === 'rows' ? message.rows : errorRow(message.message)));
    child.once('error', (error) => settle(errorRow(error.message)));
    child.once('exit', (code, signal) => settle(errorRow(`process exited with ${signal ?? code} before reporting rows`)));
  });
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => killGroup(child.pid), 30_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
    });
  }
  // Anything the benchmark left behind in its group (a store, a browser) goes too.
  killGroup(child.pid);
  return { rows, durationMs: performance.now() - started, output };
}

async function runAsChild(name: string, mode: BenchMode): Promise<void> {
  const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  try {
    const { benchmarks } = await import('./registry');
    const benchmark = benchmarks.find((candidate) => candidate.name === name);
    if (!benchmark) throw new Error(`no benchmark named ${name} (registered: ${benchmarks.map((candidate) => candidate.name).join(', ')})`);
    await send({ type: 'rows', rows: await benchmark.run(mode) });
  } catch (error) {
    process.stderr.write(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
    await send({ type: 'error', message: (error as Error).message ?? String(error) });
  }
  process.exit(0);
}

if (process.send && process.argv[1] === script) {
  const [name, mode] = process.argv.slice(2);
  void runAsChild(name, mode as BenchMode);
}
