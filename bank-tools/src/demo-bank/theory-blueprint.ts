/**
 * Demo theory blueprint 认定要素细目表 of 电工 中级工: four domains, ten knowledge points 鉴定点,
 * sibling weights (fractions 0..1) summing to 1, and the suggested paper structure
 * (judge 20 x 1 + single 60 x 1 + multiple 10 x 2 = 100 points, 90 items).
 */
import type { Blueprint, BlueprintNode, PaperStructureEntry, TheoryItemType } from '../types';

/** Suggested theory paper structure of the demo scope (100 points). */
export const DEMO_PAPER_STRUCTURE: readonly PaperStructureEntry[] = Object.freeze([
  { type: 'judge', count: 20, pointsEach: 1 },
  { type: 'single', count: 60, pointsEach: 1 },
  { type: 'multiple', count: 10, pointsEach: 2 },
]);

/** Knowledge tree: domain weights x point weights give each point's share of every paper. */
const DEMO_THEORY_NODES: readonly BlueprintNode[] = [
  {
    code: '1',
    name: '基础知识',
    weight: 0.4,
    children: [
      { code: '1.1', name: '直流电路', weight: 0.3 },
      { code: '1.2', name: '交流电路', weight: 0.25 },
      { code: '1.3', name: '三相电路', weight: 0.25 },
      { code: '1.4', name: '电子技术', weight: 0.2 },
    ],
  },
  {
    code: '2',
    name: '电气设备',
    weight: 0.2,
    children: [
      { code: '2.1', name: '变压器', weight: 0.5 },
      { code: '2.2', name: '电动机', weight: 0.5 },
    ],
  },
  {
    code: '3',
    name: '线路与仪表',
    weight: 0.2,
    children: [
      { code: '3.1', name: '导线截面选择', weight: 0.5 },
      { code: '3.2', name: '仪表读数', weight: 0.5 },
    ],
  },
  {
    code: '4',
    name: '安全规程',
    weight: 0.2,
    children: [
      { code: '4.1', name: '安全用电', weight: 0.6 },
      { code: '4.2', name: '电气防火', weight: 0.4 },
    ],
  },
];

/**
 * Items the demo bank holds per item type, spread over the knowledge points by absolute weight
 * (rounded up). About 6.5x (single), 7.5x (judge) and 10x (multiple) one paper's count, so five
 * papers can stay within 10% pairwise overlap (R2 needs >= 4x) in every (point, type) cell.
 */
export const DEMO_BANK_ITEMS_PER_TYPE: Readonly<Record<TheoryItemType, number>> = Object.freeze({
  single: 390,
  judge: 150,
  multiple: 100,
});

function cloneNodes(nodes: readonly BlueprintNode[]): BlueprintNode[] {
  return nodes.map(({ code, name, weight, children }) =>
    children ? { code, name, weight, children: cloneNodes(children) } : { code, name, weight },
  );
}

/**
 * The demo theory blueprint (R1 paper structure, R3): a fresh copy the caller may change.
 * @returns nodes with sibling weights summing to 1 and the suggested structure
 */
export function createDemoTheoryBlueprint(): Blueprint {
  return { nodes: cloneNodes(DEMO_THEORY_NODES), structure: DEMO_PAPER_STRUCTURE.map((entry) => ({ ...entry })) };
}

/** A knowledge point (leaf) with its absolute weight (product of the weights on its path, 0..1). */
export interface DemoKnowledgePoint {
  code: string;
  name: string;
  weight: number;
}

/** Leaves of a blueprint in depth-first order with absolute weights. */
export function listDemoKnowledgePoints(blueprint: Blueprint): DemoKnowledgePoint[] {
  const leaves: DemoKnowledgePoint[] = [];
  const visit = (nodes: readonly BlueprintNode[], parentWeight: number): void => {
    for (const node of nodes) {
      const weight = parentWeight * node.weight;
      if (node.children && node.children.length > 0) visit(node.children, weight);
      else leaves.push({ code: node.code, name: node.name, weight });
    }
  };
  visit(blueprint.nodes, 1);
  return leaves;
}

/**
 * Items to generate per (knowledge point, type) cell: ceil(absolute weight x items per type).
 * @returns map keyed `${knowledgePoint}|${type}`
 */
export function planDemoCellCounts(blueprint: Blueprint): Map<string, number> {
  const counts = new Map<string, number>();
  for (const point of listDemoKnowledgePoints(blueprint)) {
    for (const type of ['single', 'multiple', 'judge'] as const) {
      counts.set(`${point.code}|${type}`, Math.ceil(point.weight * DEMO_BANK_ITEMS_PER_TYPE[type] - 1e-9));
    }
  }
  return counts;
}
