/**
 * Prepares the score cards 评分表 of a promotion batch (R3, R4, R6):
 * - practical 操作技能考核: each registered candidate gets a practical paper of the scope's practical
 *   paper library 卷库 by bank-tools' balanced seeded assignment (seed = library seed + batch id,
 *   roster ordered by admission ticket number, as the theory forms), and a card pinning the paper's
 *   tasks (criteria with maximum points and deduction rules, veto items 否决项). Two independent
 *   assessor scores are required; the organisation's difference threshold is copied onto the card.
 * - review 综合评审 (levels 2 and 1): a card listing the review criteria (default thesis or
 *   achievement report 论文/成果报告 40 points and defence 答辩 60 points) for a panel of
 *   `panelSize` independent scores.
 * Idempotent: a registration keeps its existing card.
 */
import { buildCandidateForm } from '@skillcert/bank-tools/assembly/index';
import type { PracticalItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { ItemVersionModel } from '../bank/item-version.model';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import type { PaperLibraryRecord } from '../papers/paper-library.model';
import { resolveBatchLibrary } from '../papers/resolve-batch-library';
import { PaperModel, type PaperRecord } from '../papers/paper.model';
import type { BatchRecord, BatchScope } from '../plans/batch.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { canAssessorScoreLevel } from './practical-scoring';
import { loadJurisdiction, loadScoringBatch, loadScoringSettings } from './scoring-access';
import type { PrepareScoreCardsRequest, ReviewCriterionInput } from './scoring.contracts';
import { ScoreCardModel, type ScoreCardRecord, type ScoreCardTaskRecord } from './score-card.model';

/** Default comprehensive-review criteria (R4): thesis or achievement report, then defence. */
export const defaultReviewCriteria: readonly ReviewCriterionInput[] = Object.freeze([
  { code: 'report', name: '论文或成果报告 (thesis or achievement report)', maxPoints: 40 },
  { code: 'defence', name: '答辩 (defence)', maxPoints: 60 },
]);

/** What {@link prepareScoreCards} did. */
export interface PreparedScoreCards {
  component: 'practical' | 'review';
  /** Cards inserted by this call. */
  createdCount: number;
  /** Cards of this component in the batch after the call. */
  cardCount: number;
}

/** The practical library of a batch scope: the pinned one (or what superseded it), else the scope's newest active one (R3). */
async function findPracticalLibrary(batch: BatchRecord, scope: BatchScope): Promise<PaperLibraryRecord> {
  return resolveBatchLibrary({
    organisationId: String(batch.organisationId),
    scopeId: scope.scopeId,
    kind: 'practical',
    pinnedLibraryId: scope.practicalLibraryId,
    describeScope: `${scope.occupationName} ${scope.workType} level ${scope.level} of batch ${batch.code}`,
  });
}

/** Papers in library order; a retired paper is replaced by its active replacement, or left out. */
async function loadLibraryPapers(library: PaperLibraryRecord): Promise<PaperRecord[]> {
  const papers = await PaperModel.find({ _id: { $in: library.paperIds } }).lean<PaperRecord[]>();
  const byId = new Map(papers.map((paper) => [String(paper._id), paper]));
  const replacementIds = papers.filter((paper) => paper.status === 'retired' && paper.replacedBy).map((paper) => paper.replacedBy!);
  const replacements = new Map(
    (replacementIds.length ? await PaperModel.find({ _id: { $in: replacementIds }, status: 'active' }).lean<PaperRecord[]>() : []).map((paper) => [String(paper._id), paper]),
  );
  const ordered: PaperRecord[] = [];
  for (const id of library.paperIds) {
    const paper = byId.get(String(id));
    if (paper?.status === 'active') ordered.push(paper);
    else if (paper?.replacedBy && replacements.has(String(paper.replacedBy))) ordered.push(replacements.get(String(paper.replacedBy))!);
  }
  if (ordered.length === 0) throw new AppError('precondition_failed', `practical paper library ${String(library._id)} has no active paper (R1)`);
  return ordered;
}

async function loadTasks(paper: PaperRecord): Promise<ScoreCardTaskRecord[]> {
  const versions = await ItemVersionModel.find({ itemId: { $in: paper.slots.map((slot) => slot.itemId) } }, { itemId: 1, version: 1, content: 1 }).lean();
  const contents = new Map(versions.map((version) => [`${String(version.itemId)}:${version.version}`, version.content]));
  return paper.slots.map((slot, index) => {
    const content = contents.get(`${String(slot.itemId)}:${slot.version}`) as PracticalItem | undefined;
    if (!content || content.kind !== 'practical') {
      throw new AppError('precondition_failed', `practical paper ${paper.code} task ${index + 1}: item ${String(slot.itemId)} version ${slot.version} is missing or not a practical item (R3)`);
    }
    return {
      itemId: slot.itemId,
      version: slot.version,
      title: content.title,
      task: content.task,
      maxPoints: content.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0),
      criteria: content.criteria.map((criterion) => ({ ...criterion })),
      vetoItems: [...content.vetoItems],
    };
  });
}

