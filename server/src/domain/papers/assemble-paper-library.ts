/**
 * Assembles a scope's paper library 卷库 (R1 >= 5 papers, R2 pairwise overlap <= the organisation's
 * limit, default 10%, R3 every paper drawn from the approved bank) with bank-tools' seeded
 * assembler, and stores it with the seed and the bank snapshot hash so the same seed over the same
 * snapshot reproduces identical papers (house rule 6). Papers pin item versions. A new library
 * supersedes (retires) the scope's previous active library of the same kind. The library and every
 * paper drawn are audited (R17).
 */
import { randomBytes } from 'node:crypto';
import { assemblePaperLibrary as solveTheoryLibrary } from '@skillcert/bank-tools/assembly/assemble-paper-library';
import { assemblePracticalLibrary as solvePracticalLibrary } from '@skillcert/bank-tools/assembly/assemble-practical-library';
import type { AssemblyItem, Infeasibility } from '@skillcert/bank-tools/assembly/types';
import type { Blueprint, PracticalItem, TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { describeScope, requireScope } from '../bank/require-scope';
import { runInTransaction } from '../../db/run-in-transaction';
import type { Actor } from '../identity/actor';
import { itemDifficulty, loadApprovedSnapshot, type SnapshotItem } from './load-approved-snapshot';
import { formatPaperCode } from './paper-codes';
import { PaperLibraryModel, type PaperLibraryRecord } from './paper-library.model';
import { presentPaperLibrary, type PaperLibraryView } from './paper-library.presenter';
import { PaperModel, type PaperRecord, type PaperSlot } from './paper.model';
import type { AssembleLibraryRequest } from './papers-contracts';
import { readOverlapLimit } from './read-overlap-limit';

/** A drawn paper before storage. */
interface DrawnPaper {
  slots: PaperSlot[];
  totalPoints: number;
  totalTimeMinutes?: number;
  meanDifficulty?: number;
}

/** What either assembler produced, in storage terms. */
interface AssembledLibrary {
  papers: DrawnPaper[];
  overlapMatrix: number[][];
  coverage: unknown;
  difficulty: PaperLibraryRecord['difficulty'];
  paperSize: number;
  iterations: number;
  tasksPerPaper?: number;
  blueprint?: Blueprint;
}

/** Total points of a practical task: the sum of its criteria's maximum points. */
export function practicalTaskPoints(content: PracticalItem): number {
  return content.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0);
}

function infeasible(message: string, details: { seed: string; snapshotHash: string; inputItemCount: number; infeasibility: Infeasibility[] }): never {
  throw new AppError('infeasible', `paper library cannot be assembled: ${message}`, details);
}

function assembleTheory(snapshot: SnapshotItem[], blueprint: Blueprint, request: AssembleLibraryRequest, seed: string, maxOverlap: number, snapshotHash: string): AssembledLibrary {
  const byId = new Map(snapshot.map((entry) => [entry.itemId, entry]));
  const items: AssemblyItem[] = snapshot.map((entry) => ({
    id: entry.itemId,
    type: (entry.item.current as TheoryItem).type,
    knowledgePoint: entry.item.knowledgePoint ?? '',
    difficulty: itemDifficulty(entry.item),
    ...(entry.item.clusterId ? { clusterId: entry.item.clusterId } : {}),
  }));
  let result: ReturnType<typeof solveTheoryLibrary>;
  try {
    result = solveTheoryLibrary({ items, blueprint, paperCount: request.paperCount, maxOverlap, seed, difficultyTarget: request.difficulty });
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('precondition_failed', `blueprint or items cannot be assembled: ${error.message}`);
    throw error;
  }
  if (!result.ok) {
    infeasible(result.infeasibility.map((issue) => issue.message).join('; '), { seed, snapshotHash, inputItemCount: items.length, infeasibility: result.infeasibility });
  }
  const { library } = result;
  const pointsByType = new Map(blueprint.structure.map((entry) => [entry.type, entry.pointsEach]));
  return {
    papers: library.papers.map((paper) => ({
      slots: paper.itemIds.map((id) => {
        const entry = byId.get(id)!;
        const type = (entry.item.current as TheoryItem).type;
        return { itemId: entry.item._id, version: entry.version, type, points: pointsByType.get(type) ?? 0, knowledgePoint: entry.item.knowledgePoint };
      }),
      totalPoints: paper.totalPoints,
      meanDifficulty: paper.meanDifficulty,
    })),
    overlapMatrix: library.overlapMatrix,
    coverage: library.coverage,
    difficulty: {
      meanByPaper: library.difficulty.meanPerPaper,
      spread: library.difficulty.spread,
      target: library.difficulty.target,
      maxDeviation: library.difficulty.maxDeviation,
    },
    paperSize: library.quotas.paperItemCount,
    iterations: library.iterations,
    blueprint,
  };
}

