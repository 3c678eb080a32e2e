/**
 * Objective scoring of a submitted theory attempt (R3, R4): the candidate's displayed responses are
 * mapped back to bank option indexes with the attempt's stored permutation (bank-tools
 * `mapResponseToBank`), scored against the pinned item versions' keys with `scoreObjectiveAttempt`
 * (multiple choice all-or-nothing unless the organisation allows partial credit), and stored as a
 * TheoryScoreSheet with the item versions, the permutation and the per knowledge point breakdown.
 * Idempotent: one sheet per attempt (unique index), a second call returns the stored sheet.
 *
 * Runs on the domain event `attempt.submitted` (see {@link subscribeTheoryScoring}) and on demand.
 */
import { mapResponseToBank } from '@skillcert/bank-tools/assembly/index';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import { recordAudit, systemActor, type AuditActor } from '../audit/record-audit';
import { ItemVersionModel } from '../bank/item-version.model';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { PaperModel, type PaperRecord } from '../papers/paper.model';
import { type ObjectiveItemKey, type ObjectiveResponse, scoreObjectiveAttempt } from './objective-scoring';
import { loadScoringBatch, loadScoringSettings, toObjectId } from './scoring-access';
import { TheoryScoreSheetModel, type TheoryScoreItemRecord, type TheoryScoreSheetRecord } from './theory-score-sheet.model';

function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/**
 * Scores one submitted attempt and stores its TheoryScoreSheet (R3, R4); returns the stored sheet
 * when it exists already (idempotent, also under concurrent calls).
 *
 * @param options.attemptId the attempt (24-hex id)
 * @param options.actor     when given (HTTP), the attempt must belong to the actor's organisation;
 *                          the event listener scores as the system
 * @returns the stored sheet: points per item and per knowledge point, totals in points
 * @throws AppError `not_found` (unknown attempt or other organisation), `precondition_failed` (not
 *   submitted; a pinned item version missing or not a theory item; a permutation that does not fit
 *   the item), `validation_failed` from `scoreObjectiveAttempt` (corrupt stored responses)
 */
export async function scoreTheoryAttempt(options: { attemptId: string; actor?: Actor }): Promise<TheoryScoreSheetRecord> {
  const attemptObjectId = toObjectId(options.attemptId, 'Attempt');
  const attempt = await AttemptModel.findById(attemptObjectId).lean<AttemptRecord>();
  if (!attempt || (options.actor && String(attempt.organisationId) !== options.actor.organisationId)) {
    throw new AppError('not_found', `Attempt ${options.attemptId} does not exist`);
  }
  const existing = await TheoryScoreSheetModel.findOne({ attemptId: attempt._id }).lean<TheoryScoreSheetRecord>();
  if (existing) return existing;
  if (attempt.status !== 'submitted') {
    throw new AppError('precondition_failed', `Attempt ${options.attemptId} is ${attempt.status}; only a submitted attempt is scored`, { status: attempt.status });
  }

  const slots = attempt.form.slots;
  const versions = await ItemVersionModel.find(
    { itemId: { $in: [...new Set(slots.map((slot) => String(slot.itemId)))].map((id) => new Types.ObjectId(id)) } },
    { itemId: 1, version: 1, content: 1 },
  ).lean();
  const contentByKey = new Map(versions.map((version) => [`${String(version.itemId)}:${version.version}`, version.content]));
  const paper = await PaperModel.findById(attempt.paperId, { slots: 1 }).lean<Pick<PaperRecord, 'slots'>>();

  const keys: ObjectiveItemKey[] = [];
  const responses: ObjectiveResponse[] = [];
  const displayedBySlot = new Map<number, number[]>();
  const keyContentBySlot = new Map<number, TheoryItem>();
  for (const slot of slots) {
    const content = contentByKey.get(`${String(slot.itemId)}:${slot.version}`) as TheoryItem | undefined;
    const where = `attempt ${options.attemptId} slot ${slot.slot}`;
    if (!content || content.kind !== 'theory') {
      throw new AppError('precondition_failed', `${where}: item ${String(slot.itemId)} version ${slot.version} is missing from the bank or not a theory item (R3)`);
    }
    if (slot.optionOrder.length !== content.options.length) {
      throw new AppError('precondition_failed', `${where}: the stored permutation has ${slot.optionOrder.length} options, the item has ${content.options.length}`);
    }
    keyContentBySlot.set(slot.slot, content);
    const id = String(slot.slot);
    keys.push({
      itemId: id,
      type: content.type,
      answer: content.answer,
      optionCount: content.options.length,
      points: slot.points,
      knowledgePoint: content.knowledgePoint ?? paper?.slots[slot.paperSlotIndex]?.knowledgePoint ?? null,
    });
    const displayed = [...(attempt.answers?.[String(slot.slot)]?.response ?? [])];
    displayedBySlot.set(slot.slot, displayed);
    if (displayed.length === 0) continue;
    let selected: number[];
    try {
      selected = mapResponseToBank(slot.optionOrder, displayed);
    } catch (error) {
      throw new AppError('precondition_failed', `${where}: the stored response cannot be mapped to the bank: ${(error as Error).message}`);
    }
    responses.push({ itemId: id, selected });
  }

  const settings = await loadScoringSettings(attempt.organisationId);
  const scored = scoreObjectiveAttempt(keys, responses, { multipleChoiceCredit: settings.multipleChoiceCredit });
  const items: TheoryScoreItemRecord[] = slots.map((slot, index) => {
    const itemScore = scored.byItem[index];
    return {
      slot: slot.slot,
      paperSlotIndex: slot.paperSlotIndex,
      itemId: slot.itemId,
      version: slot.version,
      type: itemScore.type,
      knowledgePoint: itemScore.knowledgePoint,
      optionOrder: [...slot.optionOrder],
      displayedResponse: displayedBySlot.get(slot.slot) ?? [],
      selected: itemScore.selected,
      answer: [...keyContentBySlot.get(slot.slot)!.answer].sort((a, b) => a - b),
      outcome: itemScore.outcome,
      points: itemScore.points,
      maxPoints: itemScore.maxPoints,
    };
  });
  const now = new Date();
  const sheet = {
    _id: new Types.ObjectId(),
    organisationId: attempt.organisationId,
    batchId: attempt.batchId,
    sessionId: attempt.sessionId,
    registrationId: attempt.registrationId,
    candidateId: attempt.candidateId,
    scopeId: attempt.scopeId,
    attemptId: attempt._id,
    paperId: attempt.paperId,
    libraryId: attempt.libraryId,
    seed: attempt.seed,
    multipleChoiceCredit: settings.multipleChoiceCredit,
    items,
    byKnowledgePoint: scored.byKnowledgePoint,
    totalPoints: scored.totalPoints,
    maxPoints: scored.maxPoints,
    correctCount: scored.correctCount,
    submittedAt: attempt.submittedAt ?? now,
    scoredAt: now,
    createdAt: now,
  } satisfies TheoryScoreSheetRecord;
  try {
    await TheoryScoreSheetModel.create(sheet);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const stored = await TheoryScoreSheetModel.findOne({ attemptId: attempt._id }).lean<TheoryScoreSheetRecord>();
    if (stored) return stored;
    throw error;
  }
  const auditActor: AuditActor = options.actor ?? systemActor(String(attempt.organisationId));
  await recordAudit({
    actor: auditActor,
    organisationId: String(attempt.organisationId),
    action: 'theory_score_sheet.created',
    target: { kind: 'attempt', id: String(attempt._id) },
    payload: {
      sheetId: String(sheet._id),
      registrationId: String(attempt.registrationId),
      paperId: String(attempt.paperId),
      seed: attempt.seed,
      multipleChoiceCredit: settings.multipleChoiceCredit,
      totalPoints: scored.totalPoints,
      maxPoints: scored.maxPoints,
      correctCount: scored.correctCount,
    },
  });
  return sheet;
}

