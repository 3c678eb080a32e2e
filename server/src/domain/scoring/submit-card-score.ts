/**
 * An assessor's own, signed score on a score card (R4, R6): practical deductions per task and
 * criterion with the veto items observed, or review points per criterion. Each assessor scores a
 * card once (the entry is their electronic signature, time-stamped); the reconciliation runs after
 * every entry:
 * - practical: `reconcilePracticalScores` over the entries (two independent scores, then one
 *   arbitration score by a third assessor when they differ by more than the threshold or disagree on
 *   the veto; still unresolved → the evaluation committee);
 * - review: the panel mean once `requiredScoreCount` panel members have scored.
 * A veto item observed on any task fails the practical assessment (entry total 0, 一票否决).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { roundPoints } from './objective-scoring';
import { reconcilePracticalScores, scoreSheetTotal, type PracticalReconciliation } from './practical-scoring';
import { assertQualifiedAssessor } from './scoring-access';
import type { ScoreCardView, SubmitCardScoreRequest } from './scoring.contracts';
import { loadScoreCard } from './get-score-cards';
import { isCardOpenForScore, presentScoreCard } from './score-card.presenter';
import { ScoreCardModel, type EntryTaskRecord, type ScoreCardEntryRecord, type ScoreCardRecord } from './score-card.model';

const maximumRetries = 5;

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
}

/** Builds the practical entry's tasks from the request (R4). */
function scorePracticalTasks(card: ScoreCardRecord, request: SubmitCardScoreRequest, assessorId: string): EntryTaskRecord[] {
  if (!request.tasks) throw fieldError('body.tasks', 'a practical card is scored with one sheet per task');
  if (request.tasks.length !== card.tasks.length) {
    throw fieldError('body.tasks', `the card has ${card.tasks.length} task(s), got ${request.tasks.length} sheet(s)`);
  }
  return card.tasks.map((task, index) => {
    const sheet = request.tasks![index];
    try {
      const total = scoreSheetTotal(task, { assessorId, deductions: sheet.deductions, vetoItemsObserved: sheet.vetoItemsObserved });
      return {
        deductions: sheet.deductions.map((deduction) => ({ criterionIndex: deduction.criterionIndex, deductedPoints: [...deduction.deductedPoints] })),
        vetoItemsObserved: [...sheet.vetoItemsObserved],
        totalPoints: total.totalPoints,
        maxPoints: total.maxPoints,
        isVetoed: total.isVetoed,
        byCriterion: total.byCriterion,
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') {
        const issues = ((error.details as { issues?: Array<{ field: string; code?: string; message: string }> })?.issues ?? []).map((issue) => ({
          ...issue,
          field: issue.field.replace(/^sheet\./, `body.tasks.${index}.`),
        }));
        throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ') || error.message, { issues });
      }
      throw error;
    }
  });
}

/** Checks review points per criterion: every criterion once, within 0..max. */
function scoreReviewCriteria(card: ScoreCardRecord, request: SubmitCardScoreRequest): Array<{ code: string; points: number }> {
  if (!request.criterionPoints) throw fieldError('body.criterionPoints', 'a review card is scored with points per criterion');
  const rows = request.criterionPoints;
  rows.forEach((row, index) => {
    const criterion = card.reviewCriteria.find((candidate) => candidate.code === row.code);
    if (!criterion) throw fieldError(`body.criterionPoints.${index}.code`, `${row.code} is not a criterion of the review (${card.reviewCriteria.map((entry) => entry.code).join(', ')})`);
    if (rows.findIndex((other) => other.code === row.code) !== index) throw fieldError(`body.criterionPoints.${index}.code`, `${row.code} is scored twice`);
    if (row.points > criterion.maxPoints) throw fieldError(`body.criterionPoints.${index}.points`, `${criterion.name} is worth 0..${criterion.maxPoints} points, got ${row.points}`);
  });
  for (const criterion of card.reviewCriteria) {
    if (!rows.some((row) => row.code === criterion.code)) throw fieldError('body.criterionPoints', `criterion ${criterion.code} (${criterion.name}) is not scored`);
  }
  return card.reviewCriteria.map((criterion) => ({ code: criterion.code, points: rows.find((row) => row.code === criterion.code)!.points }));
}

/** The card state after `entries` (R4, R6). */
export function reconcileCard(
  card: Pick<ScoreCardRecord, 'component' | 'maxPoints' | 'differenceThreshold' | 'requiredScoreCount'>,
  entries: readonly Pick<ScoreCardEntryRecord, 'assessorId' | 'totalPoints' | 'isVetoed'>[],
  committeeDecision?: { finalPoints: number; isVetoed: boolean; decisionReference: string },
): { status: ScoreCardRecord['status']; reconciliation: unknown; finalPoints?: number; isVetoed?: boolean } {
  if (card.component === 'review') {
    if (entries.length < card.requiredScoreCount) {
      return { status: 'open', reconciliation: { status: 'pending', scoreCount: entries.length, requiredCount: card.requiredScoreCount } };
    }
    const finalPoints = roundPoints(entries.reduce((sum, entry) => sum + entry.totalPoints, 0) / entries.length);
    return {
      status: 'final',
      reconciliation: { status: 'final', finalPoints, isVetoed: false, method: 'panel_mean', decidingAssessorIds: entries.map((entry) => String(entry.assessorId)) },
      finalPoints,
      isVetoed: false,
    };
  }
  const reconciliation: PracticalReconciliation = reconcilePracticalScores(
    entries.map((entry) => ({ assessorId: String(entry.assessorId), totalPoints: entry.totalPoints, isVetoed: entry.isVetoed })),
    { maxPoints: card.maxPoints, differenceThreshold: card.differenceThreshold, committeeDecision },
  );
  if (reconciliation.status === 'final') return { status: 'final', reconciliation, finalPoints: reconciliation.finalPoints, isVetoed: reconciliation.isVetoed };
  if (reconciliation.status === 'pending') return { status: 'open', reconciliation };
  return { status: reconciliation.status, reconciliation };
}

