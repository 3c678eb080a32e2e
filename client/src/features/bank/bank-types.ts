/**
 * Shapes of the bank and papers API as the client reads them (mirror of the server presenters:
 * bank-scope, item, bank-import, get-scope-readiness, find-scope-duplicates, paper-library).
 */

export type Level = 1 | 2 | 3 | 4 | 5;
export type TheoryItemType = 'single' | 'multiple' | 'judge';
export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'retired';
export type ItemKind = 'theory' | 'practical';

/** A node of the blueprint 认定要素细目表; sibling weights are fractions summing to 1. */
export interface BlueprintNode {
  code: string;
  name: string;
  weight: number;
  children?: BlueprintNode[];
}

/** Items and points per item type of a theory paper. */
export interface PaperStructureEntry {
  type: TheoryItemType;
  count: number;
  pointsEach: number;
}

export interface Blueprint {
  nodes: BlueprintNode[];
  structure: PaperStructureEntry[];
}

export type ScopeItemCounts = Record<ItemKind, Record<ItemStatus, number>>;

/** A bank scope: occupation + work type + level. */
export interface BankScopeView {
  id: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  hasBlueprint: boolean;
  blueprint?: Blueprint;
  practicalTasksPerPaper: number;
  itemCounts?: ScopeItemCounts;
  createdAt: string;
  updatedAt: string;
}

export interface TheoryContent {
  kind: 'theory';
  type: TheoryItemType;
  stem: string;
  options: string[];
  answer?: number[];
  knowledgePoint?: string;
  category?: string;
  chapter?: string;
  difficulty?: number;
  images?: string[];
}

export interface PracticalContent {
  kind: 'practical';
  title: string;
  task: string;
  materials: string[];
  timeLimitMinutes: number;
  criteria: { criterion: string; maxPoints: number; deductionRule: string }[];
  vetoItems: string[];
  knowledgePoint?: string;
  difficulty?: number;
}

export type ItemContent = TheoryContent | PracticalContent;

export interface ItemView {
  id: string;
  scopeId: string;
  kind: ItemKind;
  type?: TheoryItemType;
  status: ItemStatus;
  version: number;
  content: ItemContent;
  knowledgePoint?: string;
  clusterId?: string;
  authorId: string;
  reviewerId?: string;
  reviewNote?: string;
  retiredReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ItemVersionView {
  itemId: string;
  version: number;
  contentHash: string;
  createdBy: string;
  createdAt: string;
}

export interface BlueprintLeafView {
  code: string;
  name: string;
  absoluteWeight: number;
  path: string[];
  itemCount: number;
}

export interface ScopeBlueprintView {
  scopeId: string;
  blueprint: Blueprint | null;
  leaves: BlueprintLeafView[];
  itemsWithoutKnowledgePoint: number;
}

export interface RowError {
  file: string;
  sheet: string;
  row: number;
  field: string;
  column: string;
  reason: string;
  problems: { field: string; column: string; reason: string }[];
}

export interface BankImportView {
  importId: string;
  scopeId: string;
  fileName: string;
  fileBytes: number;
  format: 'xlsx' | 'json';
  status: 'pending' | 'confirmed';
  counts: Record<TheoryItemType, number> & { total: number };
  dataRows: number;
  rejectedCount: number;
  rejected: RowError[];
  warningCount: number;
  warnings: { sheet: string; row: number; field?: string; column?: string; message: string }[];
  sheets: { name: string; status: 'imported' | 'empty' | 'no-header'; headerRow?: number; dataRows: number; items: number; rejected: number }[];
  imageCount: number;
  canConfirm: boolean;
  analysis?: {
    blueprint: 'existing' | 'derived';
    unmatchedKnowledgePoints: number;
    derivedLeaves?: number;
    derivedStructure?: PaperStructureEntry[];
    duplicates: { clustersInFile: number; redundantInFile: number; duplicateRateInFile: number; alreadyInScope: number };
  };
  expiresAt: string;
  confirmedAt?: string;
  confirmedStatus?: 'draft' | 'approved';
  itemIds?: string[];
}

export interface Shortfall {
  rule: 'R1' | 'R2';
  code: string;
  message: string;
  required: number;
  actual: number;
  knowledgePoint?: string;
  type?: TheoryItemType;
}

export interface CoverageRow {
  knowledgePoint: string;
  type: TheoryItemType;
  perPaper: number;
  required: number;
  available: number;
}

export interface ScopeReadiness {
  scopeId: string;
  scope: string;
  isReady: boolean;
  shortfalls: Shortfall[];
  counts: {
    approvedTheoryItems: number;
    distinctApprovedTheoryItems: number;
    activeTheoryPapers: number;
    approvedPracticalItems: number;
    activePracticalPapers: number;
  };
  minimums: Record<string, number>;
  hasBlueprint: boolean;
  coverage: CoverageRow[];
  duplicateRate: number;
  maxOverlap: number;
}

export interface DuplicateItemSummary {
  id: string;
  scopeId: string;
  scope: string;
  status: ItemStatus;
  version: number;
  type?: string;
  text: string;
}

export interface DuplicatePair {
  a: DuplicateItemSummary;
  b: DuplicateItemSummary;
  similarity: number;
  kind: 'exact' | 'near';
  isCrossScope: boolean;
  hasDifferentAnswers: boolean;
}

export interface ScopeDuplicateReport {
  scopeId: string;
  across: 'same' | 'other' | 'all';
  kind: ItemKind;
  itemCount: number;
  pairs: DuplicatePair[];
  clusters: { clusterId: string; itemIds: string[] }[];
  duplicateRate: number;
  excludedPairs: number;
}

export interface PaperView {
  id: string;
  libraryId: string;
  kind: ItemKind;
  index: number;
  code: string;
  status: 'active' | 'retired';
  itemCount: number;
  totalPoints: number;
  totalTimeMinutes?: number;
  meanDifficulty?: number;
  retiredReason?: string;
  seed?: string;
  createdAt: string;
}

export interface PaperLibraryView {
  id: string;
  scopeId: string;
  kind: ItemKind;
  status: 'active' | 'retired';
  seed: string;
  snapshotHash: string;
  maxOverlap: number;
  paperIds: string[];
  overlapMatrix: number[][];
  difficulty: { meanByPaper: number[]; spread: number; target?: number; maxDeviation?: number };
  paperSize?: number;
  tasksPerPaper?: number;
  inputItemCount?: number;
  papers?: PaperView[];
  createdAt: string;
}

/** The R1 minimums (bank-tools R1_MINIMUMS) by readiness count. */
export const readinessCountMinimumKey: Record<keyof ScopeReadiness['counts'], string | undefined> = {
  approvedTheoryItems: 'theoryItems',
  distinctApprovedTheoryItems: undefined,
  activeTheoryPapers: 'theoryPapers',
  approvedPracticalItems: 'practicalItems',
  activePracticalPapers: 'practicalPapers',
};

/** `电工 低压电工作业 四级` style label of a scope. */
export function describeScope(scope: Pick<BankScopeView, 'occupationName' | 'workType' | 'level'>, levelName: (level: Level) => string): string {
  return `${scope.occupationName} · ${scope.workType} · ${levelName(scope.level)}`;
}
