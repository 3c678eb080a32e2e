/**
 * Retires one paper of a library (e.g. compromised) and, by default, replaces it: a new paper with
 * the same per knowledge point × type composition is drawn from the current approved bank while the
 * library's other papers stay untouched — the replacement shares at most ⌊f·n⌋ items with each kept
 * paper and with the retired one (R2), f being the library's overlap limit. The replacement stores
 * its own seed and snapshot hash; the library records the replacement and its recomputed overlap
 * matrix. (Re-assembling the whole library with a new seed is `assemblePaperLibrary`.) Audited (R17).
 */
import { randomBytes } from 'node:crypto';
import type { PracticalItem, TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { ItemModel, type ItemRecord } from '../bank/item.model';
import { runInTransaction } from '../../db/run-in-transaction';
import type { Actor } from '../identity/actor';
import { practicalTaskPoints } from './assemble-paper-library';
import { computeOverlapMatrix, drawReplacementPaper, type ReplacementCell, type ReplacementNeighbour } from './draw-replacement-paper';
import { itemDifficulty, loadApprovedSnapshot } from './load-approved-snapshot';
import { formatPaperCode } from './paper-codes';
import { PaperLibraryModel } from './paper-library.model';
import { presentPaper, type PaperView } from './paper-library.presenter';
import { PaperModel, type PaperRecord, type PaperSlot } from './paper.model';
import type { RetirePaperRequest } from './papers-contracts';
import { requirePaper, requirePaperLibrary } from './require-paper';

const anyKnowledgePoint = '*';

async function unitsOf(papers: readonly PaperRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(papers.flatMap((paper) => paper.slots.map((slot) => String(slot.itemId))))];
  const items = await ItemModel.find({ _id: { $in: ids } }, { _id: 1, clusterId: 1 }).lean<Pick<ItemRecord, '_id' | 'clusterId'>[]>();
  return new Map(items.map((item) => [String(item._id), item.clusterId ?? String(item._id)]));
}

function neighbourOf(paper: Pick<PaperRecord, 'slots'>, units: Map<string, string>): ReplacementNeighbour {
  return { units: new Set(paper.slots.map((slot) => units.get(String(slot.itemId)) ?? String(slot.itemId))), size: paper.slots.length };
}

/**
 * Retires `paperId` with `request.reason`; with `request.replace` (default) draws and stores the
 * replacement. Audits `paper.retired` and, for the replacement, `paper.drawn`, in one transaction.
 * @returns the retired paper and the replacement (when drawn)
 * @throws AppError `not_found` (paper), `conflict` (already retired), `infeasible` (no replacement
 *   fits the overlap limit; details list the cells; nothing is written).
 */
