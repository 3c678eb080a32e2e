/**
 * Plain JSON of a bank import report (dry run or confirmed).
 */
import type { RowError, RowWarning, SheetReport, TypeCounts } from '@skillcert/bank-tools/importers/import-report';
import type { PaperStructureEntry } from '@skillcert/bank-tools/types';
import type { BankImportRecord } from './bank-import.model';

/** Warnings listed in a report at most (the count is always complete). */
export const maximumListedWarnings = 500;

/** What the dry run found about knowledge points and duplicates. */
export interface ImportAnalysis {
  /** `existing`: items are matched to the scope's blueprint; `derived`: a blueprint will be derived. */
  blueprint: 'existing' | 'derived';
  /** Items matching no leaf of the existing blueprint. */
  unmatchedKnowledgePoints: number;
  /** Leaves and paper structure of the blueprint that would be derived. */
  derivedLeaves?: number;
  derivedStructure?: PaperStructureEntry[];
  duplicates: {
    /** Near-duplicate groups inside the file and the items beyond the first of each. */
    clustersInFile: number;
    redundantInFile: number;
    /** Fraction 0..1. */
    duplicateRateInFile: number;
    /** File items whose text exactly repeats a live item of the scope. */
    alreadyInScope: number;
  };
}

/** An import report as the API shows it. */
export interface BankImportView {
  importId: string;
  scopeId: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: 'xlsx' | 'json';
  status: 'pending' | 'confirmed';
  counts: TypeCounts;
  dataRows: number;
  rejectedCount: number;
  /** Every rejected row: file, sheet, row, field, column, reason (and all problems of the row). */
  rejected: RowError[];
  warningCount: number;
  warnings: RowWarning[];
  sheets: SheetReport[];
  imageCount: number;
  /** True when no row was rejected: confirming imports every item (all or nothing). */
  canConfirm: boolean;
  analysis?: ImportAnalysis;
  expiresAt: string;
  confirmedAt?: string;
  confirmedStatus?: 'draft' | 'approved';
  itemIds?: string[];
}

/** Presents an import record. */
export function presentBankImport(record: BankImportRecord, extra: { analysis?: ImportAnalysis; itemIds?: string[] } = {}): BankImportView {
  return {
    importId: String(record._id),
    scopeId: String(record.scopeId),
    fileName: record.fileName,
    fileSha256: record.fileSha256,
    fileBytes: record.fileBytes,
    format: record.format,
    status: record.status,
    counts: record.counts,
    dataRows: record.dataRows,
    rejectedCount: record.rejected.length,
    rejected: record.rejected,
    warningCount: record.warnings.length,
    warnings: record.warnings.slice(0, maximumListedWarnings),
    sheets: record.sheets,
    imageCount: record.images?.length ?? 0,
    canConfirm: record.rejected.length === 0 && record.status === 'pending',
    ...(extra.analysis ? { analysis: extra.analysis } : {}),
    expiresAt: new Date(record.expiresAt).toISOString(),
    ...(record.confirmedAt ? { confirmedAt: new Date(record.confirmedAt).toISOString() } : {}),
    ...(record.confirmedStatus ? { confirmedStatus: record.confirmedStatus } : {}),
    ...(extra.itemIds ? { itemIds: extra.itemIds } : {}),
  };
}
