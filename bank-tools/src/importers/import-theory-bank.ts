/**
 * Importer of theory banks in the de-facto xlsx template (作业种类, 章节, 试题类型, 题目内容, 题目选项,
 * 题目答案, 图片), R1. Pure apart from reading the given file; no database.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type { TheoryItem } from '../types';
import { assertZipExpansionWithinLimit } from './zip-expansion-limit';
import { BankImportError } from './bank-import-error';
import { cellText, columnLetter } from './cell-text';
import { HEADER_SEARCH_ROWS, matchHeaderRow, type TemplateField, type TemplateHeader } from './find-header';
import type { ImportedImage, ImportReport, ItemField, RowError, RowProblem, RowWarning, SheetReport } from './import-report';
import { leadingNumber } from '../normalise/stem-numbering';
import { parseItemType, parseTheoryRow, type FieldProblem, type TheoryRowCells } from './parse-row';

/** The file to import: its bytes or a path, and the name to record in `source.file`. */
export interface ImportTheoryBankInput {
  file: Buffer | Uint8Array | string;
  /** Name recorded in reports and `source.file`; defaults to the path's base name. */
  fileName?: string;
}

/** Options of {@link importTheoryBank}. */
export interface ImportTheoryBankOptions {
  /** Called as rows are processed: rows done and rows in total (over all imported sheets). */
  onProgress?(done: number, total: number): void;
}

const ITEM_FIELDS: Exclude<ItemField, 'row'>[] = ['category', 'chapter', 'type', 'stem', 'options', 'answer'];
const PROGRESS_STEP = 200;

function toBuffer(bytes: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readInput(input: ImportTheoryBankInput): Promise<{ buffer: Buffer; fileName: string }> {
  if (typeof input.file === 'string') {
    const fileName = input.fileName ?? basename(input.file);
    try {
      return { buffer: await readFile(input.file), fileName };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BankImportError('FILE_UNREADABLE', `${fileName}: cannot read the file (${reason})`);
    }
  }
  return { buffer: toBuffer(input.file), fileName: input.fileName ?? 'upload.xlsx' };
}

function assertZip(buffer: Buffer, fileName: string): void {
  if (buffer.length === 0) throw new BankImportError('NOT_XLSX', `${fileName}: the file is empty, not an xlsx workbook`);
  const isZip = buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && (buffer[2] === 3 || buffer[2] === 5);
  if (isZip) return;
  const isCompoundFile = buffer.length >= 4 && buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0;
  if (isCompoundFile) {
    throw new BankImportError('NOT_XLSX', `${fileName}: this is an old .xls or a password-protected workbook; save it as .xlsx without a password`);
  }
  throw new BankImportError('NOT_XLSX', `${fileName}: not an xlsx workbook (the file is not a zip archive)`);
}

/**
 * Reads a workbook from xlsx bytes with exceljs.
 * @throws BankImportError `NOT_XLSX` when the bytes are not an xlsx workbook
 */
export async function loadWorkbook(buffer: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  assertZip(buffer, fileName);
  await assertZipExpansionWithinLimit(buffer, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BankImportError('NOT_XLSX', `${fileName}: not a readable xlsx workbook (${reason})`);
  }
  if (workbook.worksheets.length === 0) {
    throw new BankImportError('NOT_XLSX', `${fileName}: the workbook has no worksheets`);
  }
  return workbook;
}

function rowTexts(row: ExcelJS.Row): Map<number, string> {
  const texts = new Map<number, string>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const { text } = cellText(cell.value);
    if (text.trim() !== '') texts.set(column, text);
  });
  return texts;
}

interface SheetPlan {
  worksheet: ExcelJS.Worksheet;
  report: SheetReport;
  header?: TemplateHeader;
}

function planSheet(worksheet: ExcelJS.Worksheet, warnings: RowWarning[]): SheetPlan {
  const report: SheetReport = { name: worksheet.name, status: 'empty', dataRows: 0, items: 0, rejected: 0 };
  const lastRow = Math.min(worksheet.rowCount, HEADER_SEARCH_ROWS);
  let hasText = false;
  for (let rowNumber = 1; rowNumber <= lastRow; rowNumber += 1) {
    const texts = rowTexts(worksheet.getRow(rowNumber));
    if (texts.size === 0) continue;
    hasText = true;
    const header = matchHeaderRow(rowNumber, texts);
    if (header) {
      report.status = 'imported';
      report.headerRow = rowNumber;
      report.columns = {};
      for (const [field, column] of Object.entries(header.columns) as [TemplateField, { column: number; header: string }][]) {
        report.columns[field] = `${columnLetter(column.column)} (${column.header})`;
      }
      for (const duplicate of header.duplicates) {
        warnings.push({
          sheet: worksheet.name,
          row: rowNumber,
          column: `${columnLetter(duplicate.column)} (${duplicate.header})`,
          message: `second ${duplicate.field} column ignored; the first one is used`,
        });
      }
      return { worksheet, report, header };
    }
  }
  if (!hasText && worksheet.actualRowCount > 0) {
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      if (!hasText && rowTexts(row).size > 0) hasText = true;
    });
  }
  if (hasText) {
    report.status = 'no-header';
    warnings.push({
      sheet: worksheet.name,
      row: 0,
      message: `no header row with 试题类型, 题目内容 and 题目答案 in the first ${HEADER_SEARCH_ROWS} rows; sheet skipped`,
    });
  }
  return { worksheet, report };
}

