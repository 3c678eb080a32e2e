/**
 * Answers of the /api/bank and /api/papers routes as the bank screens read them (R1 bank sizes, R2
 * coverage and near-duplicates, R17 answer keys for the bank roles only): the server's own view
 * types (server/src/contracts/bank.ts and papers.ts, which gather the bank and papers presenters'
 * and use cases' views and the bank-tools shapes they carry), imported as types only so no server
 * code reaches the bundle. The views are JSON-safe as the server declares them (times ISO strings,
 * ids strings), so they are used as they are; the few client-side shapes below say why.
 * Units: weights and rates are fractions 0..1, points are points, levels 5 初级工 … 1 高级技师 (R18).
 */
import type {
  BankScopeView,
  ItemStatus,
  PresentedItemContent,
  ScopeReadiness,
  ItemVersionView as ServerItemVersionView,
  ItemView as ServerItemView,
  TheoryItemType,
} from '@skillcert/server/contracts';

export type {
  BankImportView,
  BankScopeView,
  Blueprint,
  BlueprintLeafView,
  BlueprintNode,
  CoverageRow,
  DuplicateItemSummary,
  DuplicatePair,
  ItemStatus,
  Level,
  PaperLibraryView,
  PaperStructureEntry,
  PaperView,
  RowError,
  ScopeBlueprintView,
  ScopeDuplicateReport,
  ScopeItemCounts,
  ScopeReadiness,
  Shortfall,
  TheoryItemType,
  PresentedItemContent as ItemContent,
} from '@skillcert/server/contracts';

/** Theory content as presented: stem, options, `answer` for the bank roles only (R17). */
export type TheoryContent = Extract<PresentedItemContent, { kind: 'theory' }>;

/** Practical content: task, materials, time limit in minutes, criteria in points, veto items 否决项. */
export type PracticalContent = Extract<PresentedItemContent, { kind: 'practical' }>;

/** Item kinds: theory 理论 or practical 实操. */
export type ItemKind = ServerItemView['kind'];

/**
 * An item as the API shows it. Client-side only in `content`: the server declares it as
 * `PresentedContent`, an `Omit` over the theory | practical union that keeps only the keys both
 * kinds share; the presenter emits one kind or the other, `PresentedItemContent`, which the editor
 * and the preview narrow on `kind` (theory `answer` present for the bank roles only, R17).
 */
export type ItemView = Omit<ServerItemView, 'content'> & { content: PresentedItemContent };

/** One version of an item, with `content` typed kind by kind as in {@link ItemView}. */
export type ItemVersionView = Omit<ServerItemVersionView, 'content'> & { content: PresentedItemContent };

// The value lists below are runtime values: `import type` cannot bring them, and importing the
// server's schemas as values would put zod and server code into the bundle. `satisfies` keeps each
// equal to the server's union (a missing or an extra key fails tsc).
const theoryItemTypeSet = { single: true, multiple: true, judge: true } satisfies Record<TheoryItemType, true>;
const itemStatusSet = { draft: true, in_review: true, approved: true, retired: true } satisfies Record<ItemStatus, true>;

/** Theory item types 单选, 多选, 判断 in the order the screens offer them. */
export const theoryItemTypes = Object.keys(theoryItemTypeSet) as TheoryItemType[];

/** Review workflow statuses in workflow order: draft → in_review → approved → retired. */
export const itemStatuses = Object.keys(itemStatusSet) as ItemStatus[];

/** The R1 minimum (a key of `ScopeReadiness['minimums']`, bank-tools R1_MINIMUMS) of each readiness count. */
export const readinessCountMinimumKey: Record<keyof ScopeReadiness['counts'], keyof ScopeReadiness['minimums'] | undefined> = {
  approvedTheoryItems: 'theoryItems',
  distinctApprovedTheoryItems: undefined,
  activeTheoryPapers: 'theoryPapers',
  approvedPracticalItems: 'practicalItems',
  activePracticalPapers: 'practicalPapers',
};

/** `电工 低压电工作业 四级` style label of a scope. */
export function describeScope(scope: Pick<BankScopeView, 'occupationName' | 'workType' | 'level'>, levelName: (level: BankScopeView['level']) => string): string {
  return `${scope.occupationName} · ${scope.workType} · ${levelName(scope.level)}`;
}
