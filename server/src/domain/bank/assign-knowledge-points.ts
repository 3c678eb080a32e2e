/**
 * Assigns imported items to the leaves 鉴定点 of an existing blueprint by their 作业种类 (category)
 * and 章节 (chapter) names (R2 coverage needs every item on a leaf).
 */
import { blueprintLeaves } from '@skillcert/bank-tools/blueprint/blueprint-tree';
import type { Blueprint, BlueprintNode, TheoryItem } from '@skillcert/bank-tools/types';

/** Result of {@link assignKnowledgePoints}. */
export interface KnowledgePointAssignment {
  items: TheoryItem[];
  /** Items that match no leaf (left without `knowledgePoint`). */
  unmatched: number;
}

function nameOf(blueprint: Blueprint): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (nodes: readonly BlueprintNode[]) => {
    for (const node of nodes) {
      names.set(node.code, node.name.trim());
      if (node.children) walk(node.children);
    }
  };
  walk(blueprint.nodes);
  return names;
}

/**
 * Sets `knowledgePoint` of each item to a blueprint leaf code, trying in order: an existing
 * `knowledgePoint` that is a leaf code; the leaf named like the chapter under a node named like
 * the category; the only leaf named like the chapter; the only leaf named like the category.
 * @returns item copies and the number of items left unassigned
 */
export function assignKnowledgePoints(items: readonly TheoryItem[], blueprint: Blueprint): KnowledgePointAssignment {
  const leaves = blueprintLeaves(blueprint);
  const names = nameOf(blueprint);
  const leafCodes = new Set(leaves.map((leaf) => leaf.code));
  const byPathNames = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const leaf of leaves) {
    const leafName = names.get(leaf.code) ?? leaf.name;
    const parentName = leaf.path.length > 1 ? (names.get(leaf.path[leaf.path.length - 2]) ?? '') : '';
    byPathNames.set(`${parentName}\u0001${leafName}`, leaf.code);
    byName.set(leafName, [...(byName.get(leafName) ?? []), leaf.code]);
  }
  const only = (name: string | undefined) => {
    const codes = name ? byName.get(name.trim()) : undefined;
    return codes && codes.length === 1 ? codes[0] : undefined;
  };
  let unmatched = 0;
  const assigned = items.map((item) => {
    const category = item.category?.trim() ?? '';
    const chapter = item.chapter?.trim() ?? '';
    const code =
      (item.knowledgePoint && leafCodes.has(item.knowledgePoint) ? item.knowledgePoint : undefined) ??
      (chapter ? byPathNames.get(`${category}\u0001${chapter}`) : undefined) ??
      only(chapter) ??
      only(category);
    if (!code) {
      unmatched += 1;
      const { knowledgePoint: _dropped, ...rest } = item;
      return rest as TheoryItem;
    }
    return { ...item, knowledgePoint: code };
  });
  return { items: assigned, unmatched };
}
