/**
 * Import speed measurement for the bench harness: import time against the time exceljs alone
 * needs to read the same workbook (target: ratio <= 2).
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { importTheoryBank } from './import-theory-bank';

/** Figures of {@link measureImportAgainstExcelRead}; all times are medians in milliseconds. */
export interface ImportBenchmark {
  file: string;
  runs: number;
  /** `importTheoryBank({ file: path })`: file read, workbook load, rows to items. */
  importMs: number;
  /** `new ExcelJS.Workbook().xlsx.readFile(path)` alone. */
  readMs: number;
  /** exceljs streaming `WorkbookReader` iterating every row (no items built), for comparison. */
  streamReadMs: number;
  /** importMs / readMs (median of per-run ratios). */
  ratio: number;
  items: number;
  dataRows: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timeMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function streamRead(path: string): Promise<number> {
  const buffer = await readFile(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet as unknown as AsyncIterable<unknown>) {
      if (row) rows += 1;
    }
  }
  return rows;
}

/**
 * Measures `importTheoryBank` against a plain exceljs `readFile` of the same file, interleaving
 * the two (after one warm-up each) so machine load affects both alike.
 * @param path xlsx path
 * @param runs measured runs per variant (default 7)
 * @returns medians in milliseconds and the median ratio import/read
 */
export async function measureImportAgainstExcelRead(path: string, runs = 7): Promise<ImportBenchmark> {
  const readOnly = () => new ExcelJS.Workbook().xlsx.readFile(path);
  const report = await importTheoryBank({ file: path });
  await readOnly();
  await streamRead(path);
  const importTimes: number[] = [];
  const readTimes: number[] = [];
  const streamTimes: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const readMs = await timeMs(readOnly);
    const importMs = await timeMs(() => importTheoryBank({ file: path }));
    streamTimes.push(await timeMs(() => streamRead(path)));
    readTimes.push(readMs);
    importTimes.push(importMs);
    ratios.push(importMs / readMs);
  }
  return {
    file: report.file,
    runs,
    importMs: median(importTimes),
    readMs: median(readTimes),
    streamReadMs: median(streamTimes),
    ratio: median(ratios),
    items: report.items.length,
    dataRows: report.dataRows,
  };
}
