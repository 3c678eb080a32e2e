/**
 * Plain JSON of paper libraries and papers (no item content: see the preview for bank roles).
 */
import type { PaperLibraryRecord } from './paper-library.model';
import type { PaperRecord } from './paper.model';

/** A paper as the API shows it: pinned slots without item content. */
export interface PaperView {
  id: string;
  libraryId: string;
  scopeId: string;
  kind: 'theory' | 'practical';
  index: number;
  code: string;
  status: 'active' | 'retired';
  slots: { itemId: string; version: number; type: string; points: number; knowledgePoint?: string; timeLimitMinutes?: number }[];
  itemCount: number;
  totalPoints: number;
  totalTimeMinutes?: number;
  meanDifficulty?: number;
  retiredReason?: string;
  replacedBy?: string;
  replaces?: string;
  seed?: string;
  snapshotHash?: string;
  createdAt: string;
}

/** A paper library as the API shows it. */
export interface PaperLibraryView {
  id: string;
  scopeId: string;
  kind: 'theory' | 'practical';
  status: 'active' | 'retired';
  seed: string;
  snapshotHash: string;
  maxOverlap: number;
  paperIds: string[];
  overlapMatrix: number[][];
  coverage: unknown;
  difficulty: PaperLibraryRecord['difficulty'];
  paperSize?: number;
  tasksPerPaper?: number;
  inputItemCount?: number;
  iterations?: number;
  replacements: { retiredPaperId: string; paperId: string; seed: string; snapshotHash: string; reason: string; at: string }[];
  retiredReason?: string;
  papers?: PaperView[];
  createdAt: string;
}

/** Presents a paper. */
export function presentPaper(paper: PaperRecord): PaperView {
  return {
    id: String(paper._id),
    libraryId: String(paper.libraryId),
    scopeId: String(paper.scopeId),
    kind: paper.kind,
    index: paper.index,
    code: paper.code,
    status: paper.status,
    slots: paper.slots.map((slot) => ({
      itemId: String(slot.itemId),
      version: slot.version,
      type: slot.type,
      points: slot.points,
      ...(slot.knowledgePoint ? { knowledgePoint: slot.knowledgePoint } : {}),
      ...(slot.timeLimitMinutes !== undefined ? { timeLimitMinutes: slot.timeLimitMinutes } : {}),
    })),
    itemCount: paper.slots.length,
    totalPoints: paper.totalPoints,
    ...(paper.totalTimeMinutes !== undefined ? { totalTimeMinutes: paper.totalTimeMinutes } : {}),
    ...(paper.meanDifficulty !== undefined ? { meanDifficulty: paper.meanDifficulty } : {}),
    ...(paper.retiredReason ? { retiredReason: paper.retiredReason } : {}),
    ...(paper.replacedBy ? { replacedBy: String(paper.replacedBy) } : {}),
    ...(paper.replaces ? { replaces: String(paper.replaces) } : {}),
    ...(paper.seed ? { seed: paper.seed } : {}),
    ...(paper.snapshotHash ? { snapshotHash: paper.snapshotHash } : {}),
    createdAt: new Date(paper.createdAt).toISOString(),
  };
}

/** Presents a library, with its papers when given. */
export function presentPaperLibrary(library: PaperLibraryRecord, papers?: readonly PaperRecord[]): PaperLibraryView {
  return {
    id: String(library._id),
    scopeId: String(library.scopeId),
    kind: library.kind,
    status: library.status,
    seed: library.seed,
    snapshotHash: library.snapshotHash,
    maxOverlap: library.maxOverlap,
    paperIds: library.paperIds.map(String),
    overlapMatrix: library.overlapMatrix,
    coverage: library.coverage ?? null,
    difficulty: library.difficulty,
    ...(library.paperSize !== undefined ? { paperSize: library.paperSize } : {}),
    ...(library.tasksPerPaper !== undefined ? { tasksPerPaper: library.tasksPerPaper } : {}),
    ...(library.inputItemCount !== undefined ? { inputItemCount: library.inputItemCount } : {}),
    ...(library.iterations !== undefined ? { iterations: library.iterations } : {}),
    replacements: (library.replacements ?? []).map((entry) => ({
      retiredPaperId: String(entry.retiredPaperId),
      paperId: String(entry.paperId),
      seed: entry.seed,
      snapshotHash: entry.snapshotHash,
      reason: entry.reason,
      at: new Date(entry.at).toISOString(),
    })),
    ...(library.retiredReason ? { retiredReason: library.retiredReason } : {}),
    ...(papers ? { papers: papers.map(presentPaper) } : {}),
    createdAt: new Date(library.createdAt).toISOString(),
  };
}
