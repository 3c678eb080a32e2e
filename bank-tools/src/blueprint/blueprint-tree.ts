/** Walks of the blueprint tree 认定要素细目表. */
import type { Blueprint, BlueprintNode } from '../types';

/** A leaf knowledge point with its share of the whole paper (product of weights on its path). */
export interface WeightedLeaf {
  code: string;
  name: string;
  /** Fraction 0..1 of the paper this knowledge point carries. */
  absoluteWeight: number;
  /** Codes from the root to the leaf. */
  path: string[];
}

/**
 * Leaves of a blueprint (nodes without children) in depth-first order with their absolute weights.
 * Items are assigned to leaves (`TheoryItem.knowledgePoint`).
 */
export function blueprintLeaves(blueprint: Blueprint): WeightedLeaf[] {
  const leaves: WeightedLeaf[] = [];
  const walk = (nodes: readonly BlueprintNode[], weight: number, path: string[]) => {
    for (const node of nodes) {
      const nodeWeight = weight * node.weight;
      const nodePath = [...path, node.code];
      if (node.children && node.children.length > 0) walk(node.children, nodeWeight, nodePath);
      else leaves.push({ code: node.code, name: node.name, absoluteWeight: nodeWeight, path: nodePath });
    }
  };
  walk(blueprint.nodes, 1, []);
  return leaves;
}
