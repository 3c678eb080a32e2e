/**
 * Plain JSON of an attempt for its candidate (R17): slot numbers, displayed options and the
 * candidate's own answers; never item ids, versions, option permutations, keys or the paper.
 */
import type { AttemptState, FormItemView, SavedAnswerView, SubmitResult } from '../../contracts/exam-room';
import type { AttemptFormRecord } from './attempt-form.model';
import type { AttemptRecord } from './attempt.model';

const toMs = (value: Date | undefined | null): number | null => (value ? new Date(value).getTime() : null);

/**
 * Remaining time in milliseconds as of `nowMs`: the full duration while waiting, frozen while
 * paused, counting down while in progress, 0 once ended.
 */
export function computeRemainingMs(attempt: Pick<AttemptRecord, 'status' | 'durationMs' | 'deadlineAt' | 'pausedAt'>, nowMs: number): number {
  const deadlineMs = toMs(attempt.deadlineAt);
  switch (attempt.status) {
    case 'waiting':
      return attempt.durationMs;
    case 'in_progress':
      return deadlineMs === null ? 0 : Math.max(0, deadlineMs - nowMs);
    case 'paused':
      return deadlineMs === null ? 0 : Math.max(0, deadlineMs - (toMs(attempt.pausedAt) ?? nowMs));
    default:
      return 0;
  }
}

/**
 * The full resumable state (`attempt:state`). The form's items are included only once the attempt
 * has started (`form` may be null while waiting).
 * @param nowMs server time the state is taken at (sent as `serverNow`).
 */
export function presentAttemptState(attempt: AttemptRecord, form: Pick<AttemptFormRecord, 'items'> | null, nowMs: number): AttemptState {
  const hasStarted = attempt.status !== 'waiting';
  const items: FormItemView[] =
    hasStarted && form
      ? form.items.map((item) => ({
          slot: item.slot,
          number: item.number,
          type: item.type,
          points: item.points,
          stem: item.stem,
          options: [...item.options],
          ...(item.images && item.images.length > 0 ? { images: [...item.images] } : {}),
        }))
      : [];
  const answers: Record<string, SavedAnswerView> = {};
  let lastSeq = 0;
  for (const [slot, answer] of Object.entries(attempt.answers ?? {})) {
    if (!answer) continue;
    answers[slot] = { response: [...answer.response], seq: answer.seq, savedAt: new Date(answer.savedAt).getTime() };
    lastSeq = Math.max(lastSeq, answer.seq);
  }
  return {
    attemptId: String(attempt._id),
    batchId: String(attempt.batchId),
    sessionId: String(attempt.sessionId),
    status: attempt.status,
    form: { items, totalCount: attempt.form.totalCount, totalPoints: attempt.form.totalPoints },
    answers,
    flaggedSlots: [...(attempt.flaggedSlots ?? [])].sort((left, right) => left - right),
    position: attempt.position ?? null,
    lastSeq,
    durationMs: attempt.durationMs,
    startedAt: toMs(attempt.startedAt),
    deadlineAt: toMs(attempt.deadlineAt),
    pausedAt: attempt.status === 'paused' ? toMs(attempt.pausedAt) : null,
    remainingMs: computeRemainingMs(attempt, nowMs),
    serverNow: nowMs,
    submittedAt: toMs(attempt.submittedAt),
    submitReason: attempt.submitReason ?? null,
    stateVersion: attempt.stateVersion ?? 0,
  };
}

/**
 * The fields a submitted attempt is read with to answer `presentSubmitResult` and the audit facts
 * of `attempt.submitted` (status, deadline, reason, answers, flags, item count), without the form's slots.
 */
export const submitResultProjection = { status: 1, deadlineAt: 1, submittedAt: 1, submitReason: 1, answers: 1, flaggedSlots: 1, 'form.totalCount': 1 } as const;

/** The final counts of a submitted attempt (`attempt:submit` ack, `attempt:submitted`). */
export function presentSubmitResult(attempt: Pick<AttemptRecord, '_id' | 'submittedAt' | 'submitReason' | 'answers' | 'flaggedSlots' | 'form'>): SubmitResult {
  let answeredCount = 0;
  for (const answer of Object.values(attempt.answers ?? {})) if (answer && answer.response.length > 0) answeredCount += 1;
  const totalCount = attempt.form.totalCount;
  return {
    attemptId: String(attempt._id),
    status: 'submitted',
    submittedAt: toMs(attempt.submittedAt) ?? 0,
    submitReason: attempt.submitReason ?? 'candidate',
    answeredCount,
    unansweredCount: Math.max(0, totalCount - answeredCount),
    flaggedCount: (attempt.flaggedSlots ?? []).length,
    totalCount,
  };
}
