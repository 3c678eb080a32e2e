/**
 * Demo practical blueprint of 电工 中级工: five competencies (knowledge points of the practical
 * bank) with weights (fractions 0..1 summing to 1) and the suggested practical paper of one task
 * per competency. A paper's result is the weighted sum of its task scores (each task 100 points).
 */
import type { BlueprintNode } from '../types';

/** Tasks a practical paper takes from one knowledge point (same shape as the assembler's entry). */
export interface PracticalPaperEntry {
  knowledgePoint: string;
  count: number;
}

/** The practical blueprint: competency nodes and the suggested paper. */
export interface DemoPracticalBlueprint {
  nodes: BlueprintNode[];
  /** Suggested practical paper: tasks per knowledge point (R1: >= 5 such papers, R2 overlap). */
  paperStructure: PracticalPaperEntry[];
}

const PRACTICAL_NODES: readonly BlueprintNode[] = [
  { code: 'P1', name: '继电控制电路装调', weight: 0.35 },
  { code: 'P2', name: '电气设备装调与维修', weight: 0.2 },
  { code: 'P3', name: '自动控制电路装调（PLC与变频器）', weight: 0.2 },
  { code: 'P4', name: '电子电路装调', weight: 0.15 },
  { code: 'P5', name: '仪器仪表使用', weight: 0.1 },
];

/**
 * The demo practical blueprint (R1 practical bank and papers): a fresh copy the caller may change.
 * @returns competencies P1-P5 with weights summing to 1 and one task per competency per paper
 */
export function createDemoPracticalBlueprint(): DemoPracticalBlueprint {
  return {
    nodes: PRACTICAL_NODES.map((node) => ({ ...node })),
    paperStructure: PRACTICAL_NODES.map((node) => ({ knowledgePoint: node.code, count: 1 })),
  };
}
