/**
 * Item and paper analysis of a batch (issue 12; R1 banks kept up to date, R2/R3 paper library):
 * 1. the submitted theory attempts of the batch, grouped by scope and paper, become one response
 *    matrix per paper (`buildResponseMatrix`: displayed choices → bank options via the stored
 *    permutation);
 * 2. `analyseItems` per paper (P, D with upper/lower 27% groups, point-biserial, distractors, flags)
 *    and `summarizePaperStatistics` per paper of the library (KR-20, mean, SD, histogram), then
 *    `summarizeParallelism` across the library's papers;
 * 3. every analysed item answered by at least `minimumCandidateCount` candidates (pooled over the
 *    papers it was on) gets `measuredDifficulty` = its P in this batch (Σ correct / Σ candidates);
 *    a smaller sample leaves the bank's difficulty as it was (a P from 3 candidates is noise, and
 *    assembly aims papers at these difficulties, R2);
 * 4. the review queue: an item flagged on a paper sat by at least `minimumCandidateCount` candidates
 *    gets one `reviewFlags` entry per flagged paper (reason + evidence + batchId) and, the first
 *    time this batch flags it, an `approved` item goes back to `in_review`, so it re-enters the
 *    bank's existing four-eyes review (approve keeps it, reject sends it to the editor, retire) and
 *    is not drawn into new papers meanwhile. Papers already drawn pin their versions and are not
 *    affected. A re-run replaces this batch's flags but never moves an item the reviewer has
 *    approved since; flags of this batch on items no longer flagged are withdrawn.
 *    Every item change is audited (`item.flagged_for_review`, `item.review_flags_withdrawn`), the
 *    run as `reports.item_analysis_run`;
 * 5. the report is stored (one per batch, replaced by a re-run).
 */
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import { recordAudit } from '../audit/record-audit';
import { ItemVersionModel } from '../bank/item-version.model';
import { ItemModel, type ItemRecord } from '../bank/item.model';
import type { Actor } from '../identity/actor';
import { PaperModel, type PaperRecord } from '../papers/paper.model';
import type { BatchRecord, BatchScope } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { buildResponseMatrix, type MatrixAttempt } from './build-response-matrix';
import { analyseItems, type ItemAnalysis } from './item-analysis';
import {
  ItemAnalysisReportModel,
  type ItemAnalysisRow,
  type PaperStatisticsRow,
  type ScopeAnalysis,
} from './item-analysis-report.model';
import { summarizePaperStatistics, summarizeParallelism } from './paper-statistics';
import { loadReportSettings } from './report-settings';
import type { ReportSettings } from './reports.contracts';

/** Length of the stem excerpt kept in item rows. */
export const stemExcerptLength = 60;

/** Summary of one scope in {@link ItemAnalysisRunSummary}. */
export interface ScopeRunSummary {
  scopeId: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: number;
  candidateCount: number;
  paperCount: number;
  itemRowCount: number;
  flaggedItemCount: number;
  queuedItemCount: number;
  isParallel: boolean;
  parallelismFlags: string[];
}

/** What {@link runItemAnalysis} answers (no keys, no item content). */
export interface ItemAnalysisRunSummary {
  batchId: string;
  batchCode: string;
  analysedAt: string;
  runCount: number;
  attemptCount: number;
  flaggedItemCount: number;
  queuedItemCount: number;
  measuredItemCount: number;
  /** Items moved from approved to in_review by this run. */
  returnedToReviewItemIds: string[];
  scopes: ScopeRunSummary[];
}

/** A review-queue entry written on an item (`ItemRecord.reviewFlags`). */
export interface ItemAnalysisReviewFlag {
  reason: string;
  evidence: {
    source: 'item_analysis';
    batchCode: string;
    paperId: string;
    paperCode: string;
    candidateCount: number;
    groupSize: number;
    difficulty: number;
    discrimination: number | null;
    pointBiserial: number | null;
    flags: ItemAnalysis['flags'];
    options: Array<{ optionIndex: number; isKey: boolean; chosenRate: number; upperRate: number; lowerRate: number }>;
  };
  batchId: Types.ObjectId;
  at: Date;
}

