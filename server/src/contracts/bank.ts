/**
 * Answers of the /api/bank routes (R1 bank sizes, R2 coverage and near-duplicates, R17 answer keys
 * for the bank roles only): the view types the bank use cases and presenters return, and the
 * bank-tools shapes they carry, gathered for the client. Type-only re-exports, so importing this
 * module loads no server code; the request schemas and their types are in
 * `domain/bank/bank-contracts.ts`.
 *
 * Every type here is JSON-safe as declared (times are ISO strings, ids strings). Units: weights and
 * rates are fractions 0..1, points are points, levels 5 初级工 … 1 高级技师 (R18).
 */
export type { Blueprint, BlueprintNode, Level, PaperStructureEntry, TheoryItemType } from '@skillcert/bank-tools/types';
export type { RowError, RowProblem, RowWarning, SheetReport, TypeCounts } from '@skillcert/bank-tools/importers/import-report';
export type { Shortfall, ShortfallCode } from '@skillcert/bank-tools/validate/readiness';
export type { BankScopeView, ScopeItemCounts } from '../domain/bank/bank-scope.presenter';
export type { ItemStatus } from '../domain/bank/item.model';
export type { ItemVersionView, ItemView, PresentedContent, PresentedItemContent } from '../domain/bank/item.presenter';
export type { BlueprintLeafView, ScopeBlueprintView } from '../domain/bank/get-scope-blueprint';
export type { BankImportView, ImportAnalysis } from '../domain/bank/bank-import.presenter';
export type { CoverageRow, ScopeReadiness } from '../domain/bank/get-scope-readiness';
export type { DuplicateItemSummary, DuplicatePair, ScopeDuplicateReport } from '../domain/bank/find-scope-duplicates';