/** R6: enough assessors on the batch whose grade covers `level`. */
async function assertEnoughAssessors(batch: BatchRecord, level: BatchScope['level'], required: number): Promise<void> {
  const assessorIds = batch.staff.filter((entry) => entry.role === 'assessor').map((entry) => entry.userId);
  const users = await UserModel.find({ _id: { $in: assessorIds }, isActive: { $ne: false } }, { assessorGrade: 1 }).lean();
  const qualified = users.filter((user) => user.assessorGrade && canAssessorScoreLevel(user.assessorGrade, level)).length;
  if (qualified < required) {
    throw new AppError(
      'precondition_failed',
      `R6: batch ${batch.code} has ${qualified} assessor(s) qualified for level ${level}; ${required} independent scores are required`,
      { ruleId: 'R6', level, qualified, required },
    );
  }
}

async function insertCards(cards: Array<Omit<ScoreCardRecord, 'createdAt' | 'updatedAt'>>): Promise<number> {
  if (cards.length === 0) return 0;
  const now = new Date();
  const documents = await Promise.all(
    cards.map(async (card) => {
      const document = new ScoreCardModel({ ...card, createdAt: now, updatedAt: now });
      await document.validate();
      return document.toObject({ depopulate: true, minimize: false });
    }),
  );
  try {
    const result = await ScoreCardModel.collection.insertMany(documents, { ordered: false });
    return result.insertedCount;
  } catch (error) {
    const candidate = error as { code?: number; insertedCount?: number; result?: { insertedCount?: number } };
    if (candidate.code !== 11000) throw error;
    return candidate.insertedCount ?? candidate.result?.insertedCount ?? 0;
  }
}

/**
 * Creates the missing practical or review cards of a promotion batch (see the module comment) and
 * audits `score_cards.prepared`.
 *
 * @param options.request `component`, optional `registrationIds`, review `panelSize` (default the
 *   organisation's, 2..7) and `reviewCriteria` (points)
 * @throws AppError `not_found` (batch), `validation_failed` (a registration id not of the batch),
 *   `precondition_failed` (a grading batch, R19; no practical library or paper; no level 2/1
 *   candidate for a review; fewer qualified assessors than required scores, R6)
 */
