/**
 * Readiness of a scope's banks for certification (R1 minimum sizes, R2 coverage for papers that
 * overlap at most 10%). Pure function over counts; the server supplies the counts.
 */
import type { TheoryItemType } from '../types';

/** R1 minimums (Guangdong 2021): per occupation (work type) and level. Per-organisation settings may raise them. */
export const R1_MINIMUMS = {
  theoryItems: 500,
  theoryPapers: 5,
  practicalItems: 50,
  practicalPapers: 5,
} as const;

/** Available vs required distinct items for one knowledge point and item type. */
export interface CoverageCell {
  knowledgePoint: string;
  type: TheoryItemType;
  /** Distinct approved items (duplicate clusters counted once). */
  available: number;
  /** Distinct items needed, e.g. from `requiredItemsForCell`. */
  required: number;
}

/** Checks {@link evaluateReadiness} can run. */
export type ReadinessCheck = 'theoryItems' | 'theoryPapers' | 'practicalItems' | 'practicalPapers' | 'coverage' | 'duplicateRate';

/** Counts of one scope. */
export interface ReadinessInput {
  /** Approved theory items, each duplicate cluster counted once (R1 + R2). */
  approvedTheoryItems: number;
  theoryPapers: number;
  approvedPracticalItems: number;
  practicalPapers: number;
  coverage?: readonly CoverageCell[];
  /** Share of redundant items in the bank, fraction 0..1 (see `findDuplicates`). */
  duplicateRate?: number;
  /** Largest acceptable duplicate rate, fraction 0..1; without it the rate is not checked. */
  maxDuplicateRate?: number;
  /** Per-organisation minimums replacing {@link R1_MINIMUMS} (never below them is the caller's policy). */
  minimums?: Partial<Record<keyof typeof R1_MINIMUMS, number>>;
  /** Checks to run; default all (a theory-only view passes `['theoryItems', 'coverage', 'duplicateRate']`). */
  checks?: readonly ReadinessCheck[];
}

/** Machine codes of shortfalls. */
export type ShortfallCode = 'THEORY_ITEMS' | 'THEORY_PAPERS' | 'PRACTICAL_ITEMS' | 'PRACTICAL_PAPERS' | 'COVERAGE' | 'DUPLICATE_RATE';

/** One unmet rule: which, how much is required and how much there is. */
export interface Shortfall {
  rule: 'R1' | 'R2';
  code: ShortfallCode;
  /** e.g. `296 of 500 theory items`. */
  message: string;
  required: number;
  actual: number;
  knowledgePoint?: string;
  type?: TheoryItemType;
}

/** Outcome of {@link evaluateReadiness}. */
export interface ReadinessResult {
  isReady: boolean;
  shortfalls: Shortfall[];
}

const TYPE_WORDS: Record<TheoryItemType, string> = { single: 'single-choice', multiple: 'multiple-choice', judge: 'judge' };

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * Evaluates R1 (theory bank >= 500 items, >= 5 theory papers, practical bank >= 50 items, >= 5
 * practical papers) and R2 (per knowledge point × type enough distinct items for the papers at
 * <= 10% overlap; optional duplicate-rate ceiling). Messages read `${actual} of ${required} theory
 * items`, `${actual} of ${required} theory papers`, `… practical items`, `… practical papers`,
 * `${available} of ${required} single-choice items for knowledge point 1.2`, and
 * `duplicate rate 6.7% above 5.0%`.
 *
 * @returns `isReady` true when no shortfall; shortfalls in the order R1 items/papers, coverage, duplicates
 */
export function evaluateReadiness(input: ReadinessInput): ReadinessResult {
  const minimums = { ...R1_MINIMUMS, ...input.minimums };
  const checks = new Set<ReadinessCheck>(input.checks ?? ['theoryItems', 'theoryPapers', 'practicalItems', 'practicalPapers', 'coverage', 'duplicateRate']);
  const shortfalls: Shortfall[] = [];
  const count = (check: ReadinessCheck, code: ShortfallCode, actual: number, required: number, noun: string) => {
    if (checks.has(check) && actual < required) {
      shortfalls.push({ rule: 'R1', code, message: `${actual} of ${required} ${noun}`, required, actual });
    }
  };
  count('theoryItems', 'THEORY_ITEMS', input.approvedTheoryItems, minimums.theoryItems, 'theory items');
  count('theoryPapers', 'THEORY_PAPERS', input.theoryPapers, minimums.theoryPapers, 'theory papers');
  count('practicalItems', 'PRACTICAL_ITEMS', input.approvedPracticalItems, minimums.practicalItems, 'practical items');
  count('practicalPapers', 'PRACTICAL_PAPERS', input.practicalPapers, minimums.practicalPapers, 'practical papers');

  if (checks.has('coverage')) {
    for (const cell of input.coverage ?? []) {
      if (cell.available >= cell.required) continue;
      shortfalls.push({
        rule: 'R2',
        code: 'COVERAGE',
        message: `${cell.available} of ${cell.required} ${TYPE_WORDS[cell.type]} items for knowledge point ${cell.knowledgePoint}`,
        required: cell.required,
        actual: cell.available,
        knowledgePoint: cell.knowledgePoint,
        type: cell.type,
      });
    }
  }
  if (checks.has('duplicateRate') && input.duplicateRate !== undefined && input.maxDuplicateRate !== undefined && input.duplicateRate > input.maxDuplicateRate) {
    shortfalls.push({
      rule: 'R2',
      code: 'DUPLICATE_RATE',
      message: `duplicate rate ${percent(input.duplicateRate)} above ${percent(input.maxDuplicateRate)}`,
      required: input.maxDuplicateRate,
      actual: input.duplicateRate,
    });
  }
  return { isReady: shortfalls.length === 0, shortfalls };
}
