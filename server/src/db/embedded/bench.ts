/**
 * Benchmark of the embedded store's durable write path for the exam-room autosave pattern:
 * a `$set` of one answer field in an attempt document, acknowledged only once journaled
 * (group commit), at a fixed arrival rate; compared with a baseline that appends the same bytes
 * and fdatasyncs once per write, serially, under the same arrival schedule.
 *
 * Arrivals are open-loop (write i is due at start + i / rate, whether or not earlier writes
 * finished), and latency is measured from the due time, so queueing delay counts.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateObjectSize } from 'bson';
import { MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedStore } from './index';

/** Options of {@link runEmbeddedStoreBenchmark}. */
export interface EmbeddedStoreBenchmarkOptions {
  /** Writes per second offered (default 200: 2,000 candidates saving every 10 s). */
  ratePerSecond?: number;
  /** Measured duration in milliseconds (default 10,000). */
  durationMs?: number;
  /** Number of attempt documents (default 2,000). */
  attempts?: number;
  /** Answer fields per attempt document (default 100). */
  answersPerAttempt?: number;
  /** Driver connection pool size (default 100). */
  maxPoolSize?: number;
  /** Directory for the data and baseline files (default: a fresh temp dir, removed after). */
  workDir?: string;
}

/** Benchmark results; all latencies in milliseconds. */
export interface EmbeddedStoreBenchmarkResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  throughputPerSecond: number;
  writes: number;
  /** Journal fsyncs during the measured run (group commit makes this ≤ writes). */
  fsyncs: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  baselineThroughputPerSecond: number;
  /** Bytes of one attempt document. */
  documentBytes: number;
  /** Mean journal bytes per measured write (a field-level patch, framing included). */
  journalBytesPerWrite: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function makeAttempt(i: number, answers: number): Record<string, unknown> {
  const answerMap: Record<string, unknown> = {};
  for (let q = 0; q < answers; q++) answerMap[`q${q}`] = { value: 'ABCD'[q % 4], savedAt: new Date(), flagged: false };
  return {
    _id: new ObjectId(),
    batchId: new ObjectId(),
    candidateId: `candidate-${i}`,
    paperId: new ObjectId(),
    status: 'in_progress',
    startedAt: new Date(),
    answers: answerMap,
  };
}

/** Fires `count` arrivals at `ratePerSecond`, calling `fire(dueAtMs)` for each; resolves when all fired. */
async function schedule(count: number, ratePerSecond: number, fire: (dueAtMs: number) => void): Promise<void> {
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolveAll) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < count && start + (next * 1000) / ratePerSecond <= now) {
        fire(start + (next * 1000) / ratePerSecond);
        next++;
      }
      if (next >= count) resolveAll();
      else setTimeout(tick, 1);
    };
    tick();
  });
}

/**
 * Runs the autosave benchmark against a fresh embedded store and the fsync-per-write baseline.
 * Throws if the store cannot start or a write fails.
 */
export async function runEmbeddedStoreBenchmark(options: EmbeddedStoreBenchmarkOptions = {}): Promise<EmbeddedStoreBenchmarkResult> {
  const rate = options.ratePerSecond ?? 200;
  const durationMs = options.durationMs ?? 10_000;
  const attemptCount = options.attempts ?? 2000;
  const answers = options.answersPerAttempt ?? 100;
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'skillcert-bench-')));
  const count = Math.round((rate * durationMs) / 1000);
  const store = await startEmbeddedStore({ dataDir: join(workDir, 'store') });
  const client = new MongoClient(store.uri, { maxPoolSize: options.maxPoolSize ?? 100 });
  try {
    await client.connect();
    const attempts = client.db('bench').collection('attempts');
    const docs = Array.from({ length: attemptCount }, (_, i) => makeAttempt(i, answers));
    for (let i = 0; i < docs.length; i += 500) await attempts.insertMany(docs.slice(i, i + 500));
    const documentBytes = calculateObjectSize(docs[0]);
    // Warm up connections and code paths.
    await Promise.all(docs.slice(0, 50).map((d, i) => attempts.updateOne({ _id: d._id as ObjectId }, { $set: { [`answers.q${i % answers}.value`]: 'B' } })));

    const fsyncsBefore = store.stats().fsyncCount;
    const bytesBefore = store.stats().bytesAppended;
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const started = performance.now();
    let sent = 0;
    await schedule(count, rate, (dueAtMs) => {
      const n = sent++;
      const doc = docs[n % docs.length] as { _id: ObjectId };
      pending.push(
        attempts
          .updateOne({ _id: doc._id }, { $set: { [`answers.q${n % answers}`]: { value: 'ABCD'[n % 4], savedAt: new Date(), flagged: false } } })
          .then(() => {
            latencies.push(performance.now() - dueAtMs);
          }),
      );
    });
    await Promise.all(pending);
    const elapsedMs = performance.now() - started;
    const fsyncs = store.stats().fsyncCount - fsyncsBefore;
    const journalBytesPerWrite = (store.stats().bytesAppended - bytesBefore) / latencies.length;
    latencies.sort((a, b) => a - b);

    // The baseline appends records of the same size as the store's, one fdatasync each.
    const baseline = await runBaseline(join(workDir, 'baseline.log'), count, rate, Math.round(journalBytesPerWrite));
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
      throughputPerSecond: (latencies.length * 1000) / elapsedMs,
      writes: latencies.length,
      fsyncs,
      baselineP50Ms: baseline.p50Ms,
      baselineP99Ms: baseline.p99Ms,
      baselineThroughputPerSecond: baseline.throughputPerSecond,
      documentBytes,
      journalBytesPerWrite,
    };
  } finally {
    await client.close();
    await store.stop();
    if (!options.workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** Appends `recordBytes` and fdatasyncs once per write, one write at a time, same arrival schedule. */
async function runBaseline(path: string, count: number, rate: number, recordBytes: number): Promise<{ p50Ms: number; p99Ms: number; throughputPerSecond: number }> {
  const handle = await open(path, 'a');
  const record = Buffer.alloc(recordBytes, 7);
  const queue: number[] = [];
  const latencies: number[] = [];
  let isWriting = false;
  let fired = 0;
  let onDrained: (() => void) | undefined;
  const drain = async (): Promise<void> => {
    isWriting = true;
    while (queue.length > 0) {
      const due = queue.shift()!;
      await handle.write(record);
      await handle.datasync();
      latencies.push(performance.now() - due);
    }
    isWriting = false;
    if (fired === count && onDrained) onDrained();
  };
  const started = performance.now();
  try {
    const done = new Promise<void>((resolveDone) => (onDrained = resolveDone));
    await schedule(count, rate, (dueAtMs) => {
      fired++;
      queue.push(dueAtMs);
      if (!isWriting) void drain();
    });
    if (isWriting || queue.length > 0) await done;
  } finally {
    await handle.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    throughputPerSecond: (latencies.length * 1000) / (performance.now() - started),
  };
}