/**
 * The evidence of an item-analysis review flag: plain JSON (strings, numbers, fractions 0..1 for
 * P and rates, −1..1 for D and point-biserial), so it reaches the client unchanged through
 * `ReviewQueueFlagView.evidence` (R1 bank upkeep).
 */
export type ItemAnalysisEvidence = ItemAnalysisReviewFlag['evidence'];

type AttemptSlice = Pick<AttemptRecord, '_id' | 'scopeId' | 'libraryId' | 'paperId' | 'form' | 'answers'>;

function describeScope(scope: Pick<BatchScope, 'occupationCode' | 'occupationName' | 'workType' | 'level'>): string {
  return `${scope.occupationCode} ${scope.occupationName}（${scope.workType}）${scope.level}级`;
}

async function loadContent(pairs: ReadonlyArray<{ itemId: string; version: number }>): Promise<Map<string, TheoryItem>> {
  const itemIds = [...new Set(pairs.map((pair) => pair.itemId))].map((id) => new Types.ObjectId(id));
  const wanted = new Set(pairs.map((pair) => `${pair.itemId}:${pair.version}`));
  const versions = await ItemVersionModel.find({ itemId: { $in: itemIds } }, { itemId: 1, version: 1, content: 1 }).lean();
  const content = new Map<string, TheoryItem>();
  for (const version of versions) {
    const key = `${String(version.itemId)}:${version.version}`;
    if (wanted.has(key)) content.set(key, version.content as TheoryItem);
  }
  return content;
}

function toMatrixAttempt(attempt: AttemptSlice): MatrixAttempt {
  return {
    attemptId: String(attempt._id),
    slots: attempt.form.slots.map((slot) => ({ slot: slot.slot, itemId: String(slot.itemId), version: slot.version, optionOrder: slot.optionOrder })),
    answers: attempt.answers ?? {},
  };
}

/** Analyses one scope: papers of the library (and any other paper sat), items, parallelism. */
function analyseScope(
  scope: BatchScope,
  papers: readonly PaperRecord[],
  attempts: readonly AttemptSlice[],
  contentOf: (itemId: string, version: number) => TheoryItem | undefined,
  settings: ReportSettings,
): ScopeAnalysis {
  const thresholds = settings.itemAnalysis;
  const attemptsByPaper = new Map<string, AttemptSlice[]>();
  for (const attempt of attempts) {
    const list = attemptsByPaper.get(String(attempt.paperId)) ?? [];
    list.push(attempt);
    attemptsByPaper.set(String(attempt.paperId), list);
  }
  const paperRows: PaperStatisticsRow[] = [];
  const itemRows: ItemAnalysisRow[] = [];
  for (const paper of [...papers].sort((a, b) => a.index - b.index || a.code.localeCompare(b.code))) {
    const paperId = String(paper._id);
    const sat = attemptsByPaper.get(paperId) ?? [];
    const slots = paper.slots.map((slot) => ({ itemId: String(slot.itemId), version: slot.version, points: slot.points }));
    const matrix = buildResponseMatrix({ paperId: paper.code, slots }, sat.map(toMatrixAttempt), contentOf);
    const statistics = summarizePaperStatistics({ paperId, items: matrix.items, candidates: matrix.candidates });
    const analysis = analyseItems(matrix.items, matrix.candidates, {
      minDifficulty: thresholds.minDifficulty,
      maxDifficulty: thresholds.maxDifficulty,
      minDiscrimination: thresholds.minDiscrimination,
      groupFraction: thresholds.groupFraction,
    });
    paperRows.push({ ...statistics, paperCode: paper.code, paperIndex: paper.index, groupSize: analysis.groupSize });
    if (sat.length === 0) continue;
    const isQueueable = sat.length >= thresholds.minimumCandidateCount;
    analysis.items.forEach((item, index) => {
      const slot = paper.slots[index];
      const content = contentOf(String(slot.itemId), slot.version)!;
      itemRows.push({
        ...item,
        paperId,
        paperCode: paper.code,
        version: slot.version,
        knowledgePoint: content.knowledgePoint ?? slot.knowledgePoint ?? null,
        points: slot.points,
        optionCount: content.options.length,
        stemExcerpt: content.stem.slice(0, stemExcerptLength),
        isQueued: isQueueable && item.flags.length > 0,
      });
    });
  }
  return {
    scopeId: String(scope.scopeId),
    occupationCode: scope.occupationCode,
    occupationName: scope.occupationName,
    workType: scope.workType,
    level: scope.level,
    libraryId: scope.theoryLibraryId ? String(scope.theoryLibraryId) : null,
    candidateCount: attempts.length,
    papers: paperRows,
    parallelism: summarizeParallelism(paperRows, settings.parallelism),
    items: itemRows,
  };
}