function describeColumn(header: TemplateHeader, field: ItemField): Pick<RowProblem, 'column' | 'columnLetter' | 'header'> {
  const column = field === 'row' ? undefined : header.columns[field];
  if (!column) {
    const fallback = header.columns.stem!;
    return { column: `${columnLetter(fallback.column)} (${fallback.header})`, columnLetter: columnLetter(fallback.column), header: fallback.header };
  }
  const letter = columnLetter(column.column);
  return { column: `${letter} (${column.header})`, columnLetter: letter, header: column.header };
}

function toProblem(header: TemplateHeader, problem: FieldProblem): RowProblem {
  const { field } = problem;
  if (field !== 'row' && !header.columns[field]) {
    // e.g. options of a choice item in a file without a 题目选项 column
    return { field, column: `(no ${field} column)`, columnLetter: '', header: '', reason: problem.reason };
  }
  return { field, ...describeColumn(header, field), reason: problem.reason };
}

function isRepeatedHeader(cells: TheoryRowCells): boolean {
  if (cells.type.length > 60 || parseItemType(cells.type) !== undefined) return false;
  const texts = new Map<number, string>([
    [1, cells.type],
    [2, cells.stem],
    [3, cells.answer],
  ]);
  return matchHeaderRow(0, texts) !== undefined;
}

interface SheetOutcome {
  itemsByRow: Map<number, TheoryItem>;
  rejectedRows: Set<number>;
}

interface DataRow {
  rowNumber: number;
  cells: TheoryRowCells;
  cellProblems: FieldProblem[];
}

function readDataRows(plan: SheetPlan & { header: TemplateHeader }, report: ImportReport, progress: () => void): DataRow[] {
  const { worksheet, header } = plan;
  const fields = ITEM_FIELDS.filter((field) => header.columns[field]);
  const rows: DataRow[] = [];
  for (let rowNumber = header.row + 1; rowNumber <= worksheet.rowCount; rowNumber += 1) {
    progress();
    const row = worksheet.findRow(rowNumber);
    if (!row || !row.hasValues) continue;
    const cells: TheoryRowCells = { type: '', stem: '', options: '', answer: '' };
    const cellProblems: FieldProblem[] = [];
    let isBlank = true;
    for (const field of fields) {
      const value = cellText(row.getCell(header.columns[field]!.column).value);
      if (value.issue) cellProblems.push({ field, reason: value.issue });
      if (value.text.trim() !== '' || value.issue) isBlank = false;
      cells[field] = value.text;
      if (field === 'answer') cells.isAnswerNumeric = value.isNumeric;
    }
    if (isBlank) continue;
    if (isRepeatedHeader(cells)) {
      report.warnings.push({ sheet: worksheet.name, row: rowNumber, message: 'repeated header row skipped' });
      continue;
    }
    rows.push({ rowNumber, cells, cellProblems });
  }
  return rows;
}

function importSheet(
  plan: SheetPlan & { header: TemplateHeader },
  fileName: string,
  report: ImportReport,
  progress: () => void,
): SheetOutcome {
  const { worksheet, header } = plan;
  const itemsByRow = new Map<number, TheoryItem>();
  const rejectedRows = new Set<number>();
  const rows = readDataRows(plan, report, progress);
  let previousNumber: number | undefined;

  for (let index = 0; index < rows.length; index += 1) {
    const { rowNumber, cells, cellProblems } = rows[index];
    plan.report.dataRows += 1;
    report.dataRows += 1;
    const next = rows[index + 1];
    const nextNumber = next ? leadingNumber(next.cells.stem) : undefined;
    const parsed = parseTheoryRow(cells, { previousNumber, nextNumber });
    previousNumber = parsed.stemNumber;
    if (parsed.ok && cellProblems.length === 0) {
      const item: TheoryItem = { ...parsed.item, source: { file: fileName, sheet: worksheet.name, row: rowNumber } };
      report.items.push(item);
      report.counts[item.type] += 1;
      report.counts.total += 1;
      plan.report.items += 1;
      itemsByRow.set(rowNumber, item);
      for (const warning of parsed.warnings) {
        report.warnings.push({ sheet: worksheet.name, row: rowNumber, field: warning.field, column: describeColumn(header, warning.field).column, message: warning.reason });
      }
      continue;
    }
    const problems = [...cellProblems, ...(parsed.ok ? [] : parsed.problems)].map((problem) => toProblem(header, problem));
    const rowError: RowError = { file: fileName, sheet: worksheet.name, row: rowNumber, ...problems[0], problems };
    report.rejected.push(rowError);
    plan.report.rejected += 1;
    rejectedRows.add(rowNumber);
  }
  return { itemsByRow, rejectedRows };
}