/** What {@link scoreBatchTheory} did. */
export interface BatchTheoryScoring {
  submittedCount: number;
  scoredCount: number;
  failures: Array<{ attemptId: string; message: string }>;
}

/**
 * Scores every submitted attempt of a batch that has no sheet yet (catch-up after a restart; R4).
 * @throws AppError `not_found` for a batch of another organisation.
 */
export async function scoreBatchTheory(options: { batchId: string; actor: Actor }): Promise<BatchTheoryScoring> {
  const batch = await loadScoringBatch(options.actor.organisationId, options.batchId);
  const attempts = await AttemptModel.find({ batchId: batch._id, status: 'submitted' }, { _id: 1 }).lean();
  const scoredIds = new Set(
    (await TheoryScoreSheetModel.find({ batchId: batch._id }, { attemptId: 1 }).lean()).map((sheet) => String(sheet.attemptId)),
  );
  const failures: BatchTheoryScoring['failures'] = [];
  let scoredCount = 0;
  for (const attempt of attempts) {
    const attemptId = String(attempt._id);
    if (scoredIds.has(attemptId)) continue;
    try {
      await scoreTheoryAttempt({ attemptId, actor: options.actor });
      scoredCount += 1;
    } catch (error) {
      failures.push({ attemptId, message: (error as Error).message });
    }
  }
  return { submittedCount: attempts.length, scoredCount, failures };
}

let unsubscribe: (() => void) | null = null;
const inFlight = new Set<Promise<unknown>>();

/**
 * Subscribes objective scoring to `attempt.submitted` once per process (R4): every submitted attempt
 * is scored in the background; failures are logged (and can be retried with {@link scoreBatchTheory}).
 * Calling it again keeps the single subscription.
 */
export function subscribeTheoryScoring(options: { logger?: Pick<Logger, 'error'> } = {}): void {
  if (unsubscribe) return;
  unsubscribe = domainEvents.on('attempt.submitted', (event) => {
    const run = scoreTheoryAttempt({ attemptId: event.attemptId })
      .catch((error: unknown) => {
        options.logger?.error({ err: error, attemptId: event.attemptId }, 'theory scoring of a submitted attempt failed');
      })
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  });
}

/** Resolves once every background scoring started so far has finished (tests, graceful shutdown). */
export async function settleTheoryScoring(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