/**
 * Records the signed-in assessor's own score on `cardId` and reconciles (see the module comment);
 * audits `score_card.scored`.
 *
 * @returns the card as the assessor may now see it: with the other scores only when every required
 *   score is in (R6)
 * @throws AppError `not_found` (card), `forbidden` (not an assessor of the batch),
 *   `assessor_not_qualified` (grade does not cover the level, R6), `conflict` (already scored by
 *   this assessor; the card is final, awaits the committee, or has all its independent scores),
 *   `validation_failed` naming `body.tasks.<i>.…` or `body.criterionPoints.<i>.…`
 */
export async function submitCardScore(options: { cardId: string; request: SubmitCardScoreRequest; actor: Actor; now?: Date }): Promise<ScoreCardView> {
  const { actor, request } = options;
  for (let attempt = 1; ; attempt += 1) {
    const { card, batch } = await loadScoreCard(actor.organisationId, options.cardId);
    assertQualifiedAssessor(batch, actor, card.level);
    if (card.entries.some((entry) => String(entry.assessorId) === actor.userId)) {
      throw new AppError('conflict', `${actor.name} has already scored this card; a signed score cannot be changed (objections go to re-scoring)`);
    }
    if (!isCardOpenForScore(card)) {
      const why =
        card.status === 'final'
          ? 'the score is final'
          : card.status === 'needs_committee'
            ? 'it awaits the evaluation committee'
            : `it has all ${card.requiredScoreCount} independent scores`;
      throw new AppError('conflict', `Score card of ${card.candidateName} takes no further score: ${why}`, { status: card.status });
    }
    const stage: ScoreCardEntryRecord['stage'] = card.status === 'needs_arbitration' ? 'arbitration' : 'independent';
    const now = options.now ?? new Date();
    let entry: ScoreCardEntryRecord;
    if (card.component === 'practical') {
      const tasks = scorePracticalTasks(card, request, actor.userId);
      const isVetoed = tasks.some((task) => task.isVetoed);
      entry = {
        assessorId: new Types.ObjectId(actor.userId),
        assessorName: actor.name,
        assessorGrade: actor.assessorGrade,
        stage,
        tasks,
        totalPoints: isVetoed ? 0 : roundPoints(tasks.reduce((sum, task) => sum + task.totalPoints, 0)),
        isVetoed,
        ...(request.comment ? { comment: request.comment } : {}),
        submittedAt: now,
      };
    } else {
      const criterionPoints = scoreReviewCriteria(card, request);
      entry = {
        assessorId: new Types.ObjectId(actor.userId),
        assessorName: actor.name,
        assessorGrade: actor.assessorGrade,
        stage,
        criterionPoints,
        totalPoints: roundPoints(criterionPoints.reduce((sum, row) => sum + row.points, 0)),
        isVetoed: false,
        ...(request.comment ? { comment: request.comment } : {}),
        submittedAt: now,
      };
    }
    const next = reconcileCard(card, [...card.entries, entry]);
    const updated = await ScoreCardModel.findOneAndUpdate(
      { _id: card._id, revision: card.revision, 'entries.assessorId': { $ne: entry.assessorId } },
      {
        $push: { entries: entry },
        $set: {
          status: next.status,
          reconciliation: next.reconciliation,
          ...(next.finalPoints !== undefined ? { finalPoints: next.finalPoints, isVetoed: next.isVetoed } : {}),
          updatedAt: now,
        },
        $inc: { revision: 1 },
      },
      { returnDocument: 'after' },
    ).lean<ScoreCardRecord>();
    if (!updated) {
      if (attempt >= maximumRetries) throw new AppError('conflict', 'The score card changed meanwhile; retry', { retryable: true });
      continue;
    }
    await recordAudit({
      actor,
      action: 'score_card.scored',
      target: { kind: 'score_card', id: String(card._id), label: `${card.component} ${card.admissionTicketNumber}` },
      payload: {
        batchId: String(card.batchId),
        registrationId: String(card.registrationId),
        component: card.component,
        stage,
        totalPoints: entry.totalPoints,
        isVetoed: entry.isVetoed,
        statusAfter: next.status,
        ...(next.finalPoints !== undefined ? { finalPoints: next.finalPoints } : {}),
      },
    });
    return presentScoreCard(updated, batch, actor);
  }
}
