/**
 * Bank import benchmark (R1 import path): `importTheoryBank` on the shared bank 起重机司机.xlsx
 * (read in place from ../shared/banks) against exceljs merely reading the same workbook, interleaved
 * in the same run (`measureImportAgainstExcelRead`); target import <= 2x the read.
 */
import { join } from 'node:path';
import { measureImportAgainstExcelRead, sharedBanksDirectory } from '@skillcert/bank-tools';
import { comparisonRow, infoRow, ratioRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'bank-import';
const bankFile = '起重机司机.xlsx';

async function runBankImport(mode: BenchMode): Promise<BenchRow[]> {
  const result = await measureImportAgainstExcelRead(join(sharedBanksDirectory(), bankFile), mode === 'quick' ? 1 : 7);
  return [
    ratioRow(name, `import ${bankFile} (${result.items} items) vs exceljs readFile, median of ${result.runs}`, result.importMs, 'ms', result.readMs, { max: 2 }),
    comparisonRow(name, 'import vs exceljs streaming reader iterating the rows', result.importMs, 'ms', result.streamReadMs),
    infoRow(name, 'median per-run ratio import / readFile', result.ratio, 'x'),
  ];
}

/** The bank import benchmark. */
export const bankImportBenchmark: Benchmark = { name, issue: 13, run: runBankImport };
