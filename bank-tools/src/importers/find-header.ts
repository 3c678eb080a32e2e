/**
 * Locates the template header row and its columns by content (not position): a header row holds
 * 试题类型, 题目内容 and 题目答案, optionally 作业种类, 章节, 题目选项 and 图片. Header texts may carry
 * parenthetical notes (`试题类型(判断题、单选题、多选题)`) and may sit anywhere in the first rows.
 */
import type { ItemField } from './import-report';

/** Fields of the template that can have a column. */
export type TemplateField = Exclude<ItemField, 'row'> | 'image';

/** A recognised column: 1-based number, letter and header text as in the file. */
export interface TemplateColumn {
  column: number;
  header: string;
}

/** The header row (1-based) and the columns found in it. */
export interface TemplateHeader {
  row: number;
  columns: Partial<Record<TemplateField, TemplateColumn>>;
  /** Header texts that matched a field already taken by an earlier column. */
  duplicates: { field: TemplateField; column: number; header: string }[];
}

/** Rows searched for a header at the top of each sheet. */
export const HEADER_SEARCH_ROWS = 50;

const HEADER_NAMES: Record<string, TemplateField> = {
  作业种类: 'category',
  作业类别: 'category',
  工种: 'category',
  类别: 'category',
  章节: 'chapter',
  章: 'chapter',
  鉴定点: 'chapter',
  知识点: 'chapter',
  试题类型: 'type',
  题目类型: 'type',
  题型: 'type',
  试题内容: 'stem',
  题目内容: 'stem',
  题干: 'stem',
  题目选项: 'options',
  试题选项: 'options',
  选项: 'options',
  题目答案: 'answer',
  试题答案: 'answer',
  答案: 'answer',
  正确答案: 'answer',
  标准答案: 'answer',
  图片: 'image',
};

const NOTES = /[(（[【][^)）\]】]*[)）\]】]/gu;

/**
 * Maps a header cell text to a template field: NFKC, notes in brackets removed, blanks and
 * required-markers (`*`, `：`) removed.
 * @returns the field, or undefined for any other text
 */
export function headerField(text: string): TemplateField | undefined {
  const key = text.normalize('NFKC').replace(NOTES, '').replace(/[\s*:：]+/gu, '');
  return Object.hasOwn(HEADER_NAMES, key) ? HEADER_NAMES[key] : undefined;
}

/**
 * Reads a row's cell texts (1-based column → text) and returns the header if the row is one.
 * @param row 1-based row number
 * @param cells texts by 1-based column number
 */
export function matchHeaderRow(row: number, cells: ReadonlyMap<number, string>): TemplateHeader | undefined {
  const columns: TemplateHeader['columns'] = {};
  const duplicates: TemplateHeader['duplicates'] = [];
  for (const [column, text] of cells) {
    if (text.length > 60) continue;
    const field = headerField(text);
    if (!field) continue;
    const header = text.trim();
    if (columns[field]) duplicates.push({ field, column, header });
    else columns[field] = { column, header };
  }
  if (!columns.type || !columns.stem || !columns.answer) return undefined;
  return { row, columns, duplicates };
}
