/** Assignment of items to the knowledge points (leaves) of a given blueprint. */
import type { Blueprint, TheoryItem } from '../types';
import { blueprintLeaves } from './blueprint-tree';

/**
 * Returns copies of the items with `knowledgePoint` set to a leaf code of `blueprint`: an existing
 * `knowledgePoint` that is a leaf code is kept; otherwise the leaf whose name equals the item's
 * 章节, then the leaf whose name equals its 作业种类 (trimmed). Items matching no leaf get no
 * knowledge point (they then count for no coverage cell, R2).
 */
export function assignKnowledgePoints(items: readonly TheoryItem[], blueprint: Blueprint): TheoryItem[] {
  const leaves = blueprintLeaves(blueprint);
  const codes = new Set(leaves.map((leaf) => leaf.code));
  const byName = new Map<string, string>();
  for (const leaf of leaves) if (!byName.has(leaf.name.trim())) byName.set(leaf.name.trim(), leaf.code);
  return items.map((item) => {
    if (item.knowledgePoint && codes.has(item.knowledgePoint)) return { ...item };
    const code = byName.get(item.chapter?.trim() ?? '\u0000') ?? byName.get(item.category?.trim() ?? '\u0000');
    const { knowledgePoint: _previous, ...rest } = item;
    return code ? { ...rest, knowledgePoint: code } : rest;
  });
}
