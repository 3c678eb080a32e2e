/**
 * Plain JSON of score cards with the independence rule applied (R6: assessors score independently).
 *
 * Visibility, per viewer:
 * - an assessor of the batch sees only their own entry until every required score is in AND they
 *   have scored themselves (`visibleScoresFor` with the scorers so far plus the viewer as required
 *   assessors); so the first two assessors see each other only once both have scored, and an
 *   arbitration assessor sees nothing of the first two until their own score is in;
 * - other staff (administrators, exam administrators, the supervisor) see who has scored (names and
 *   count) but no points until the required scores are in.
 * The reconciliation, the committee decision and the final score are shown only with the scores.
 */
import type { Actor } from '../identity/actor';
import type { BatchRecord } from '../plans/batch.model';
import { canAssessorScoreLevel, visibleScoresFor } from './practical-scoring';
import { isBatchAssessor } from './scoring-access';
import type { ScoreCardView, ScoreEntryView } from './scoring.contracts';
import type { ScoreCardEntryRecord, ScoreCardRecord } from './score-card.model';

/** Entries of `card` the assessor `viewerId` may see (R6); see the module comment. */
export function visibleEntriesFor(viewerId: string, card: Pick<ScoreCardRecord, 'entries' | 'requiredScoreCount'>): ScoreCardEntryRecord[] {
  const entries = card.entries.map((entry) => ({ ...entry, assessorId: String(entry.assessorId) }));
  if (entries.length < card.requiredScoreCount) {
    return card.entries.filter((entry) => String(entry.assessorId) === viewerId);
  }
  const required = [...new Set([...entries.map((entry) => entry.assessorId), viewerId])];
  const visibleIds = new Set(visibleScoresFor(viewerId, entries, required).map((entry) => entry.assessorId));
  return card.entries.filter((entry) => visibleIds.has(String(entry.assessorId)));
}

/** Whether the card may take a score from an assessor who has not scored it yet. */
export function isCardOpenForScore(card: Pick<ScoreCardRecord, 'status' | 'entries' | 'requiredScoreCount' | 'component'>): boolean {
  if (card.status === 'open') return card.entries.length < card.requiredScoreCount;
  return card.status === 'needs_arbitration' && card.component === 'practical';
}

/** Presents one entry (all its points: call only for visible entries). */
export function presentScoreEntry(entry: ScoreCardEntryRecord, card: Pick<ScoreCardRecord, 'tasks' | 'reviewCriteria'>): ScoreEntryView {
  return {
    assessorId: String(entry.assessorId),
    assessorName: entry.assessorName,
    stage: entry.stage,
    totalPoints: entry.totalPoints,
    isVetoed: entry.isVetoed,
    ...(entry.tasks
      ? {
          tasks: entry.tasks.map((task, index) => ({
            title: card.tasks[index]?.title ?? `task ${index + 1}`,
            totalPoints: task.totalPoints,
            maxPoints: task.maxPoints,
            isVetoed: task.isVetoed,
            vetoItemsObserved: [...task.vetoItemsObserved],
            byCriterion: task.byCriterion.map((criterion) => ({ ...criterion })),
          })),
        }
      : {}),
    ...(entry.criterionPoints
      ? {
          criterionPoints: entry.criterionPoints.map((row) => {
            const criterion = card.reviewCriteria.find((candidate) => candidate.code === row.code);
            return { code: row.code, name: criterion?.name ?? row.code, points: row.points, maxPoints: criterion?.maxPoints ?? 0 };
          }),
        }
      : {}),
    ...(entry.comment ? { comment: entry.comment } : {}),
    submittedAt: new Date(entry.submittedAt).toISOString(),
  };
}

/**
 * Presents `card` to `actor` with the visibility rule of the module comment; never a mongoose
 * document, never another assessor's points too early.
 */
export function presentScoreCard(card: ScoreCardRecord, batch: Pick<BatchRecord, 'staff'>, actor: Actor): ScoreCardView {
  const isAssessorViewer = isBatchAssessor(batch, actor);
  const isComplete = card.entries.length >= card.requiredScoreCount;
  const visible = isAssessorViewer ? visibleEntriesFor(actor.userId, card) : isComplete ? card.entries : [];
  const areScoresVisible = isComplete && visible.length === card.entries.length;
  const own = card.entries.find((entry) => String(entry.assessorId) === actor.userId) ?? null;
  const canScore =
    isAssessorViewer &&
    !own &&
    !!actor.assessorGrade &&
    canAssessorScoreLevel(actor.assessorGrade, card.level) &&
    isCardOpenForScore(card);
  return {
    id: String(card._id),
    component: card.component,
    batchId: String(card.batchId),
    registrationId: String(card.registrationId),
    candidateId: String(card.candidateId),
    candidateName: card.candidateName,
    admissionTicketNumber: card.admissionTicketNumber,
    level: card.level,
    ...(card.paperId ? { paperId: String(card.paperId), paperCode: card.paperCode } : {}),
    ...(card.component === 'practical'
      ? {
          tasks: card.tasks.map((task) => ({
            itemId: String(task.itemId),
            version: task.version,
            title: task.title,
            task: task.task,
            maxPoints: task.maxPoints,
            criteria: task.criteria.map((criterion) => ({ ...criterion })),
            vetoItems: [...task.vetoItems],
          })),
        }
      : { reviewCriteria: card.reviewCriteria.map((criterion) => ({ ...criterion })) }),
    maxPoints: card.maxPoints,
    requiredScoreCount: card.requiredScoreCount,
    status: card.status,
    scoredCount: card.entries.length,
    areScoresVisible,
    entries: visible.map((entry) => presentScoreEntry(entry, card)),
    myEntry: own ? presentScoreEntry(own, card) : null,
    canScore,
    ...(areScoresVisible && card.reconciliation !== undefined ? { reconciliation: card.reconciliation } : {}),
    ...(areScoresVisible && card.committeeDecision
      ? {
          committeeDecision: {
            finalPoints: card.committeeDecision.finalPoints,
            isVetoed: card.committeeDecision.isVetoed,
            decisionReference: card.committeeDecision.decisionReference,
            decidedBy: card.committeeDecision.decidedByName,
            decidedAt: new Date(card.committeeDecision.decidedAt).toISOString(),
          },
        }
      : {}),
    finalPoints: areScoresVisible && card.status === 'final' ? (card.finalPoints ?? null) : null,
    isVetoed: areScoresVisible && card.status === 'final' ? (card.isVetoed ?? null) : null,
  };
}
