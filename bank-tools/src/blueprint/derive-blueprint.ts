/**
 * Derivation of a blueprint (认定要素细目表) from an imported bank: 作业种类 → domain node,
 * 章节 → knowledge point, weights = share of items (R1 scope structure, R2 coverage).
 */
import type { Blueprint, BlueprintNode, PaperStructureEntry, TheoryItem, TheoryItemType } from '../types';
import { R2_MAX_OVERLAP, R1_PAPER_LIBRARY_SIZE, maxItemsPerPaper } from '../validate/required-items';
import { apportion, shares } from './apportion';

/** Name of the domain for items without 作业种类. */
export const UNCATEGORISED = '未分类';
/** Name of the knowledge point for items without 章节 in a domain that has chapters. */
export const UNCHAPTERED = '未分章节';

/** Options of {@link suggestPaperStructure}. */
export interface PaperStructureOptions {
  /** Items per paper; default: the largest of 100, 50, 40, 25, 20, 10 the bank supports (R2). */
  itemsPerPaper?: number;
  /** Points of a whole paper, default 100. */
  totalPoints?: number;
  /** Papers in the library (R1 default 5) and overlap limit (R2 default 0.1) for the default size. */
  paperCount?: number;
  maxOverlap?: number;
  /** Distinct items of the bank (duplicate clusters counted once); default the item count. */
  distinctItems?: number;
}

/** Result of {@link deriveBlueprint}. */
export interface DerivedBlueprint {
  blueprint: Blueprint;
  /** Copies of the input items with `knowledgePoint` set to their leaf code. */
  items: TheoryItem[];
  /** Item count per node code. */
  itemCounts: Record<string, number>;
}

const TYPE_ORDER: TheoryItemType[] = ['judge', 'single', 'multiple'];
const PAPER_SIZES = [100, 50, 40, 25, 20, 10];

/**
 * Suggests a theory paper structure: n items split over the types in proportion to the bank's
 * type counts (largest remainder), each item worth totalPoints / n points. The default n is the
 * largest of 100, 50, 40, 25, 20, 10 for which k papers at overlap <= f fit in the bank (R1, R2).
 * @returns entries in the order judge, single, multiple, only types with count > 0
 */
export function suggestPaperStructure(
  items: readonly Pick<TheoryItem, 'type'>[],
  options: PaperStructureOptions = {},
): PaperStructureEntry[] {
  const counts = TYPE_ORDER.map((type) => items.filter((item) => item.type === type).length);
  const distinct = options.distinctItems ?? items.length;
  const supported = maxItemsPerPaper(distinct, options.paperCount ?? R1_PAPER_LIBRARY_SIZE, options.maxOverlap ?? R2_MAX_OVERLAP);
  const itemsPerPaper = options.itemsPerPaper ?? PAPER_SIZES.find((size) => size <= supported) ?? Math.max(1, supported);
  const totalPoints = options.totalPoints ?? 100;
  const parts = apportion(itemsPerPaper, counts);
  return TYPE_ORDER.map((type, index) => ({ type, count: parts[index], pointsEach: totalPoints / itemsPerPaper })).filter(
    (entry) => entry.count > 0,
  );
}

/**
 * Derives a blueprint from items' 作业种类 (category) and 章节 (chapter), R2 coverage basis.
 *
 * Domains are numbered `1`, `2`, … in order of first appearance, their knowledge points `1.1`,
 * `1.2`, …; a domain whose items have no chapter is itself a leaf; items without chapter in a
 * domain with chapters go to a `未分章节` child, items without category to a `未分类` domain.
 * Weights are each node's share of its parent's items, rounded to 4 decimals with largest
 * remainder so every sibling set sums to exactly 1. Each returned item copy gets its
 * `knowledgePoint` (leaf code). The structure comes from {@link suggestPaperStructure}.
 *
 * @returns the blueprint, item copies with knowledge points, and item counts per node code
 */
export function deriveBlueprint(items: readonly TheoryItem[], options: PaperStructureOptions = {}): DerivedBlueprint {
  interface Chapter {
    name: string;
    indexes: number[];
  }
  interface Domain {
    name: string;
    chapters: Map<string, Chapter>;
    count: number;
  }
  const domains = new Map<string, Domain>();
  items.forEach((item, index) => {
    const category = item.category?.trim() || UNCATEGORISED;
    let domain = domains.get(category);
    if (!domain) {
      domain = { name: category, chapters: new Map(), count: 0 };
      domains.set(category, domain);
    }
    domain.count += 1;
    const chapterName = item.chapter?.trim() ?? '';
    let chapter = domain.chapters.get(chapterName);
    if (!chapter) {
      chapter = { name: chapterName, indexes: [] };
      domain.chapters.set(chapterName, chapter);
    }
    chapter.indexes.push(index);
  });

  const knowledgePoints = new Array<string>(items.length);
  const itemCounts: Record<string, number> = {};
  const domainList = [...domains.values()];
  const domainWeights = shares(domainList.map((domain) => domain.count));
  const nodes: BlueprintNode[] = domainList.map((domain, domainIndex) => {
    const code = String(domainIndex + 1);
    itemCounts[code] = domain.count;
    const chapters = [...domain.chapters.values()];
    const hasChapters = chapters.some((chapter) => chapter.name !== '');
    if (!hasChapters) {
      for (const index of chapters[0].indexes) knowledgePoints[index] = code;
      return { code, name: domain.name, weight: domainWeights[domainIndex] };
    }
    // items without chapter last, as 未分章节
    const ordered = [...chapters.filter((chapter) => chapter.name !== ''), ...chapters.filter((chapter) => chapter.name === '')];
    const chapterWeights = shares(ordered.map((chapter) => chapter.indexes.length));
    const children = ordered.map((chapter, chapterIndex) => {
      const childCode = `${code}.${chapterIndex + 1}`;
      itemCounts[childCode] = chapter.indexes.length;
      for (const index of chapter.indexes) knowledgePoints[index] = childCode;
      return { code: childCode, name: chapter.name || UNCHAPTERED, weight: chapterWeights[chapterIndex] };
    });
    return { code, name: domain.name, weight: domainWeights[domainIndex], children };
  });

  return {
    blueprint: { nodes, structure: suggestPaperStructure(items, options) },
    items: items.map((item, index) => ({ ...item, knowledgePoint: knowledgePoints[index] })),
    itemCounts,
  };
}
