/**
 * Readiness gate of a scope for certification (R1, R2): approved theory items >= 500, active theory
 * papers >= 5, approved practical items >= 50, active practical papers >= 5, blueprint coverage
 * (enough distinct approved items per knowledge point and item type for 5 papers at the R2 overlap
 * limit) and the duplicate rate, evaluated by bank-tools `evaluateReadiness`.
 */
import { deriveCoverage } from '@skillcert/bank-tools/validate/coverage';
import { evaluateReadiness, R1_MINIMUMS, type Shortfall } from '@skillcert/bank-tools/validate/readiness';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { PaperModel } from '../papers/paper.model';
import { readOverlapLimit } from '../papers/read-overlap-limit';
import { ItemModel, type ItemRecord } from './item.model';
import { describeScope, requireScope } from './require-scope';

/** One coverage row: knowledge point × item type, items per paper, distinct items required and available. */
export type CoverageRow = ReturnType<typeof deriveCoverage>[number];

/** Readiness of one scope. */
export interface ScopeReadiness {
  scopeId: string;
  scope: string;
  isReady: boolean;
  /** Unmet rules, e.g. `{ rule: 'R1', code: 'THEORY_ITEMS', message: '296 of 500 theory items' }`. */
  shortfalls: Shortfall[];
  counts: {
    approvedTheoryItems: number;
    /** Approved theory items with near-duplicate clusters counted once (R2). */
    distinctApprovedTheoryItems: number;
    activeTheoryPapers: number;
    approvedPracticalItems: number;
    activePracticalPapers: number;
  };
  minimums: typeof R1_MINIMUMS;
  hasBlueprint: boolean;
  /** Per knowledge point × item type: items per paper, distinct items required and available. */
  coverage: CoverageRow[];
  /** Redundant share of approved theory items, fraction 0..1. */
  duplicateRate: number;
  /** R2 overlap limit the coverage was computed for, fraction 0..1. */
  maxOverlap: number;
}

/**
 * Evaluates the scope's readiness from stored counts (R1) and coverage (R2).
 * @throws AppError `not_found` for an unknown scope of the organisation.
 */
export async function getScopeReadiness(options: { scopeId: string; organisationId: string }): Promise<ScopeReadiness> {
  const { scopeId, organisationId } = options;
  const scope = await requireScope(organisationId, scopeId);
  const [theoryItems, approvedPracticalItems, activeTheoryPapers, activePracticalPapers, maxOverlap] = await Promise.all([
    ItemModel.find({ scopeId, kind: 'theory', status: 'approved' }, { _id: 1, type: 1, knowledgePoint: 1, clusterId: 1 }).lean<
      Pick<ItemRecord, '_id' | 'type' | 'knowledgePoint' | 'clusterId'>[]
    >(),
    ItemModel.countDocuments({ scopeId, kind: 'practical', status: 'approved' }),
    PaperModel.countDocuments({ scopeId, kind: 'theory', status: 'active' }),
    PaperModel.countDocuments({ scopeId, kind: 'practical', status: 'active' }),
    readOverlapLimit(organisationId),
  ]);
  const clusters = new Set(theoryItems.map((item) => item.clusterId ?? `#${String(item._id)}`));
  const distinctApprovedTheoryItems = clusters.size;
  const duplicateRate = theoryItems.length === 0 ? 0 : (theoryItems.length - distinctApprovedTheoryItems) / theoryItems.length;
  const coverage = scope.blueprint
    ? deriveCoverage(
        scope.blueprint,
        theoryItems.map((item) => ({ type: item.type as TheoryItem['type'], knowledgePoint: item.knowledgePoint, clusterId: item.clusterId })),
        { paperCount: R1_MINIMUMS.theoryPapers, maxOverlap },
      )
    : [];
  const result = evaluateReadiness({
    approvedTheoryItems: theoryItems.length,
    theoryPapers: activeTheoryPapers,
    approvedPracticalItems,
    practicalPapers: activePracticalPapers,
    coverage,
    duplicateRate,
  });
  const shortfalls = [...result.shortfalls];
  if (!scope.blueprint) {
    shortfalls.push({ rule: 'R2', code: 'COVERAGE', message: 'no blueprint: coverage of knowledge points cannot be checked', required: 1, actual: 0 });
  }
  return {
    scopeId,
    scope: describeScope(scope),
    isReady: shortfalls.length === 0,
    shortfalls,
    counts: { approvedTheoryItems: theoryItems.length, distinctApprovedTheoryItems, activeTheoryPapers, approvedPracticalItems, activePracticalPapers },
    minimums: R1_MINIMUMS,
    hasBlueprint: Boolean(scope.blueprint),
    coverage,
    duplicateRate,
    maxOverlap,
  };
}
