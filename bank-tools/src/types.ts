/**
 * Shared bank types (R1, R18). Pure data: no database, no I/O. The server stores these shapes;
 * importers produce them; assembly consumes them.
 */

/** Skill level 等级: 5 初级工 … 1 高级技师 (R18). */
export type Level = 1 | 2 | 3 | 4 | 5;

/** Theory item types: 单选 single, 多选 multiple, 判断 judge (true/false). */
export type TheoryItemType = 'single' | 'multiple' | 'judge';

/** Scope of a bank: occupation (职业, code like `6-31-01-03`) + work type (工种) + level. */
export interface Scope {
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
}

/** Where an imported item came from: file name, sheet name, 1-based spreadsheet row. */
export interface ItemSource {
  file: string;
  sheet: string;
  row: number;
}

/**
 * A theory item 试题 as the bank keeps it.
 * `options` hold option texts without their `A.` labels; a judge item has `['正确', '错误']`.
 * `answer` holds 0-based option indexes in ascending order (one for single and judge).
 */
export interface TheoryItem {
  kind: 'theory';
  type: TheoryItemType;
  stem: string;
  options: string[];
  answer: number[];
  /** Blueprint knowledge point 鉴定点 code (leaf of the blueprint tree). */
  knowledgePoint?: string;
  /** Raw 作业种类 (category) and 章节 (chapter) cells, used to derive a blueprint. */
  category?: string;
  chapter?: string;
  /** Editor's difficulty estimate, 1 (easiest) to 5 (hardest). */
  difficulty?: number;
  images?: string[];
  source?: ItemSource;
}

/** One scoring criterion of a practical task: max points and the deduction rule in words. */
export interface PracticalCriterion {
  criterion: string;
  maxPoints: number;
  deductionRule: string;
}

/** A practical item (实操试题): a task with materials, time limit, criteria and veto items 否决项. */
export interface PracticalItem {
  kind: 'practical';
  title: string;
  task: string;
  materials: string[];
  timeLimitMinutes: number;
  criteria: PracticalCriterion[];
  /** Any veto item observed fails the whole task regardless of points. */
  vetoItems: string[];
  knowledgePoint?: string;
  difficulty?: number;
}

/** A node of the blueprint 认定要素细目表: weights are fractions 0..1 summing to 1 among siblings. */
export interface BlueprintNode {
  code: string;
  name: string;
  weight: number;
  children?: BlueprintNode[];
}

/** Paper structure per item type: how many items and points each (e.g. judge 20 x 1). */
export interface PaperStructureEntry {
  type: TheoryItemType;
  count: number;
  pointsEach: number;
}

/** Blueprint of a scope: the knowledge tree and the theory paper structure. */
export interface Blueprint {
  nodes: BlueprintNode[];
  structure: PaperStructureEntry[];
}
