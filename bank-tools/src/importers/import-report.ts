/**
 * Shapes of an import report (R1, R17): what was imported, what was rejected and why, row by row.
 * Invariant of every report: `items.length + rejected.length === dataRows`.
 */
import type { TheoryItem, TheoryItemType } from '../types';

/** A field of the bank template a row problem refers to. `row` means the row as a whole. */
export type ItemField = 'category' | 'chapter' | 'type' | 'stem' | 'options' | 'answer' | 'row';

/** One problem of a row: the field, its column and the reason in words. */
export interface RowProblem {
  field: ItemField;
  /** Column letter and header text as found in the file, e.g. `F (题目答案)`. */
  column: string;
  /** Column letter alone, e.g. `F`. */
  columnLetter: string;
  /** Header text of the column as found in the file (trimmed), e.g. `题目答案`. */
  header: string;
  reason: string;
}

/**
 * A data row that could not become an item. The first problem is repeated at the top level
 * (`field`, `column`, `reason`); `problems` lists every problem found in the row.
 */
export interface RowError extends RowProblem {
  file: string;
  sheet: string;
  /** 1-based spreadsheet row number. */
  row: number;
  problems: RowProblem[];
}

/** Something an editor should look at although the row was imported (or skipped on purpose). */
export interface RowWarning {
  sheet: string;
  /** 1-based spreadsheet row number (0 when the warning concerns the sheet as a whole). */
  row: number;
  field?: ItemField;
  column?: string;
  message: string;
}

/** How one worksheet was handled. */
export interface SheetReport {
  name: string;
  /** `imported`: a header row was found; `empty`: no cell has text; `no-header`: text but no template header. */
  status: 'imported' | 'empty' | 'no-header';
  /** 1-based row number of the header row. */
  headerRow?: number;
  /** Column letter and header text per recognised field, e.g. `{ stem: 'D (题目内容)' }`. */
  columns?: Partial<Record<ItemField | 'image', string>>;
  dataRows: number;
  items: number;
  rejected: number;
}

/** A picture anchored on an item row; `id` is what `TheoryItem.images` refers to. */
export interface ImportedImage {
  /** Unique within the workbook, e.g. `image3.png`. */
  id: string;
  extension: string;
  data: Buffer;
  sheet: string;
  /** 1-based rows whose top-left anchor holds this picture. */
  rows: number[];
}

/** Item counts by theory item type. */
export type TypeCounts = Record<TheoryItemType, number> & { total: number };

/** Result of importing a theory bank file. */
export interface ImportReport {
  /** File name as given by the caller (used in `source.file` of every item). */
  file: string;
  /** Imported items in row order, each with `source` = file, sheet and row. */
  items: TheoryItem[];
  /** One entry per rejected data row. */
  rejected: RowError[];
  warnings: RowWarning[];
  /** Non-blank rows below a header row, over all imported sheets. */
  dataRows: number;
  sheets: SheetReport[];
  counts: TypeCounts;
  images: ImportedImage[];
  /** Time spent reading the workbook with exceljs, milliseconds. */
  readMs: number;
  /** Time spent turning rows into items, milliseconds. */
  parseMs: number;
}