function assemblePractical(snapshot: SnapshotItem[], tasksPerPaper: number, request: AssembleLibraryRequest, seed: string, maxOverlap: number, snapshotHash: string): AssembledLibrary {
  const byId = new Map(snapshot.map((entry) => [entry.itemId, entry]));
  const items = snapshot.map((entry) => {
    const content = entry.item.current as PracticalItem;
    return {
      id: entry.itemId,
      knowledgePoint: entry.item.knowledgePoint ?? '*',
      timeLimitMinutes: content.timeLimitMinutes,
      points: practicalTaskPoints(content),
      ...(entry.item.clusterId ? { clusterId: entry.item.clusterId } : {}),
    };
  });
  let result: ReturnType<typeof solvePracticalLibrary>;
  try {
    result = solvePracticalLibrary({ items, tasksPerPaper, paperCount: request.paperCount, maxOverlap, seed });
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('precondition_failed', `practical items cannot be assembled: ${error.message}`);
    throw error;
  }
  if (!result.ok) {
    infeasible(result.infeasibility.map((issue) => issue.message).join('; '), { seed, snapshotHash, inputItemCount: items.length, infeasibility: result.infeasibility });
  }
  const { library } = result;
  const papers = library.papers.map((paper) => {
    const slots = paper.itemIds.map((id) => {
      const entry = byId.get(id)!;
      const content = entry.item.current as PracticalItem;
      return {
        itemId: entry.item._id,
        version: entry.version,
        type: 'practical' as const,
        points: practicalTaskPoints(content),
        knowledgePoint: entry.item.knowledgePoint,
        timeLimitMinutes: content.timeLimitMinutes,
      };
    });
    const difficulties = paper.itemIds.map((id) => itemDifficulty(byId.get(id)!.item));
    return {
      slots,
      totalPoints: paper.totalPoints,
      totalTimeMinutes: paper.totalTimeMinutes,
      meanDifficulty: difficulties.reduce((sum, value) => sum + value, 0) / Math.max(1, difficulties.length),
    };
  });
  const means = papers.map((paper) => paper.meanDifficulty);
  return {
    papers,
    overlapMatrix: library.overlapMatrix,
    coverage: library.papers.map((paper) => paper.countsByKnowledgePoint),
    difficulty: { meanByPaper: means, spread: means.length > 0 ? Math.max(...means) - Math.min(...means) : 0 },
    paperSize: tasksPerPaper,
    iterations: library.iterations,
    tasksPerPaper,
  };
}

/**
 * Assembles and stores a paper library for `request.scopeId`.
 *
 * Input: the scope's approved items of `request.kind` at their current versions; theory libraries
 * use the scope blueprint (knowledge points and paper structure), practical ones `tasksPerPaper`.
 * Stores the library (seed, snapshot hash, overlap matrix, coverage, difficulty) and its papers
 * (pinned item versions), retires the previous active library of the same scope and kind, and audits
 * `paper_library.assembled` plus one `paper.drawn` per paper — all in one transaction.
 *
 * @returns the library with its papers
 * @throws AppError `not_found` (scope); `precondition_failed` (theory scope without blueprint, or
 *   malformed blueprint); `infeasible` (422) whose details hold `{ seed, snapshotHash,
 *   inputItemCount, infeasibility: [{ constraint, message, required, available, … }] }`.
 */