function toReviewFlag(row: ItemAnalysisRow, candidateCount: number, groupSize: number, batch: BatchRecord, at: Date): ItemAnalysisReviewFlag {
  return {
    reason: `item analysis of batch ${batch.code}, paper ${row.paperCode}: ${row.flags.map((flag) => flag.code).join(', ')}`,
    evidence: {
      source: 'item_analysis',
      batchCode: batch.code,
      paperId: row.paperId,
      paperCode: row.paperCode,
      candidateCount,
      groupSize,
      difficulty: row.difficulty,
      discrimination: row.discrimination,
      pointBiserial: row.pointBiserial,
      flags: row.flags,
      options: row.options.map((option) => ({
        optionIndex: option.optionIndex,
        isKey: option.isKey,
        chosenRate: option.chosenRate,
        upperRate: option.upperRate,
        lowerRate: option.lowerRate,
      })),
    },
    batchId: batch._id,
    at,
  };
}

function isFlagOfBatch(flag: unknown, batchId: string): boolean {
  return String((flag as { batchId?: unknown } | null)?.batchId ?? '') === batchId;
}

/** Writes the review-queue entries of this batch; returns the items moved back to in_review. */
async function updateReviewQueue(
  actor: Actor,
  batch: BatchRecord,
  flagsByItem: Map<string, ItemAnalysisReviewFlag[]>,
): Promise<{ returnedToReview: string[]; queued: string[] }> {
  const batchId = String(batch._id);
  const organisationId = new Types.ObjectId(actor.organisationId);
  const returnedToReview: string[] = [];
  const queued: string[] = [];
  const flaggedItems = await ItemModel.find(
    { _id: { $in: [...flagsByItem.keys()].map((id) => new Types.ObjectId(id)) }, organisationId },
    { status: 1, version: 1, reviewFlags: 1 },
  ).lean<Pick<ItemRecord, '_id' | 'status' | 'version' | 'reviewFlags'>[]>();
  const itemById = new Map(flaggedItems.map((item) => [String(item._id), item]));
  for (const [itemId, flags] of flagsByItem) {
    const item = itemById.get(itemId);
    if (!item || item.status === 'retired') continue;
    const kept = (item.reviewFlags ?? []).filter((flag) => !isFlagOfBatch(flag, batchId));
    const isRepeat = kept.length !== (item.reviewFlags ?? []).length;
    const shouldReturn = item.status === 'approved' && !isRepeat;
    const set: Record<string, unknown> = { reviewFlags: [...kept, ...flags] };
    if (shouldReturn) set.status = 'in_review';
    const updated = await ItemModel.updateOne({ _id: item._id, status: item.status, version: item.version }, { $set: set });
    if (updated.modifiedCount === 0 && updated.matchedCount === 0) continue;
    queued.push(itemId);
    if (shouldReturn) returnedToReview.push(itemId);
    await recordAudit({
      actor,
      action: 'item.flagged_for_review',
      target: { kind: 'item', id: itemId },
      payload: {
        batchId,
        batchCode: batch.code,
        fromStatus: item.status,
        toStatus: shouldReturn ? 'in_review' : item.status,
        isRepeat,
        flags: flags.map((flag) => ({ paperCode: flag.evidence.paperCode, codes: flag.evidence.flags.map((entry) => entry.code) })),
      },
    });
  }
  // Flags of this batch on items the current run does not flag any more (e.g. changed thresholds).
  const stale = await ItemModel.find({ organisationId, 'reviewFlags.batchId': batch._id }, { reviewFlags: 1, status: 1 }).lean<
    Pick<ItemRecord, '_id' | 'reviewFlags' | 'status'>[]
  >();
  for (const item of stale) {
    const itemId = String(item._id);
    if (flagsByItem.has(itemId)) continue;
    const kept = (item.reviewFlags ?? []).filter((flag) => !isFlagOfBatch(flag, batchId));
    await ItemModel.updateOne({ _id: item._id }, { $set: { reviewFlags: kept } });
    await recordAudit({
      actor,
      action: 'item.review_flags_withdrawn',
      target: { kind: 'item', id: itemId },
      payload: { batchId, batchCode: batch.code, status: item.status, withdrawnCount: (item.reviewFlags ?? []).length - kept.length },
    });
  }
  return { returnedToReview, queued };
}

