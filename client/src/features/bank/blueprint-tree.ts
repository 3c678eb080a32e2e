/**
 * Pure helpers of the blueprint editor 认定要素细目表: edit the knowledge tree by path, check that
 * sibling weights sum to 1, list leaves 鉴定点 with absolute weights and total the paper structure.
 */
import type { BlueprintNode, PaperStructureEntry } from './bank-types';

/** Indexes from the root list down to a node, e.g. [1, 0] = first child of the second root. */
export type NodePath = readonly number[];

/** Tolerance of the sibling-sum check (weights are fractions 0..1). */
export const weightTolerance = 0.001;

/** A group of siblings whose weights do not sum to 1. */
export interface WeightProblem {
  /** Path of the parent ([] for the roots). */
  parentPath: number[];
  /** Code of the parent, '' for the roots. */
  parentCode: string;
  /** Sum of the siblings' weights. */
  sum: number;
}

/** Every sibling group (roots included) whose weights differ from 1 by more than {@link weightTolerance}. */
export function findWeightProblems(nodes: readonly BlueprintNode[]): WeightProblem[] {
  const problems: WeightProblem[] = [];
  const visit = (siblings: readonly BlueprintNode[], parentPath: number[], parentCode: string) => {
    if (siblings.length === 0) return;
    const sum = siblings.reduce((total, node) => total + (Number.isFinite(node.weight) ? node.weight : 0), 0);
    if (Math.abs(sum - 1) > weightTolerance) problems.push({ parentPath, parentCode, sum });
    siblings.forEach((node, index) => visit(node.children ?? [], [...parentPath, index], node.code));
  };
  visit(nodes, [], '');
  return problems;
}

/** Replaces the node at `path` by `update(node)`; returns a new tree. */
export function updateNode(nodes: readonly BlueprintNode[], path: NodePath, update: (node: BlueprintNode) => BlueprintNode): BlueprintNode[] {
  const [head, ...rest] = path;
  return nodes.map((node, index) => {
    if (index !== head) return node;
    if (rest.length === 0) return update(node);
    return { ...node, children: updateNode(node.children ?? [], rest, update) };
  });
}

/** Removes the node at `path` (and its subtree); a parent left with no children loses the list. */
export function removeNode(nodes: readonly BlueprintNode[], path: NodePath): BlueprintNode[] {
  const [head, ...rest] = path;
  if (rest.length === 0) return nodes.filter((_node, index) => index !== head);
  return nodes.map((node, index) => {
    if (index !== head) return node;
    const children = removeNode(node.children ?? [], rest);
    const { children: _children, ...withoutChildren } = node;
    return children.length > 0 ? { ...node, children } : withoutChildren;
  });
}

/** Appends `child` under the node at `path` (at the roots for []). */
export function addNode(nodes: readonly BlueprintNode[], path: NodePath, child: BlueprintNode): BlueprintNode[] {
  if (path.length === 0) return [...nodes, child];
  return updateNode(nodes, path, (node) => ({ ...node, children: [...(node.children ?? []), child] }));
}

/** A code for a new child of the node with `parentCode`: `<parent>.<n>` (or `<n>` at the roots). */
export function nextChildCode(parentCode: string, siblings: readonly BlueprintNode[]): string {
  const prefix = parentCode ? `${parentCode}.` : '';
  const used = new Set(siblings.map((node) => node.code));
  let index = siblings.length + 1;
  while (used.has(`${prefix}${index}`)) index += 1;
  return `${prefix}${index}`;
}

/** Leaves with their absolute weight (product of weights along the path), in tree order. */
export function listLeaves(nodes: readonly BlueprintNode[]): { code: string; name: string; absoluteWeight: number; depth: number }[] {
  const leaves: { code: string; name: string; absoluteWeight: number; depth: number }[] = [];
  const visit = (siblings: readonly BlueprintNode[], factor: number, depth: number) => {
    for (const node of siblings) {
      const weight = factor * node.weight;
      if (node.children && node.children.length > 0) visit(node.children, weight, depth + 1);
      else leaves.push({ code: node.code, name: node.name, absoluteWeight: weight, depth });
    }
  };
  visit(nodes, 1, 0);
  return leaves;
}

/** Items and points of a theory paper built from `structure`. */
export function totalStructure(structure: readonly PaperStructureEntry[]): { items: number; points: number } {
  return structure.reduce(
    (total, entry) => ({ items: total.items + entry.count, points: total.points + entry.count * entry.pointsEach }),
    { items: 0, points: 0 },
  );
}

/** Sets equal weights (summing exactly to 1, rounded to 4 decimals) on every sibling group. */
export function balanceWeights(nodes: readonly BlueprintNode[]): BlueprintNode[] {
  const count = nodes.length;
  if (count === 0) return [];
  const base = Math.floor((1 / count) * 10_000) / 10_000;
  const remainder = Math.round((1 - base * count) * 10_000) / 10_000;
  return nodes.map((node, index) => ({
    ...node,
    weight: index === 0 ? Math.round((base + remainder) * 10_000) / 10_000 : base,
    ...(node.children && node.children.length > 0 ? { children: balanceWeights(node.children) } : {}),
  }));
}