function attachImages(
  workbook: ExcelJS.Workbook,
  worksheet: ExcelJS.Worksheet,
  outcome: SheetOutcome,
  imagesById: Map<string, ImportedImage>,
  warnings: RowWarning[],
): void {
  for (const anchor of worksheet.getImages()) {
    const rowNumber = Math.floor(anchor.range.tl.nativeRow) + 1;
    const media = workbook.getImage(Number(anchor.imageId)) as ExcelJS.Image & { name?: string; buffer?: Buffer };
    if (!media?.buffer) continue;
    const id = `${media.name ?? `image${anchor.imageId}`}.${media.extension}`;
    let image = imagesById.get(id);
    if (!image) {
      image = { id, extension: media.extension, data: media.buffer, sheet: worksheet.name, rows: [] };
      imagesById.set(id, image);
    }
    image.rows.push(rowNumber);
    const item = outcome.itemsByRow.get(rowNumber);
    if (item) {
      item.images = [...(item.images ?? []), id];
    } else if (!outcome.rejectedRows.has(rowNumber)) {
      warnings.push({ sheet: worksheet.name, row: rowNumber, message: `picture ${id} is anchored on a row without an item` });
    }
  }
}

/**
 * Imports a theory bank xlsx in the de-facto template (R1).
 *
 * Every worksheet is searched for a header row by content (columns may be shifted, header texts
 * may carry notes); sheets without one are reported as `empty` or `no-header`. Each non-blank row
 * below a header becomes an item (with `source` = file, sheet, row) or a {@link RowError} naming
 * row, column, field and reason — nothing is dropped silently: `items.length + rejected.length
 * === dataRows`. Pictures anchored on an item row are attached as `images` ids (bytes in
 * `report.images`). Text is kept exactly except trimming and stem numbering removal; nothing is
 * neutralised here (exporters guard formulas).
 *
 * @throws BankImportError `FILE_UNREADABLE` (path cannot be read), `NOT_XLSX` (not a zip / not a
 *   workbook), `NO_HEADER` (no sheet has the template header)
 */
export async function importTheoryBank(
  input: ImportTheoryBankInput,
  options: ImportTheoryBankOptions = {},
): Promise<ImportReport> {
  const { buffer, fileName } = await readInput(input);
  const readStarted = performance.now();
  const workbook = await loadWorkbook(buffer, fileName);
  const readMs = performance.now() - readStarted;

  const parseStarted = performance.now();
  const report: ImportReport = {
    file: fileName,
    items: [],
    rejected: [],
    warnings: [],
    dataRows: 0,
    sheets: [],
    counts: { single: 0, multiple: 0, judge: 0, total: 0 },
    images: [],
    readMs,
    parseMs: 0,
  };
  const plans = workbook.worksheets.map((worksheet) => planSheet(worksheet, report.warnings));
  report.sheets = plans.map((plan) => plan.report);
  const imported = plans.filter((plan): plan is SheetPlan & { header: TemplateHeader } => plan.header !== undefined);
  if (imported.length === 0) {
    const names = plans.map((plan) => `${plan.report.name} (${plan.report.status})`).join(', ');
    throw new BankImportError(
      'NO_HEADER',
      `${fileName}: no worksheet has a header row with 试题类型, 题目内容 and 题目答案; sheets: ${names}`,
      { sheets: report.sheets },
    );
  }

  const total = imported.reduce((sum, plan) => sum + Math.max(0, plan.worksheet.rowCount - plan.header.row), 0);
  let done = 0;
  const progress = () => {
    done += 1;
    if (options.onProgress && (done % PROGRESS_STEP === 0 || done === total)) options.onProgress(done, total);
  };
  options.onProgress?.(0, total);
  const imagesById = new Map<string, ImportedImage>();
  for (const plan of imported) {
    const outcome = importSheet(plan, fileName, report, progress);
    attachImages(workbook, plan.worksheet, outcome, imagesById, report.warnings);
  }
  if (options.onProgress && done !== total) options.onProgress(total, total);
  report.images = [...imagesById.values()];
  report.parseMs = performance.now() - parseStarted;
  return report;
}
