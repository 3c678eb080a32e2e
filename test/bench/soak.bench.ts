/**
 * Soak benchmark (`npm run bench -- --soak`): 2,000 candidate sockets held for 30 minutes, each
 * saving an answer every 10 s with the durable write and the production rate limit. The server runs
 * in this process, the embedded store in its own process, the load generator (exam-room-load.ts,
 * `candidates` job) in a third one. Reports the server's memory growth (heap after a forced GC and
 * RSS, from the moment every socket is connected to the end) and lost answers (acknowledged but not
 * stored, target 0). Bounded: the load stops after its duration and the run is killed by run.ts's
 * time limit at the latest. Quick mode runs the same path with 30 sockets for a few seconds (the
 * smoke test); it is not part of the full run.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createExamFixture } from '../helpers/exam-fixture';
import { startExamTestServer, type ExamTestServer } from '../realtime/exam-test-kit';
import { startStoreProcess, type StoreProcess } from '../faults/store-process';
import { countLostAnswers, runLoadProcess, type AckedAnswers } from './bench-kit';
import { comparisonRow, goalRow, infoRow, type BenchMode, type BenchRow, type Benchmark } from './harness';
import type { LoadJob } from './exam-room-load';

const name = 'soak';

interface SoakSizes {
  candidates: number;
  durationMs: number;
  intervalMs: number;
  /** Memory sampling period. */
  sampleMs: number;
}

const sizesByMode: Record<'quick' | 'soak', SoakSizes> = {
  quick: { candidates: 30, durationMs: 6_000, intervalMs: 1_000, sampleMs: 1_000 },
  soak: { candidates: 2_000, durationMs: 30 * 60_000, intervalMs: 10_000, sampleMs: 60_000 },
};

/** Result of the exam-room-load `candidates` job (the fields used here). */
interface CandidatesResult {
  sent: number;
  acked: number;
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  wallMs: number;
  highestAcked: AckedAnswers[];
}

/** A full garbage collection, so heap samples compare live data only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

interface MemorySample {
  atMs: number;
  heapUsedBytes: number;
  rssBytes: number;
}

function sampleMemory(startedAt: number, shouldCollect: boolean): MemorySample {
  if (shouldCollect) collectGarbage();
  const usage = process.memoryUsage();
  return { atMs: performance.now() - startedAt, heapUsedBytes: usage.heapUsed, rssBytes: usage.rss };
}

/** Runs the candidates job in a child process, sampling this process's memory while it runs. */
async function runLoad(job: Extract<LoadJob, { mode: 'candidates' }>, sampleMs: number, timeoutMs: number): Promise<{ result: CandidatesResult; samples: MemorySample[] }> {
  const samples: MemorySample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let startedAt = 0;
  try {
    const result = await runLoadProcess<CandidatesResult>(job, {
      timeoutMs,
      onLoad: (mark) => {
        if (mark === 'start') {
          startedAt = performance.now();
          samples.push(sampleMemory(startedAt, true));
          sampler = setInterval(() => samples.push(sampleMemory(startedAt, false)), sampleMs);
        } else {
          clearInterval(sampler);
          samples.push(sampleMemory(startedAt, true));
        }
      },
    });
    return { result, samples };
  } finally {
    clearInterval(sampler);
  }
}

async function runSoak(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode === 'soak' ? 'soak' : 'quick'];
  const sessionSecret = randomBytes(32).toString('hex');
  const store: StoreProcess = await startStoreProcess({ database: 'soak' });
  let server: ExamTestServer | undefined;
  try {
    server = await startExamTestServer({ database: { kind: 'embedded', uri: store.uri }, sessionSecret });
    const durationMinutes = Math.ceil(sizes.durationMs / 60_000) + 60;
    const fixture = await createExamFixture({ candidateCount: sizes.candidates, durationMinutes });
    const cookies: string[] = [];
    for (const candidate of fixture.candidates) cookies.push(await fixture.createSessionCookie(candidate, sessionSecret));
    const { result, samples } = await runLoad(
      { mode: 'candidates', socketUrl: server.url, cookies, durationMs: sizes.durationMs, intervalMs: sizes.intervalMs, connectConcurrency: 50 },
      sizes.sampleMs,
      sizes.durationMs + 15 * 60_000,
    );

    const lost = await countLostAnswers(result.highestAcked);
    const failed = Object.values(result.failures).reduce((sum, count) => sum + count, 0);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const peakRss = Math.max(...samples.map((sample) => sample.rssBytes));
    const minutes = (sizes.durationMs / 60_000).toFixed(sizes.durationMs < 60_000 ? 1 : 0);
    const mib = (bytes: number) => bytes / 2 ** 20;
    return [
      comparisonRow(name, `server heap after GC at the end vs once ${sizes.candidates} sockets were connected (${minutes} min)`, mib(last.heapUsedBytes), 'MiB', mib(first.heapUsedBytes)),
      comparisonRow(name, `server RSS at the end vs once ${sizes.candidates} sockets were connected`, mib(last.rssBytes), 'MiB', mib(first.rssBytes)),
      infoRow(name, 'server peak RSS during the soak', mib(peakRss), 'MiB'),
      goalRow(name, `lost answers (acknowledged, not stored) of ${result.acked}`, lost, 'answers', { max: 0 }),
      goalRow(name, `failed saves of ${result.sent}${failed ? ` ${JSON.stringify(result.failures)}` : ''}`, failed, 'saves', { max: 0 }),
      infoRow(name, `durable save ack p99, ${sizes.candidates} sockets every ${sizes.intervalMs / 1000} s`, result.p99Ms, 'ms'),
      infoRow(name, 'durable save ack max', result.maxMs, 'ms'),
    ];
  } finally {
    await server?.stop().catch(() => undefined);
    await store.dispose();
  }
}

/** The soak benchmark (soak mode; quick mode as a smoke test). */
export const soakBenchmark: Benchmark = { name, issue: 13, modes: ['quick', 'soak'], run: runSoak };
