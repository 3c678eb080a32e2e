/**
 * Formula-injection guard for spreadsheet exports (R17: bank contents must not turn into active
 * content when a file is opened).
 */

/** How text cells that look like formulas are protected. */
export type FormulaGuard =
  /** Every text cell is a string cell with the Text number format `@` (text kept exactly). */
  | 'text'
  /** Additionally, text starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'` (lossy). */
  | 'apostrophe';

const FORMULA_START = /^[=+\-@\t\r]/u;

/** True when a spreadsheet program could read the text as a formula (`=`, `+`, `-`, `@`, TAB, CR first). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * Returns the text to write in a cell: unchanged for `text` mode, `'`-prefixed when formula-like
 * in `apostrophe` mode.
 */
export function guardFormula(text: string, guard: FormulaGuard): string {
  return guard === 'apostrophe' && isFormulaLike(text) ? `'${text}` : text;
}
