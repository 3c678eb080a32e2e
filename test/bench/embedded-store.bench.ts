/**
 * Embedded store benchmark (the exam room's autosave path): a durable single-field `$set` on an
 * attempt document at 200 writes/s (2,000 candidates saving every 10 s), acknowledged once
 * journaled with group commit, against the same bytes appended with one fdatasync per write on the same disk in the
 * same run (`runEmbeddedStoreBenchmark`). The issue sets no ratio target, so latency rows compare
 * without a target; the throughput row checks that the store keeps up with the offered rate as
 * well as the baseline does.
 */
import { runEmbeddedStoreBenchmark } from '@skillcert/server/db/embedded/bench';
import { comparisonRow, infoRow, ratioRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'embedded-store';

const sizesByMode: Record<'quick' | 'full', { durationMs: number; attempts: number }> = {
  quick: { durationMs: 2_000, attempts: 200 },
  full: { durationMs: 10_000, attempts: 2_000 },
};

async function runEmbeddedStore(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode === 'quick' ? 'quick' : 'full'];
  const result = await runEmbeddedStoreBenchmark({ ratePerSecond: 200, durationMs: sizes.durationMs, attempts: sizes.attempts, answersPerAttempt: 100 });
  return [
    comparisonRow(name, 'durable $set p50 at 200 writes/s vs fsync per write', result.p50Ms, 'ms', result.baselineP50Ms),
    comparisonRow(name, 'durable $set p99 at 200 writes/s vs fsync per write', result.p99Ms, 'ms', result.baselineP99Ms),
    ratioRow(name, 'durable $set throughput vs fsync per write (offered 200/s)', result.throughputPerSecond, 'writes/s', result.baselineThroughputPerSecond, { min: 0.95 }),
    infoRow(name, 'durable $set max latency', result.maxMs, 'ms'),
    infoRow(name, `journal fsyncs for ${result.writes} writes (group commit)`, result.fsyncs, 'fsyncs'),
    infoRow(name, 'attempt document size', result.documentBytes, 'bytes'),
    infoRow(name, 'journal bytes per write (field-level patch, framing included)', result.journalBytesPerWrite, 'bytes'),
  ];
}

/** The embedded store autosave benchmark. */
export const embeddedStoreBenchmark: Benchmark = { name, issue: 13, run: runEmbeddedStore };