export async function retirePaper(options: { paperId: string; request: RetirePaperRequest; actor: Actor }): Promise<{ retired: PaperView; replacement?: PaperView }> {
  const { paperId, request, actor } = options;
  const paper = await requirePaper(actor.organisationId, paperId);
  if (paper.status === 'retired') throw new AppError('conflict', `paper ${paper.code} is already retired`);
  const library = await requirePaperLibrary(actor.organisationId, String(paper.libraryId));

  let replacement: Omit<PaperRecord, 'createdAt' | 'updatedAt'> | undefined;
  let matrix: number[][] | undefined;
  let seed: string | undefined;
  let snapshotHash: string | undefined;
  if (request.replace) {
    seed = request.seed ?? randomBytes(8).toString('hex');
    const siblings = await PaperModel.find({ libraryId: library._id }).sort({ index: 1 }).lean<PaperRecord[]>();
    const kept = siblings.filter((sibling) => sibling.status === 'active' && String(sibling._id) !== paperId);
    const units = await unitsOf(siblings);
    const snapshot = await loadApprovedSnapshot(String(paper.scopeId), paper.kind);
    snapshotHash = snapshot.snapshotHash;
    const isAnyPoint = paper.kind === 'practical' && library.tasksPerPaper !== undefined;
    const cellCounts = new Map<string, ReplacementCell>();
    for (const slot of paper.slots) {
      const knowledgePoint = isAnyPoint ? anyKnowledgePoint : (slot.knowledgePoint ?? '');
      const key = `${slot.type}\u0001${knowledgePoint}`;
      const cell = cellCounts.get(key) ?? { knowledgePoint, type: slot.type, count: 0 };
      cell.count += 1;
      cellCounts.set(key, cell);
    }
    const candidates = snapshot.items.map((entry) => ({
      id: entry.itemId,
      unit: entry.item.clusterId ?? entry.itemId,
      knowledgePoint: isAnyPoint ? anyKnowledgePoint : (entry.item.knowledgePoint ?? ''),
      type: entry.item.kind === 'theory' ? (entry.item.current as TheoryItem).type : 'practical',
      difficulty: itemDifficulty(entry.item),
    }));
    const neighbours = [...kept.map((sibling) => neighbourOf(sibling, units)), neighbourOf(paper, units)];
    const keptMeans = kept.map((sibling) => sibling.meanDifficulty).filter((value): value is number => typeof value === 'number');
    const targetDifficulty = library.difficulty?.target ?? (keptMeans.length > 0 ? keptMeans.reduce((a, b) => a + b, 0) / keptMeans.length : 0.5);
    const drawn = drawReplacementPaper({ cells: [...cellCounts.values()], candidates, neighbours, maxOverlap: library.maxOverlap, targetDifficulty, seed });
    if (!drawn.ok) {
      throw new AppError('infeasible', `no replacement for paper ${paper.code} fits the ${library.maxOverlap * 100}% overlap limit: ${drawn.problems.join('; ')}`, {
        seed,
        snapshotHash,
        problems: drawn.problems,
      });
    }
    const byId = new Map(snapshot.items.map((entry) => [entry.itemId, entry]));
    const pointsByType = new Map(paper.slots.map((slot) => [slot.type, slot.points]));
    const slots: PaperSlot[] = drawn.itemIds.map((id) => {
      const entry = byId.get(id)!;
      if (entry.item.kind === 'practical') {
        const content = entry.item.current as PracticalItem;
        return { itemId: entry.item._id, version: entry.version, type: 'practical', points: practicalTaskPoints(content), knowledgePoint: entry.item.knowledgePoint, timeLimitMinutes: content.timeLimitMinutes };
      }
      const type = (entry.item.current as TheoryItem).type;
      return { itemId: entry.item._id, version: entry.version, type, points: pointsByType.get(type) ?? 0, knowledgePoint: entry.item.knowledgePoint };
    });
    const index = Math.max(...siblings.map((sibling) => sibling.index)) + 1;
    replacement = {
      _id: new Types.ObjectId(),
      organisationId: paper.organisationId,
      scopeId: paper.scopeId,
      libraryId: library._id,
      kind: paper.kind,
      index,
      code: formatPaperCode(paper.kind, new Date().getFullYear(), String(library._id), index),
      slots,
      totalPoints: slots.reduce((sum, slot) => sum + slot.points, 0),
      ...(paper.kind === 'practical' ? { totalTimeMinutes: slots.reduce((sum, slot) => sum + (slot.timeLimitMinutes ?? 0), 0) } : {}),
      meanDifficulty: drawn.meanDifficulty,
      status: 'active',
      replaces: paper._id,
      seed,
      snapshotHash,
      createdBy: new Types.ObjectId(actor.userId),
    };
    for (const slot of slots) if (!units.has(String(slot.itemId))) units.set(String(slot.itemId), byId.get(String(slot.itemId))!.item.clusterId ?? String(slot.itemId));
    matrix = computeOverlapMatrix([...siblings, replacement].map((sibling) => neighbourOf(sibling, units)));
  }

  await runInTransaction(async (session) => {
    const updated = await PaperModel.updateOne(
      { _id: paper._id, status: 'active' },
      { $set: { status: 'retired', retiredReason: request.reason, ...(replacement ? { replacedBy: replacement._id } : {}) } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `paper ${paper.code} was retired meanwhile`);
    await recordAudit(
      {
        actor,
        action: 'paper.retired',
        target: { kind: 'paper', id: paperId, label: paper.code },
        payload: { libraryId: String(library._id), reason: request.reason, replacementPaperId: replacement ? String(replacement._id) : null },
      },
      session,
    );
    if (!replacement) return;
    await PaperModel.create([replacement], { session });
    const entry = { retiredPaperId: paper._id, paperId: replacement._id, seed: seed!, snapshotHash: snapshotHash!, reason: request.reason, at: new Date() };
    await PaperLibraryModel.updateOne(
      { _id: library._id },
      { $push: { paperIds: replacement._id, replacements: entry }, $set: { overlapMatrix: matrix! } },
      { session },
    );
    await recordAudit(
      {
        actor,
        action: 'paper.drawn',
        target: { kind: 'paper', id: String(replacement._id), label: replacement.code },
        payload: {
          libraryId: String(library._id),
          index: replacement.index,
          replaces: paperId,
          seed,
          snapshotHash,
          items: replacement.slots.map((slot) => `${String(slot.itemId)}:${slot.version}`),
        },
      },
      session,
    );
  });
  const [retired, drawnPaper] = await Promise.all([
    PaperModel.findById(paperId).lean<PaperRecord>(),
    replacement ? PaperModel.findById(replacement._id).lean<PaperRecord>() : Promise.resolve(null),
  ]);
  return { retired: presentPaper(retired!), ...(drawnPaper ? { replacement: presentPaper(drawnPaper) } : {}) };
}

