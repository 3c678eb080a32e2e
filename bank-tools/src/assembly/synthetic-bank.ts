/**
 * Seeded synthetic theory banks for assembly tests and the benchmark (no real bank text). The
 * blueprint is a two-level tree (chapters > knowledge points) whose weights follow the items.
 */
import type { Blueprint, BlueprintNode, PaperStructureEntry, TheoryItemType } from '../types';
import { createRandom, randomInt } from './random';
import type { AssemblyItem, AssemblySeed } from './types';

/** Shape of a synthetic bank. Counts are items per type; fractions 0..1. */
export interface SyntheticBankOptions {
  seed: AssemblySeed;
  itemsPerType: Partial<Record<TheoryItemType, number>>;
  chapters: number;
  pointsPerChapter: number;
  /** Fraction of items that get a near-duplicate twin in the same cell (default 0.05). */
  duplicateRate?: number;
  structure: PaperStructureEntry[];
}

/**
 * Generate items (ids `t-00001` …, knowledge points `c.p`, difficulty 0..1 as the mean of two
 * uniforms) and a blueprint whose leaf weights are the items' shares. Deterministic per seed.
 */
export function generateSyntheticBank(options: SyntheticBankOptions): { items: AssemblyItem[]; blueprint: Blueprint } {
  const random = createRandom(options.seed, 'synthetic-bank');
  const points: string[] = [];
  for (let chapter = 1; chapter <= options.chapters; chapter += 1) {
    for (let point = 1; point <= options.pointsPerChapter; point += 1) points.push(`${chapter}.${point}`);
  }
  // Uneven but positive popularity per point.
  const popularity = points.map(() => 0.3 + random());
  const popularityTotal = popularity.reduce((sum, value) => sum + value, 0);
  const pickPoint = (): string => {
    let draw = random() * popularityTotal;
    for (let index = 0; index < points.length; index += 1) {
      draw -= popularity[index];
      if (draw <= 0) return points[index];
    }
    return points[points.length - 1];
  };
  const items: AssemblyItem[] = [];
  const duplicateRate = options.duplicateRate ?? 0.05;
  const types: TheoryItemType[] = ['judge', 'single', 'multiple'];
  for (const type of types) {
    const count = options.itemsPerType[type] ?? 0;
    for (let index = 0; index < count; index += 1) {
      const id = `t-${String(items.length + 1).padStart(5, '0')}`;
      const item: AssemblyItem = { id, type, knowledgePoint: pickPoint(), difficulty: (random() + random()) / 2 };
      items.push(item);
      if (random() < duplicateRate && index + 1 < count) {
        item.clusterId = `dup-${id}`;
        index += 1;
        items.push({
          id: `t-${String(items.length + 1).padStart(5, '0')}`,
          type,
          knowledgePoint: item.knowledgePoint,
          difficulty: Math.min(1, Math.max(0, item.difficulty + (random() - 0.5) * 0.1)),
          clusterId: item.clusterId,
        });
      }
    }
  }
  const share = new Map<string, number>();
  for (const item of items) share.set(item.knowledgePoint, (share.get(item.knowledgePoint) ?? 0) + 1);
  const nodes: BlueprintNode[] = [];
  for (let chapter = 1; chapter <= options.chapters; chapter += 1) {
    const children: BlueprintNode[] = [];
    for (let point = 1; point <= options.pointsPerChapter; point += 1) {
      const code = `${chapter}.${point}`;
      children.push({ code, name: `point ${code}`, weight: share.get(code) ?? 0 });
    }
    const weight = children.reduce((sum, child) => sum + child.weight, 0);
    nodes.push({ code: String(chapter), name: `chapter ${chapter}`, weight, children });
  }
  // Shuffle ids' order in the array so tests cover order independence.
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = randomInt(random, index + 1);
    [items[index], items[other]] = [items[other], items[index]];
  }
  return { items, blueprint: { nodes, structure: options.structure } };
}
