/**
 * The processes of the realtime benchmarks (exam room, proctoring, soak): the database in its own
 * process, the exam-room load generator (exam-room-load.ts) in a child process of its own, and the
 * check of its answers against the store (no acknowledged answer may be lost). Kept out of this
 * process so that `process.cpuUsage()` and the memory figures here are the server's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { startStoreProcess } from '../faults/store-process';
import type { LoadJob } from './exam-room-load';

const loadScript = fileURLToPath(new URL('./exam-room-load.ts', import.meta.url));

/** A benchmark database and how to stop it. */
export interface BenchDatabase {
  database: Pick<TestDatabase, 'kind' | 'uri'>;
  /** Stops the database process and deletes its directory (or stops the MONGODB_URI handle). */
  stop(): Promise<void>;
}

/**
 * A database in its own process: the embedded store (test/faults/store-process.ts) with the
 * database `databaseName`, or the server at MONGODB_URI when set.
 * @throws Error when the store does not start within 60 s.
 */
export async function startBenchDatabase(databaseName: string): Promise<BenchDatabase> {
  if (process.env.MONGODB_URI) {
    const external = await startTestDatabase();
    return { database: external, stop: () => external.stop() };
  }
  const store = await startStoreProcess({ database: databaseName });
  return { database: { kind: 'embedded', uri: store.uri }, stop: () => store.dispose() };
}

/**
 * Runs one load `job` in a child process of exam-room-load.ts and resolves with its result; calls
 * `options.onLoad` at the generator's load-start and load-end marks. The child is killed when this
 * settles.
 * @param options.timeoutMs how long the job may take (default 30 minutes).
 * @throws Error when the job reports an error, the child exits without a result, or it times out.
 */
export async function runLoadProcess<Result>(job: LoadJob, options: { onLoad?: (mark: 'start' | 'end') => void; timeoutMs?: number } = {}): Promise<Result> {
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', loadScript], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    return await new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`load process ${job.mode} did not finish within ${timeoutMs} ms`)), timeoutMs);
      child.on('message', (message: { type: string; result?: Result; message?: string }) => {
        if (message.type === 'load-start') options.onLoad?.('start');
        else if (message.type === 'load-end') options.onLoad?.('end');
        else if (message.type === 'result') {
          clearTimeout(timer);
          resolve(message.result as Result);
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`load process ${job.mode}: ${message.message}`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`load process ${job.mode} exited with ${code}`));
      });
      child.send(job);
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}

/** The highest acknowledged `seq` per slot of one attempt, as the `candidates` load job reports it. */
export interface AckedAnswers {
  attemptId: string;
  /** `[slot, seq]` pairs. */
  slots: [number, number][];
}

/**
 * Lost answers: acknowledged saves whose attempt stores an older `seq` (or none) for the
 * slot. Reads the attempts from the database.
 * @returns the number of lost answers (0 when every acknowledged answer is stored).
 */
export async function countLostAnswers(highestAcked: readonly AckedAnswers[]): Promise<number> {
  const stored = await AttemptModel.find({ _id: { $in: highestAcked.map((entry) => entry.attemptId) } }, { answers: 1 }).lean<Pick<AttemptRecord, '_id' | 'answers'>[]>();
  const answersById = new Map(stored.map((attempt) => [String(attempt._id), attempt.answers ?? {}]));
  let lost = 0;
  for (const entry of highestAcked) {
    const answers = answersById.get(entry.attemptId) ?? {};
    for (const [slot, seq] of entry.slots) if ((answers[String(slot)]?.seq ?? 0) < seq) lost += 1;
  }
  return lost;
}
