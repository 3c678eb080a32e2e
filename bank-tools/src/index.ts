/**
 * @skillcert/bank-tools public API: pure bank functions (no database) used by the server's bank
 * domain and by the `bank` CLI.
 */
export * from './types';

// importers (R1)
export * from './importers/bank-import-error';
export * from './importers/import-report';
export { importTheoryBank, loadWorkbook, type ImportTheoryBankInput, type ImportTheoryBankOptions } from './importers/import-theory-bank';
export { assertImportable, formatRowError } from './importers/assert-importable';
export { parseTheoryRow, parseItemType, JUDGE_OPTIONS, MAX_CELL_CHARACTERS, CONTROL_CHARACTER, type TheoryRowCells, type ParsedRow, type FieldProblem } from './importers/parse-row';
export { parseOptions, letterIndex, optionLetter, type ParsedOptions } from './importers/parse-options';
export { headerField, HEADER_SEARCH_ROWS, type TemplateField } from './importers/find-header';
export { measureImportAgainstExcelRead, type ImportBenchmark } from './importers/bench';

// export (R17 formula guard)
export * from './export/formula-guard';
export * from './export/export-theory-bank';
export * from './export/theory-bank-json';

// normalisation and duplicates (R2)
export * from './normalise/normalise-text';
export * from './normalise/stem-numbering';
export * from './duplicates/find-duplicates';
export { shingleSet, jaccard, candidateProbability } from './duplicates/minhash';
export { measureDuplicateDetection, syntheticBank, sharedBanksDirectory, type DuplicateBenchmark, type DuplicateRunFigures } from './duplicates/bench';

// blueprint 认定要素细目表
export * from './blueprint/apportion';
export * from './blueprint/blueprint-tree';
export * from './blueprint/derive-blueprint';
export * from './blueprint/assign-knowledge-points';
export * from './blueprint/validate-blueprint';
export * from './blueprint/blueprint-io';

// readiness (R1, R2)
export * from './validate/required-items';
export * from './validate/readiness';
export * from './validate/coverage';

// assembly (R1-R3)
export * from './assembly';
export * from './demo-bank';