/**
 * Analyses every item and paper of the batch's submitted theory attempts, updates the bank
 * (measuredDifficulty, review queue) and stores the report (see the module comment).
 *
 * @param options.batchId 24-hex id of a batch of the actor's organisation
 * @param options.now     clock for tests; default now
 * @returns counts per scope, the parallelism verdicts and the items returned to review (no keys)
 * @throws AppError `not_found` (batch); `precondition_failed` when the batch has no submitted theory
 *   attempt, or a pinned item version / permutation / stored response is inconsistent (named by
 *   paper, attempt and slot); `validation_failed` from the statistics for malformed data
 */
export async function runItemAnalysis(options: { actor: Actor; batchId: string; now?: Date }): Promise<ItemAnalysisRunSummary> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const settings = await loadReportSettings(actor.organisationId);
  const attempts = await AttemptModel.find(
    { batchId: batch._id, organisationId: batch.organisationId, status: 'submitted' },
    { scopeId: 1, libraryId: 1, paperId: 1, 'form.slots.slot': 1, 'form.slots.itemId': 1, 'form.slots.version': 1, 'form.slots.optionOrder': 1, answers: 1 },
  ).lean<AttemptSlice[]>();
  if (attempts.length === 0) {
    throw new AppError('precondition_failed', `Batch ${batch.code} has no submitted theory attempt to analyse`, { batchId: String(batch._id) });
  }

  // Papers: every paper of the scopes' theory libraries plus any paper sat (e.g. a replacement).
  const libraryIds = new Set<string>();
  for (const scope of batch.scopes) if (scope.theoryLibraryId) libraryIds.add(String(scope.theoryLibraryId));
  for (const attempt of attempts) libraryIds.add(String(attempt.libraryId));
  const sittenPaperIds = [...new Set(attempts.map((attempt) => String(attempt.paperId)))];
  const papers = await PaperModel.find({
    organisationId: batch.organisationId,
    kind: 'theory',
    $or: [
      { libraryId: { $in: [...libraryIds].map((id) => new Types.ObjectId(id)) }, status: 'active' },
      { _id: { $in: sittenPaperIds.map((id) => new Types.ObjectId(id)) } },
    ],
  }).lean<PaperRecord[]>();
  const missingPaper = sittenPaperIds.find((paperId) => !papers.some((paper) => String(paper._id) === paperId));
  if (missingPaper) throw new AppError('precondition_failed', `Batch ${batch.code}: paper ${missingPaper} of a submitted attempt does not exist`);

  const content = await loadContent(papers.flatMap((paper) => paper.slots.map((slot) => ({ itemId: String(slot.itemId), version: slot.version }))));
  const contentOf = (itemId: string, version: number) => content.get(`${itemId}:${version}`);

  const scopes: ScopeAnalysis[] = [];
  for (const scope of batch.scopes) {
    const scopeId = String(scope.scopeId);
    const scopeAttempts = attempts.filter((attempt) => String(attempt.scopeId) === scopeId);
    const scopeLibraries = new Set(scopeAttempts.map((attempt) => String(attempt.libraryId)));
    if (scope.theoryLibraryId) scopeLibraries.add(String(scope.theoryLibraryId));
    const scopePapers = papers.filter((paper) => String(paper.scopeId) === scopeId && scopeLibraries.has(String(paper.libraryId)));
    if (scopeAttempts.length === 0 && scopePapers.length === 0) continue;
    try {
      scopes.push(analyseScope(scope, scopePapers, scopeAttempts, contentOf, settings));
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `${describeScope(scope)}: ${error.message}`, error.details);
      throw error;
    }
  }

  const now = options.now ?? new Date();
  // measuredDifficulty: pooled P per item over the papers it was on.
  const pooled = new Map<string, { correct: number; count: number }>();
  const flagsByItem = new Map<string, ItemAnalysisReviewFlag[]>();
  const flaggedItems = new Set<string>();
  for (const scope of scopes) {
    const paperById = new Map(scope.papers.map((paper) => [paper.paperId, paper]));
    for (const row of scope.items) {
      const paper = paperById.get(row.paperId)!;
      const entry = pooled.get(row.itemId) ?? { correct: 0, count: 0 };
      entry.correct += row.correctCount;
      entry.count += paper.count;
      pooled.set(row.itemId, entry);
      if (row.flags.length > 0) flaggedItems.add(row.itemId);
      if (row.isQueued) {
        const list = flagsByItem.get(row.itemId) ?? [];
        list.push(toReviewFlag(row, paper.count, paper.groupSize, batch, now));
        flagsByItem.set(row.itemId, list);
      }
    }
  }
  const minimumCandidateCount = settings.itemAnalysis.minimumCandidateCount;
  const measuredOperations = [...pooled]
    .filter(([, entry]) => entry.count > 0 && entry.count >= minimumCandidateCount)
    .map(([itemId, entry]) => ({
      updateOne: {
        filter: { _id: new Types.ObjectId(itemId), organisationId: batch.organisationId },
        update: { $set: { measuredDifficulty: Math.round((entry.correct / entry.count) * 1e6) / 1e6 } },
      },
    }));
  const measuredItemCount = measuredOperations.length > 0 ? (await ItemModel.bulkWrite(measuredOperations)).matchedCount : 0;
  const queue = await updateReviewQueue(actor, batch, flagsByItem);

  const stored = await ItemAnalysisReportModel.findOneAndUpdate(
    { batchId: batch._id },
    {
      $set: {
        organisationId: batch.organisationId,
        batchCode: batch.code,
        batchName: batch.name,
        settings,
        scopes,
        attemptCount: attempts.length,
        flaggedItemCount: flaggedItems.size,
        queuedItemCount: queue.queued.length,
        measuredItemCount,
        analysedAt: now,
        analysedBy: new Types.ObjectId(actor.userId),
        analysedByName: actor.name,
      },
      $inc: { runCount: 1 },
    },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  const runCount = stored?.runCount ?? 1;

  await recordAudit({
    actor,
    action: 'reports.item_analysis_run',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      runCount,
      attemptCount: attempts.length,
      flaggedItemCount: flaggedItems.size,
      queuedItemIds: queue.queued,
      returnedToReviewItemIds: queue.returnedToReview,
      measuredItemCount,
      settings,
    },
  });

  return {
    batchId: String(batch._id),
    batchCode: batch.code,
    analysedAt: now.toISOString(),
    runCount,
    attemptCount: attempts.length,
    flaggedItemCount: flaggedItems.size,
    queuedItemCount: queue.queued.length,
    measuredItemCount,
    returnedToReviewItemIds: queue.returnedToReview,
    scopes: scopes.map((scope) => ({
      scopeId: scope.scopeId,
      occupationCode: scope.occupationCode,
      occupationName: scope.occupationName,
      workType: scope.workType,
      level: scope.level,
      candidateCount: scope.candidateCount,
      paperCount: scope.papers.length,
      itemRowCount: scope.items.length,
      flaggedItemCount: new Set(scope.items.filter((row) => row.flags.length > 0).map((row) => row.itemId)).size,
      queuedItemCount: new Set(scope.items.filter((row) => row.isQueued).map((row) => row.itemId)).size,
      isParallel: scope.parallelism.isParallel,
      parallelismFlags: [...scope.parallelism.flags],
    })),
  };
}
