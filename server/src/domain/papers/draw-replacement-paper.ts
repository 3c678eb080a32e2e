/**
 * Draws one replacement paper for a library whose other papers stay as they are (R2: the new paper
 * shares at most ⌊f·n⌋ items — near-duplicate clusters counted once — with every kept paper and with
 * the retired paper it replaces; R3: only approved bank items). Pure and seeded: same input + seed ⇒
 * same paper.
 */
import { createRandom } from '@skillcert/bank-tools/assembly/random';

/** One quota cell of the paper: items of `type` on knowledge point `knowledgePoint`. */
export interface ReplacementCell {
  knowledgePoint: string;
  type: string;
  count: number;
}

/** An approved item that may be drawn. */
export interface ReplacementCandidate {
  id: string;
  /** Near-duplicate cluster id, or the item id when alone. */
  unit: string;
  knowledgePoint: string;
  type: string;
  /** Difficulty 0..1 (higher = harder). */
  difficulty: number;
}

/** A paper the replacement must not overlap too much: its units and its item count. */
export interface ReplacementNeighbour {
  units: ReadonlySet<string>;
  size: number;
}

/** Input of {@link drawReplacementPaper}. */
export interface ReplacementInput {
  cells: readonly ReplacementCell[];
  candidates: readonly ReplacementCandidate[];
  /** Kept papers of the library plus the retired paper. */
  neighbours: readonly ReplacementNeighbour[];
  /** Largest pairwise overlap, fraction 0..1 (R2). */
  maxOverlap: number;
  /** Target mean difficulty 0..1. */
  targetDifficulty: number;
  seed: string;
}

/** Outcome: the chosen item ids in cell order, or why no paper fits. */
export type ReplacementResult = { ok: true; itemIds: string[]; meanDifficulty: number } | { ok: false; problems: string[] };

function cellKey(knowledgePoint: string, type: string): string {
  return `${type}\u0001${knowledgePoint}`;
}

/**
 * Fills every cell with distinct units, preferring items no neighbour uses, never letting the shared
 * units with a neighbour exceed ⌊maxOverlap · min(n, |neighbour|)⌋; then swaps items within their
 * cells while that moves the paper's mean difficulty closer to the target.
 * @returns the item ids (cells in the given order) or the cells that cannot be filled
 */
export function drawReplacementPaper(input: ReplacementInput): ReplacementResult {
  const random = createRandom(input.seed, 'replacement-paper');
  const paperSize = input.cells.reduce((sum, cell) => sum + cell.count, 0);
  const limits = input.neighbours.map((neighbour) => Math.floor(input.maxOverlap * Math.min(paperSize, neighbour.size) + 1e-9));
  const shared = input.neighbours.map(() => 0);
  const usage = (unit: string) => input.neighbours.filter((neighbour) => neighbour.units.has(unit)).length;
  const byCell = new Map<string, ReplacementCandidate[]>();
  for (const candidate of [...input.candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = cellKey(candidate.knowledgePoint, candidate.type);
    byCell.set(key, [...(byCell.get(key) ?? []), candidate]);
  }
  const chosenUnits = new Set<string>();
  const chosen = new Map<string, ReplacementCandidate[]>();
  const problems: string[] = [];
  const fits = (unit: string) => !chosenUnits.has(unit) && input.neighbours.every((neighbour, index) => !neighbour.units.has(unit) || shared[index] < limits[index]);
  const take = (unit: string, sign: 1 | -1) => {
    input.neighbours.forEach((neighbour, index) => {
      if (neighbour.units.has(unit)) shared[index] += sign;
    });
    if (sign === 1) chosenUnits.add(unit);
    else chosenUnits.delete(unit);
  };
  const order = [...input.cells].sort(
    (a, b) => (byCell.get(cellKey(a.knowledgePoint, a.type))?.length ?? 0) - a.count - ((byCell.get(cellKey(b.knowledgePoint, b.type))?.length ?? 0) - b.count),
  );
  for (const cell of order) {
    const pool = (byCell.get(cellKey(cell.knowledgePoint, cell.type)) ?? [])
      .map((candidate) => ({ candidate, key: random() }))
      .sort((a, b) => usage(a.candidate.unit) - usage(b.candidate.unit) || a.key - b.key)
      .map((entry) => entry.candidate);
    const picked: ReplacementCandidate[] = [];
    for (const candidate of pool) {
      if (picked.length === cell.count) break;
      if (!fits(candidate.unit)) continue;
      picked.push(candidate);
      take(candidate.unit, 1);
    }
    if (picked.length < cell.count) {
      problems.push(
        `knowledge point ${cell.knowledgePoint} ${cell.type}: ${picked.length} of ${cell.count} items fit within the overlap limit (${pool.length} approved)`,
      );
    }
    chosen.set(cellKey(cell.knowledgePoint, cell.type), picked);
  }
  if (problems.length > 0) return { ok: false, problems };

  const all = () => [...chosen.values()].flat();
  const mean = () => all().reduce((sum, item) => sum + item.difficulty, 0) / Math.max(1, paperSize);
  for (let pass = 0; pass < 3; pass += 1) {
    let improved = false;
    for (const cell of input.cells) {
      const key = cellKey(cell.knowledgePoint, cell.type);
      const picked = chosen.get(key)!;
      for (let slot = 0; slot < picked.length; slot += 1) {
        const current = picked[slot];
        const gap = mean() - input.targetDifficulty;
        if (Math.abs(gap) < 1e-6) break;
        take(current.unit, -1);
        let best: ReplacementCandidate | undefined;
        let bestGap = Math.abs(gap);
        for (const alternative of byCell.get(key) ?? []) {
          if (alternative.id === current.id || !fits(alternative.unit)) continue;
          const newGap = Math.abs(gap + (alternative.difficulty - current.difficulty) / paperSize);
          if (newGap < bestGap - 1e-12) {
            best = alternative;
            bestGap = newGap;
          }
        }
        const next = best ?? current;
        picked[slot] = next;
        take(next.unit, 1);
        if (best) improved = true;
      }
    }
    if (!improved) break;
  }
  return { ok: true, itemIds: input.cells.flatMap((cell) => chosen.get(cellKey(cell.knowledgePoint, cell.type))!.map((item) => item.id)), meanDifficulty: mean() };
}

/**
 * Overlap matrix (R2 interpretation): overlap(P, Q) = shared units / min(|P|, |Q|), diagonal 1.
 * @param papers units and item count of each paper
 */
export function computeOverlapMatrix(papers: readonly ReplacementNeighbour[]): number[][] {
  return papers.map((paper, p) =>
    papers.map((other, q) => {
      if (p === q) return 1;
      const size = Math.min(paper.size, other.size);
      if (size === 0) return 0;
      let count = 0;
      for (const unit of paper.units) if (other.units.has(unit)) count += 1;
      return count / size;
    }),
  );
}
