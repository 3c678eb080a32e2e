/**
 * Exporters of theory items to the de-facto xlsx template and to JSON, symmetric to
 * `importTheoryBank` / `parseTheoryBankJson` (export then import gives the same items).
 */
import ExcelJS from 'exceljs';
import type { TheoryItem, TheoryItemType } from '../types';
import { BankImportError } from '../importers/bank-import-error';
import { optionLetter, parseOptions } from '../importers/parse-options';
import { CONTROL_CHARACTER, MAX_CELL_CHARACTERS } from '../importers/parse-row';
import { stripStemNumbering } from '../normalise/stem-numbering';
import { guardFormula, type FormulaGuard } from './formula-guard';

/** Template header texts, in column order. */
export const TEMPLATE_HEADERS = ['作业种类', '章节', '试题类型', '题目内容', '题目选项', '题目答案'] as const;

/** Template names of the theory item types. */
export const TYPE_LABELS: Record<TheoryItemType, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** Options of {@link exportTheoryBankXlsx}. */
export interface ExportTheoryBankOptions {
  /** Worksheet name, default `题库`. */
  sheetName?: string;
  /** Formula-injection guard, default `text` (string cells in Text format; lossless). */
  formulaGuard?: FormulaGuard;
}

const SEPARATOR = /\*\*|##/u;

function describeItem(item: TheoryItem, index: number): string {
  return item.source ? `item ${index + 1} (${item.source.file} ${item.source.sheet}!${item.source.row})` : `item ${index + 1}`;
}

function refuse(item: TheoryItem, index: number, what: string): never {
  throw new BankImportError('NOT_EXPORTABLE', `${describeItem(item, index)}: ${what}`, { index, source: item.source });
}

function checkText(item: TheoryItem, index: number, field: string, text: string): void {
  if (CONTROL_CHARACTER.test(text)) refuse(item, index, `${field} contains a control character, which xlsx cannot hold`);
  if (text.length > MAX_CELL_CHARACTERS) refuse(item, index, `${field} is ${text.length} characters, more than an Excel cell holds (${MAX_CELL_CHARACTERS})`);
  if (text !== text.trim()) refuse(item, index, `${field} has leading or trailing blanks, which the template does not keep`);
}

/** The 题目选项 cell text: `**A.…**B.…`. */
export function formatOptionsCell(options: readonly string[]): string {
  return options.map((option, index) => `**${optionLetter(index)}.${option}`).join('');
}

/** The 题目答案 cell text: option letters in order, e.g. `ABD`. */
export function formatAnswerCell(answer: readonly number[]): string {
  return [...answer].sort((a, b) => a - b).map(optionLetter).join('');
}

function checkItem(item: TheoryItem, index: number, rowNumber: number): { stemCell: string; optionsCell: string } {
  if (item.stem === '') refuse(item, index, 'stem is empty');
  checkText(item, index, 'stem', item.stem);
  checkText(item, index, 'category', item.category ?? '');
  checkText(item, index, 'chapter', item.chapter ?? '');
  if (item.options.length < 2 || item.options.length > 26) refuse(item, index, `has ${item.options.length} options (2 to 26 can be written)`);
  item.options.forEach((option, optionIndex) => {
    const name = `option ${optionLetter(optionIndex)}`;
    if (option === '') refuse(item, index, `${name} is empty`);
    checkText(item, index, name, option);
    if (SEPARATOR.test(option)) refuse(item, index, `${name} contains "**" or "##", the template's option separators`);
  });
  if (item.answer.length === 0 || item.answer.some((letter) => !Number.isInteger(letter) || letter < 0 || letter >= item.options.length)) {
    refuse(item, index, `answer ${JSON.stringify(item.answer)} does not point at its ${item.options.length} options`);
  }
  const stemCell = `${rowNumber}、${item.stem}`;
  if (stripStemNumbering(stemCell).stem !== item.stem) refuse(item, index, 'stem cannot be numbered without changing it');
  const optionsCell = formatOptionsCell(item.type === 'judge' ? ['正确', '错误'] : item.options);
  if (item.type !== 'judge') {
    const reread = parseOptions(optionsCell, Math.max(...item.answer));
    if (!reread.ok || reread.options.length !== item.options.length || reread.options.some((option, i) => option !== item.options[i])) {
      refuse(item, index, 'option texts contain label-like text (e.g. "E、") that the template cannot keep apart');
    }
  }
  return { stemCell, optionsCell };
}

/**
 * Writes items to an xlsx workbook in the import template (作业种类, 章节, 试题类型, 题目内容 numbered
 * `1、`, 题目选项 `**A.…**B.…`, 题目答案 letters; judge items as `**A.正确**B.错误`). Every text cell
 * is a string cell in Text format, so nothing is evaluated as a formula (R17); with
 * `formulaGuard: 'apostrophe'` formula-like texts also get a leading `'` (then the export is lossy).
 * Pictures are not written.
 *
 * @returns the xlsx file bytes
 * @throws BankImportError `NOT_EXPORTABLE` naming the item and field that the template cannot hold
 *   (control characters, cells over 32,767 characters, `**`/`##` inside an option, bad answers)
 */
export async function exportTheoryBankXlsx(
  items: readonly TheoryItem[],
  options: ExportTheoryBankOptions = {},
): Promise<Buffer> {
  const guard = options.formulaGuard ?? 'text';
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(options.sheetName ?? '题库');
  worksheet.columns = [
    { width: 16 },
    { width: 24 },
    { width: 10 },
    { width: 60 },
    { width: 60 },
    { width: 10 },
  ].map((column) => ({ ...column, style: { numFmt: '@' } }));
  worksheet.addRow([...TEMPLATE_HEADERS]);
  items.forEach((item, index) => {
    const { stemCell, optionsCell } = checkItem(item, index, index + 1);
    const cells = [item.category ?? '', item.chapter ?? '', TYPE_LABELS[item.type], stemCell, optionsCell, formatAnswerCell(item.answer)];
    const row = worksheet.addRow(cells.map((text) => guardFormula(text, guard)));
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
