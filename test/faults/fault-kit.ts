/**
 * Shared steps of the fault suites: candidates connected in parallel, a steady stream of answer
 * changes, waiting for outboxes to drain, and the check that every acknowledged answer is stored.
 */
import { Types } from 'mongoose';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { SimulatedCandidate } from './simulated-candidate';

/** Connects `candidates` with at most `concurrency` handshakes at a time. */
export async function connectAll(candidates: readonly SimulatedCandidate[], concurrency = 50, timeoutMs = 60_000): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, candidates.length) }, async () => {
      while (next < candidates.length) {
        const candidate = candidates[next];
        next += 1;
        await candidate.connect(timeoutMs);
      }
    }),
  );
}

/** Resolves once every candidate is joined again (or submitted). */
export async function waitUntilAllJoined(candidates: readonly SimulatedCandidate[], timeoutMs = 60_000): Promise<void> {
  await Promise.all(candidates.map((candidate) => candidate.waitUntilJoined(timeoutMs)));
}

/**
 * Every `tickMs`, `perTick` random candidates make one answer change. Returns a stop function.
 * Bounded by the caller (stop it before the suite ends).
 */
export function startAnswering(candidates: readonly SimulatedCandidate[], options: { tickMs: number; perTick: number }): () => void {
  const timer = setInterval(() => {
    for (let index = 0; index < options.perTick; index += 1) candidates[Math.floor(Math.random() * candidates.length)].change();
  }, options.tickMs);
  return () => clearInterval(timer);
}

/** Resends outboxes until every change is acknowledged; throws naming what is pending after `timeoutMs`. */
export async function drainOutboxes(candidates: readonly SimulatedCandidate[], timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pending = candidates.reduce((sum, candidate) => sum + candidate.pendingCount, 0);
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`${pending} answer changes still unacknowledged after ${timeoutMs} ms`);
    for (const candidate of candidates) candidate.flush();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** An acknowledged answer missing from the database (or stored with another response). */
export interface LostAnswer {
  attemptId: string;
  slot: number;
  acknowledgedSeq: number;
  storedSeq: number | null;
}

/**
 * Compares every candidate's acknowledged answers with the stored attempts (read through the
 * test process's mongoose connection): a stored seq lower than the acknowledged one, or the same
 * seq with another response, is a lost answer.
 */
export async function findLostAnswers(candidates: readonly SimulatedCandidate[]): Promise<{ lost: LostAnswer[]; acknowledged: number }> {
  const attemptIds = candidates.map((candidate) => candidate.state?.attemptId).filter((id): id is string => Boolean(id));
  const stored = await AttemptModel.find({ _id: { $in: attemptIds.map((id) => new Types.ObjectId(id)) } }, { answers: 1 }).lean<Pick<AttemptRecord, '_id' | 'answers'>[]>();
  const answersById = new Map(stored.map((attempt) => [String(attempt._id), attempt.answers ?? {}]));
  const lost: LostAnswer[] = [];
  let acknowledged = 0;
  for (const candidate of candidates) {
    const attemptId = candidate.state?.attemptId;
    if (!attemptId) continue;
    const answers = answersById.get(attemptId) ?? {};
    for (const [slot, answer] of candidate.acknowledged) {
      acknowledged += 1;
      const saved = answers[String(slot)];
      const isKept = saved !== undefined && (saved.seq > answer.seq || (saved.seq === answer.seq && JSON.stringify(saved.response) === JSON.stringify(answer.response)));
      if (!isKept) lost.push({ attemptId, slot, acknowledgedSeq: answer.seq, storedSeq: saved?.seq ?? null });
    }
  }
  return { lost, acknowledged };
}

/** Sum of the candidates' refusals by code. */
export function countRefusals(candidates: readonly SimulatedCandidate[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const candidate of candidates) for (const [code, count] of candidate.refusals) counts[code] = (counts[code] ?? 0) + count;
  return counts;
}