export async function prepareScoreCards(options: { batchId: string; request: PrepareScoreCardsRequest; actor: Actor }): Promise<PreparedScoreCards> {
  const { request, actor } = options;
  const batch = await loadScoringBatch(actor.organisationId, options.batchId);
  if (batch.mode !== 'promotion') {
    throw new AppError('precondition_failed', `batch ${batch.code} grades directly (R19): use the direct-grading form, not score cards`, { mode: batch.mode });
  }
  const registrations = await RegistrationModel.find({ batchId: batch._id }).sort({ admissionTicketNumber: 1 }).lean<RegistrationRecord[]>();
  const wanted = new Set(request.registrationIds ?? registrations.map((registration) => String(registration._id)));
  for (const [index, id] of (request.registrationIds ?? []).entries()) {
    if (!registrations.some((registration) => String(registration._id) === id)) {
      throw new AppError('validation_failed', `body.registrationIds.${index}: ${id} is not a registration of batch ${batch.code}`, {
        issues: [{ field: `body.registrationIds.${index}`, message: 'not a registration of this batch' }],
      });
    }
  }
  const existing = new Set(
    (await ScoreCardModel.find({ batchId: batch._id, component: request.component }, { registrationId: 1 }).lean()).map((card) => String(card.registrationId)),
  );
  const jurisdiction = await loadJurisdiction(batch.organisationId);
  const settings = await loadScoringSettings(batch.organisationId);
  const cards: Array<Omit<ScoreCardRecord, 'createdAt' | 'updatedAt'>> = [];
  const base = (registration: RegistrationRecord) => ({
    _id: new Types.ObjectId(),
    organisationId: batch.organisationId,
    batchId: batch._id,
    registrationId: registration._id,
    candidateId: registration.candidateId,
    candidateName: registration.candidateName,
    admissionTicketNumber: registration.admissionTicketNumber,
    scopeId: registration.scopeId,
    level: registration.level,
    entries: [],
    status: 'open' as const,
    revision: 0,
    createdBy: new Types.ObjectId(actor.userId),
  });

  for (const scope of batch.scopes) {
    const roster = registrations.filter((registration) => String(registration.scopeId) === String(scope.scopeId));
    const pending = roster
      .map((registration, candidateIndex) => ({ registration, candidateIndex }))
      .filter(({ registration }) => wanted.has(String(registration._id)) && !existing.has(String(registration._id)));
    if (request.component === 'practical') {
      if (roster.length === 0) continue;
      await assertEnoughAssessors(batch, scope.level, 2);
      if (pending.length === 0) continue;
      const library = await findPracticalLibrary(batch, scope);
      const papers = await loadLibraryPapers(library);
      const paperIds = papers.map((paper) => String(paper._id));
      const assignmentSeed = `${library.seed}\u001fpractical:${String(batch._id)}`;
      const tasksByPaper = new Map<number, ScoreCardTaskRecord[]>();
      for (const { registration, candidateIndex } of pending) {
        const form = buildCandidateForm({ paperIds, seed: assignmentSeed, candidateId: String(registration.candidateId), candidateIndex });
        let tasks = tasksByPaper.get(form.paperIndex);
        if (!tasks) {
          tasks = await loadTasks(papers[form.paperIndex]);
          tasksByPaper.set(form.paperIndex, tasks);
        }
        cards.push({
          ...base(registration),
          component: 'practical',
          paperId: papers[form.paperIndex]._id,
          paperCode: papers[form.paperIndex].code,
          libraryId: library._id,
          assignmentSeed,
          tasks,
          reviewCriteria: [],
          maxPoints: Math.round(tasks.reduce((sum, task) => sum + task.maxPoints, 0) * 1e6) / 1e6,
          requiredScoreCount: 2,
          differenceThreshold: jurisdiction.practicalScoreDifferenceThreshold,
        });
      }
    } else {
      if (scope.level > 2 || roster.length === 0) continue;
      const panelSize = request.panelSize ?? settings.reviewPanelSize;
      await assertEnoughAssessors(batch, scope.level, panelSize);
      const criteria = (request.reviewCriteria ?? defaultReviewCriteria).map((criterion) => ({ ...criterion }));
      const codes = criteria.map((criterion) => criterion.code);
      const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
      if (repeated) throw new AppError('validation_failed', `body.reviewCriteria: code ${repeated} is used twice`, { issues: [{ field: 'body.reviewCriteria', message: `code ${repeated} is used twice` }] });
      for (const { registration } of pending) {
        cards.push({
          ...base(registration),
          component: 'review',
          tasks: [],
          reviewCriteria: criteria,
          maxPoints: Math.round(criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0) * 1e6) / 1e6,
          requiredScoreCount: panelSize,
          differenceThreshold: jurisdiction.practicalScoreDifferenceThreshold,
        });
      }
    }
  }
  if (request.component === 'review' && !registrations.some((registration) => registration.level <= 2)) {
    throw new AppError('precondition_failed', `batch ${batch.code} has no candidate of level 2 or 1; the comprehensive review applies to levels 2 and 1 only (R4)`);
  }
  const createdCount = await insertCards(cards);
  const cardCount = await ScoreCardModel.countDocuments({ batchId: batch._id, component: request.component });
  await recordAudit({
    actor,
    action: 'score_cards.prepared',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      component: request.component,
      createdCount,
      cardCount,
      papers: cards.filter((card) => card.paperId).map((card) => ({ registrationId: String(card.registrationId), paperId: String(card.paperId) })),
    },
  });
  return { component: request.component, createdCount, cardCount };
}