export async function assemblePaperLibrary(options: { request: AssembleLibraryRequest; actor: Actor }): Promise<PaperLibraryView> {
  const { request, actor } = options;
  const scope = await requireScope(actor.organisationId, request.scopeId);
  if (request.kind === 'theory' && !scope.blueprint) {
    throw new AppError('precondition_failed', `scope ${describeScope(scope)} has no blueprint: import items (a blueprint is derived) or set one`);
  }
  const maxOverlap = request.maxOverlap ?? (await readOverlapLimit(actor.organisationId));
  const seed = request.seed ?? randomBytes(8).toString('hex');
  const snapshot = await loadApprovedSnapshot(request.scopeId, request.kind);
  const assembled =
    request.kind === 'theory'
      ? assembleTheory(snapshot.items, scope.blueprint!, request, seed, maxOverlap, snapshot.snapshotHash)
      : assemblePractical(snapshot.items, request.tasksPerPaper ?? scope.practicalTasksPerPaper ?? 2, request, seed, maxOverlap, snapshot.snapshotHash);

  const libraryId = new Types.ObjectId();
  const year = new Date().getFullYear();
  const papers = assembled.papers.map((paper, index) => ({
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(actor.organisationId),
    scopeId: scope._id,
    libraryId,
    kind: request.kind,
    index,
    code: formatPaperCode(request.kind, year, String(libraryId), index),
    slots: paper.slots,
    totalPoints: paper.totalPoints,
    ...(paper.totalTimeMinutes !== undefined ? { totalTimeMinutes: paper.totalTimeMinutes } : {}),
    ...(paper.meanDifficulty !== undefined ? { meanDifficulty: paper.meanDifficulty } : {}),
    status: 'active' as const,
    createdBy: new Types.ObjectId(actor.userId),
  }));
  await runInTransaction(async (session) => {
    const previous = await PaperLibraryModel.find({ scopeId: scope._id, kind: request.kind, status: 'active' }, { _id: 1 }).session(session).lean();
    const supersededReason = `superseded by paper library ${String(libraryId)}`;
    if (previous.length > 0) {
      const previousIds = previous.map((library) => library._id);
      await PaperLibraryModel.updateMany({ _id: { $in: previousIds } }, { $set: { status: 'retired', retiredReason: supersededReason, supersededBy: libraryId } }, { session });
      await PaperModel.updateMany({ libraryId: { $in: previousIds }, status: 'active' }, { $set: { status: 'retired', retiredReason: supersededReason } }, { session });
    }
    await PaperLibraryModel.create(
      [
        {
          _id: libraryId,
          organisationId: actor.organisationId,
          scopeId: scope._id,
          kind: request.kind,
          seed,
          snapshotHash: snapshot.snapshotHash,
          maxOverlap,
          paperIds: papers.map((paper) => paper._id),
          overlapMatrix: assembled.overlapMatrix,
          coverage: assembled.coverage,
          difficulty: assembled.difficulty,
          ...(assembled.blueprint ? { blueprint: assembled.blueprint } : {}),
          ...(assembled.tasksPerPaper !== undefined ? { tasksPerPaper: assembled.tasksPerPaper } : {}),
          inputItemCount: snapshot.items.length,
          paperSize: assembled.paperSize,
          iterations: assembled.iterations,
          status: 'active',
          createdBy: actor.userId,
        },
      ],
      { session },
    );
    await PaperModel.insertMany(papers, { session });
    await recordAudit(
      {
        actor,
        action: 'paper_library.assembled',
        target: { kind: 'paper_library', id: String(libraryId), label: `${describeScope(scope)} ${request.kind}` },
        payload: {
          scopeId: request.scopeId,
          kind: request.kind,
          seed,
          snapshotHash: snapshot.snapshotHash,
          maxOverlap,
          paperCount: request.paperCount,
          inputItemCount: snapshot.items.length,
          paperIds: papers.map((paper) => String(paper._id)),
          supersededLibraryIds: previous.map((library) => String(library._id)),
        },
      },
      session,
    );
    for (const paper of papers) {
      await recordAudit(
        {
          actor,
          action: 'paper.drawn',
          target: { kind: 'paper', id: String(paper._id), label: paper.code },
          payload: {
            libraryId: String(libraryId),
            index: paper.index,
            seed,
            snapshotHash: snapshot.snapshotHash,
            items: paper.slots.map((slot) => `${String(slot.itemId)}:${slot.version}`),
          },
        },
        session,
      );
    }
  });
  const stored = await PaperLibraryModel.findById(libraryId).lean<PaperLibraryRecord>();
  const storedPapers = await PaperModel.find({ libraryId }).sort({ index: 1 }).lean<PaperRecord[]>();
  return presentPaperLibrary(stored!, storedPapers);
}
