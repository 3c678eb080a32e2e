/**
 * Independent check of a theory paper library against its input (R1-R3), recomputed from item
 * ids only: used by tests and by callers that re-verify a stored library before use.
 */
import { computeMaxSharedPerPair } from './item-units';
import type { AssemblyInput, PaperLibrary } from './types';

/**
 * List every way `library` breaks the rules for `input` (empty list = valid):
 * R1 at least 5 papers; R3 every item id comes from the input; no near-duplicate cluster twice in
 * a paper; per-type structure counts and per (knowledge point, type) quotas exact; total points
 * right; R2 every pair shares at most floor(maxOverlap x size) items with clusters counted once;
 * reported overlap matrices match the recomputation.
 */
export function verifyPaperLibrary(library: PaperLibrary, input: AssemblyInput): string[] {
  const problems: string[] = [];
  const byId = new Map(input.items.map((item) => [item.id, item]));
  const unitOf = (id: string): string => {
    const item = byId.get(id);
    return item?.clusterId ? `cluster:${item.clusterId}` : `item:${id}`;
  };
  if (library.papers.length < 5) problems.push(`R1: library has ${library.papers.length} papers, at least 5 required`);
  if (library.papers.length !== input.paperCount) problems.push(`library has ${library.papers.length} papers, ${input.paperCount} requested`);
  const quotaKey = (knowledgePoint: string, type: string): string => `${type}\u001f${knowledgePoint}`;
  const quota = new Map(library.quotas.cells.map((cell) => [quotaKey(cell.knowledgePoint, cell.type), cell.count]));
  const units: Set<string>[] = [];
  for (const paper of library.papers) {
    const label = `paper ${paper.index + 1}`;
    const seen = new Set<string>();
    const cellCounts = new Map<string, number>();
    const typeCounts = new Map<string, number>();
    let points = 0;
    for (const id of paper.itemIds) {
      const item = byId.get(id);
      if (!item) {
        problems.push(`R3: ${label} holds ${id}, which is not in the bank`);
        continue;
      }
      const unit = unitOf(id);
      if (seen.has(unit)) problems.push(`R2: ${label} holds two items of near-duplicate unit ${unit}`);
      seen.add(unit);
      const key = quotaKey(item.knowledgePoint, item.type);
      cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
      typeCounts.set(item.type, (typeCounts.get(item.type) ?? 0) + 1);
      points += input.blueprint.structure.find((entry) => entry.type === item.type)?.pointsEach ?? 0;
    }
    units.push(seen);
    for (const entry of input.blueprint.structure) {
      const count = typeCounts.get(entry.type) ?? 0;
      if (count !== entry.count) problems.push(`structure: ${label} has ${count} ${entry.type} items, blueprint says ${entry.count}`);
    }
    for (const [key, count] of cellCounts) {
      if ((quota.get(key) ?? 0) !== count) problems.push(`blueprint: ${label} has ${count} items in cell ${key.replace('\u001f', ' ')}, quota ${quota.get(key) ?? 0}`);
    }
    for (const cell of library.quotas.cells) {
      const count = cellCounts.get(quotaKey(cell.knowledgePoint, cell.type)) ?? 0;
      if (count !== cell.count) problems.push(`blueprint: ${label} has ${count} ${cell.type} items at ${cell.knowledgePoint}, quota ${cell.count}`);
    }
    if (Math.abs(points - paper.totalPoints) > 1e-9) problems.push(`${label} reports ${paper.totalPoints} points, items give ${points}`);
  }
  const maxOverlap = input.maxOverlap ?? 0.1;
  for (let p = 0; p < units.length; p += 1) {
    for (let q = p + 1; q < units.length; q += 1) {
      let shared = 0;
      for (const unit of units[p]) if (units[q].has(unit)) shared += 1;
      const size = Math.min(library.papers[p].itemIds.length, library.papers[q].itemIds.length);
      const limit = computeMaxSharedPerPair(maxOverlap, size);
      if (shared > limit) problems.push(`R2: papers ${p + 1} and ${q + 1} share ${shared} items, limit ${limit}`);
      if (library.sharedItemMatrix[p]?.[q] !== shared) problems.push(`sharedItemMatrix[${p}][${q}] = ${library.sharedItemMatrix[p]?.[q]}, recomputed ${shared}`);
      const overlap = size > 0 ? shared / size : 0;
      if (Math.abs((library.overlapMatrix[p]?.[q] ?? NaN) - overlap) > 1e-12) problems.push(`overlapMatrix[${p}][${q}] differs from ${overlap}`);
    }
  }
  return problems;
}
