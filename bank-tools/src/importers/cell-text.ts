/**
 * Converts exceljs cell values to text: strings, numbers, rich text, hyperlinks, formulas
 * (their cached result), dates, booleans and error values.
 */
import type { CellValue } from 'exceljs';

/** Text of a cell; `isNumeric` when the cell holds a number; `issue` when the value is unusable. */
export interface CellText {
  text: string;
  isNumeric: boolean;
  issue?: string;
}

const EMPTY: CellText = { text: '', isNumeric: false };

/**
 * Returns the text a reader sees in a cell. Rich-text runs are joined without separators;
 * a formula gives its cached result (an issue when there is none); an error value (`#N/A`) gives
 * an issue. Text is returned untrimmed.
 */
export function cellText(value: CellValue): CellText {
  if (value === null || value === undefined) return EMPTY;
  switch (typeof value) {
    case 'string':
      return { text: value, isNumeric: false };
    case 'number':
      return { text: String(value), isNumeric: true };
    case 'boolean':
      return { text: value ? 'TRUE' : 'FALSE', isNumeric: false };
    default:
      break;
  }
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), isNumeric: false };
  if ('richText' in value && Array.isArray(value.richText)) {
    return { text: value.richText.map((run) => run.text ?? '').join(''), isNumeric: false };
  }
  if ('error' in value) return { text: '', isNumeric: false, issue: `cell holds the error value ${String(value.error)}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { text: '', isNumeric: false, issue: 'formula cell has no saved value' };
    if (typeof result === 'object' && 'error' in (result as object)) {
      return { text: '', isNumeric: false, issue: `formula result is the error ${String((result as { error: unknown }).error)}` };
    }
    return cellText(result as CellValue);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    if (typeof text === 'string') return { text, isNumeric: false };
    if (text && typeof text === 'object' && 'richText' in text) return cellText(text as CellValue);
  }
  return EMPTY;
}

/** Spreadsheet column letters for a 1-based column number (1 → `A`, 27 → `AA`). */
export function columnLetter(column: number): string {
  let letters = '';
  let rest = column;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}
