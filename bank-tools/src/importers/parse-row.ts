/**
 * Turns the cells of one template row into a theory item or a list of row problems (R1: only
 * standard single / multiple / judge items enter the bank). Pure: no workbook access.
 */
import type { TheoryItem, TheoryItemType } from '../types';
import { stripStemNumbering, type NumberingContext } from '../normalise/stem-numbering';
import type { ItemField } from './import-report';
import { letterIndex, optionLetter, parseOptions } from './parse-options';

/** Excel's limit of characters in one cell; longer texts cannot be written back to the template. */
export const MAX_CELL_CHARACTERS = 32_767;

/** Canonical option texts of a judge (true/false) item. */
export const JUDGE_OPTIONS: readonly [string, string] = ['正确', '错误'];

/** C0 control characters other than TAB, LF and CR, and DEL: xlsx (XML 1.0) cannot hold them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the purpose
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const TRUE_WORDS = new Set(['正确', '对', '√', '✓', '✔', '是', 'T', 'TRUE', 'Y', 'YES']);
const FALSE_WORDS = new Set(['错误', '错', '×', '✗', '✘', '否', 'F', 'FALSE', 'N', 'NO']);
const ANSWER_SEPARATORS = /[\s,，、;；/|]+/gu;
const NUMERIC = /^[-+]?\d+(?:\.\d+)?%?$/u;
const TYPE_NAMES: Record<string, TheoryItemType> = Object.assign(Object.create(null) as Record<string, TheoryItemType>, {
  单选: 'single',
  单选题: 'single',
  单项选择: 'single',
  单项选择题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  多项选择: 'multiple',
  多项选择题: 'multiple',
  判断: 'judge',
  判断题: 'judge',
  是非: 'judge',
  是非题: 'judge',
} satisfies Record<string, TheoryItemType>);

/** Text of the template cells of one row (already converted from rich text etc.). */
export interface TheoryRowCells {
  category?: string;
  chapter?: string;
  type: string;
  stem: string;
  options: string;
  answer: string;
  /** True when the answer cell holds a number (not text). */
  isAnswerNumeric?: boolean;
}

/** A problem of one field of a row. */
export interface FieldProblem {
  field: ItemField;
  reason: string;
}

/** Outcome of {@link parseTheoryRow}. `stemNumber` is the item number removed from the stem. */
export type ParsedRow =
  | { ok: true; item: TheoryItem; warnings: FieldProblem[]; stemNumber?: number }
  | { ok: false; problems: FieldProblem[]; stemNumber?: number };

/**
 * Reads a 试题类型 cell: 单选题 / 单选 / 单项选择题 → single, 多选题 … → multiple,
 * 判断题 / 是非题 → judge (full-width forms and blanks are tolerated).
 * @returns the type, or undefined when the text names no standard theory type (R1)
 */
export function parseItemType(text: string): TheoryItemType | undefined {
  const direct = TYPE_NAMES[text];
  if (direct) return direct;
  const key = text.normalize('NFKC').replace(/\s+/gu, '');
  return Object.hasOwn(TYPE_NAMES, key) ? TYPE_NAMES[key] : undefined;
}

function quote(text: string, limit = 40): string {
  const shown = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return JSON.stringify(shown);
}

function checkText(field: ItemField, text: string, problems: FieldProblem[]): void {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problems.push({ field, reason: `contains control character U+${code} at position ${control.index + 1}` });
  }
  if (text.length > MAX_CELL_CHARACTERS) {
    problems.push({
      field,
      reason: `is ${text.length} characters long, more than the ${MAX_CELL_CHARACTERS} an Excel cell holds`,
    });
  }
}

type JudgeValue = 'true' | 'false';

function judgeWord(text: string): JudgeValue | undefined {
  const key = text.normalize('NFKC').replace(/[\s。.]+/gu, '').toUpperCase();
  if (TRUE_WORDS.has(key)) return 'true';
  if (FALSE_WORDS.has(key)) return 'false';
  return undefined;
}

type ParsedAnswer = { ok: true; letters: number[] } | { ok: true; judge: JudgeValue } | { ok: false; reason: string };

function parseAnswerText(raw: string, isNumeric: boolean, type: TheoryItemType): ParsedAnswer {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'answer is missing' };
  if (type === 'judge') {
    const word = judgeWord(text);
    if (word) return { ok: true, judge: word };
  }
  const compact = text.normalize('NFKC').toUpperCase().replace(ANSWER_SEPARATORS, '');
  if (isNumeric || NUMERIC.test(compact)) {
    return { ok: false, reason: `numeric answer ${quote(text)} is not an option letter (fill-in and calculation items are not supported)` };
  }
  const letters: number[] = [];
  for (const character of compact) {
    const index = letterIndex(character);
    if (index < 0) {
      const expected = type === 'judge' ? 'A/B, 对/错, √/× or 正确/错误' : 'option letters such as A or ABD';
      return { ok: false, reason: `answer ${quote(text)} is not ${expected}` };
    }
    if (letters.includes(index)) return { ok: false, reason: `answer ${quote(text)} repeats letter ${optionLetter(index)}` };
    letters.push(index);
  }
  return { ok: true, letters: letters.sort((a, b) => a - b) };
}

function highestLetter(raw: string): number {
  let highest = -1;
  for (const character of raw.normalize('NFKC').toUpperCase()) {
    const index = letterIndex(character);
    if (index > highest) highest = index;
  }
  return highest;
}

function letterRange(count: number): string {
  return count === 1 ? 'A' : `A–${optionLetter(count - 1)}`;
}

function parseJudge(cells: TheoryRowCells, answer: ParsedAnswer, problems: FieldProblem[], warnings: FieldProblem[]) {
  // labelled[i] is the truth value of the option labelled with letter i in the file
  let labelled: JudgeValue[] = ['true', 'false'];
  if (cells.options.trim() !== '') {
    const parsed = parseOptions(cells.options, 1);
    if (!parsed.ok) {
      problems.push({ field: 'options', reason: parsed.reason });
    } else {
      const values = parsed.options.map(judgeWord);
      if (parsed.options.length !== 2 || values[0] === undefined || values[1] === undefined || values[0] === values[1]) {
        problems.push({
          field: 'options',
          reason: `judge item options must be 正确 and 错误, found ${parsed.options.map((option) => quote(option, 12)).join(', ')}`,
        });
      } else {
        labelled = values as JudgeValue[];
      }
      for (const message of parsed.warnings) warnings.push({ field: 'options', reason: message });
    }
  }
  if (!answer.ok) {
    problems.push({ field: 'answer', reason: answer.reason });
    return undefined;
  }
  let value: JudgeValue;
  if ('judge' in answer) {
    value = answer.judge;
  } else {
    if (answer.letters.length !== 1) {
      problems.push({ field: 'answer', reason: `judge item needs one answer, found ${answer.letters.length} (${answer.letters.map(optionLetter).join('')})` });
      return undefined;
    }
    const letter = answer.letters[0];
    if (letter > 1) {
      problems.push({ field: 'answer', reason: `answer letter ${optionLetter(letter)} has no option (judge options are A 正确 and B 错误)` });
      return undefined;
    }
    value = labelled[letter];
  }
  return [value === 'true' ? 0 : 1];
}

function parseChoice(
  type: 'single' | 'multiple',
  cells: TheoryRowCells,
  answer: ParsedAnswer,
  problems: FieldProblem[],
  warnings: FieldProblem[],
): { options: string[]; answer: number[] } | undefined {
  const parsed = parseOptions(cells.options, highestLetter(cells.answer));
  let options: string[] | undefined;
  if (!parsed.ok) {
    problems.push({ field: 'options', reason: parsed.reason });
  } else if (parsed.options.length < 2) {
    problems.push({ field: 'options', reason: `a ${type}-choice item needs at least 2 options, found ${parsed.options.length}` });
  } else {
    options = parsed.options;
    for (const message of parsed.warnings) warnings.push({ field: 'options', reason: message });
  }
  if (!answer.ok) {
    problems.push({ field: 'answer', reason: answer.reason });
    return undefined;
  }
  if ('judge' in answer) {
    problems.push({ field: 'answer', reason: `answer ${quote(cells.answer)} is a true/false word, not an option letter` });
    return undefined;
  }
  if (type === 'single' && answer.letters.length !== 1) {
    problems.push({ field: 'answer', reason: `single-choice item has ${answer.letters.length} answers (${answer.letters.map(optionLetter).join('')}); it needs exactly one` });
  }
  if (type === 'multiple' && answer.letters.length < 2) {
    problems.push({ field: 'answer', reason: `multiple-choice item has ${answer.letters.length} answer (${answer.letters.map(optionLetter).join('')}); it needs at least two` });
  }
  if (options) {
    const missing = answer.letters.filter((letter) => letter >= options.length);
    if (missing.length > 0) {
      problems.push({
        field: 'answer',
        reason: `answer letter ${missing.map(optionLetter).join(', ')} has no option (options ${letterRange(options.length)})`,
      });
    }
  }
  if (!options || problems.length > 0) return undefined;
  return { options, answer: answer.letters };
}

/**
 * Validates one template row and builds a theory item from it (R1).
 *
 * Stem: trimmed, one leading item number removed (see `stripStemNumbering`), otherwise exact.
 * Options: see `parseOptions`; a judge item always gets options 正确 / 错误, and its answer may be
 * a letter (A = 正确, B = 错误, or as labelled in the cell), 对/错, √/× or 正确/错误.
 * Rejected (returned as problems, never thrown): unknown type, empty stem, missing options, an
 * answer letter without option, a single-choice item with 2+ answers, a multiple-choice item with
 * fewer than 2, numeric answers, control characters, texts longer than an Excel cell.
 *
 * @param cells texts of the row's template cells
 * @param numbering numbers of the neighbouring stems of the sheet (settles ambiguous numbering)
 * @returns the item (without `source`) and warnings, or every problem found
 */
export function parseTheoryRow(cells: TheoryRowCells, numbering: NumberingContext = {}): ParsedRow {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const category = cells.category?.trim() ?? '';
  const chapter = cells.chapter?.trim() ?? '';
  checkText('category', category, problems);
  checkText('chapter', chapter, problems);
  checkText('stem', cells.stem, problems);
  checkText('options', cells.options, problems);
  checkText('answer', cells.answer, problems);

  const typeText = cells.type.trim();
  const type = parseItemType(typeText);
  if (typeText === '') {
    problems.push({ field: 'type', reason: 'item type is missing (expected 单选题, 多选题 or 判断题)' });
  } else if (!type) {
    problems.push({ field: 'type', reason: `unknown item type ${quote(typeText)} (expected 单选题, 多选题, 判断题 or 是非题)` });
  }

  const stripped = stripStemNumbering(cells.stem.trim(), numbering);
  const stem = stripped.stem.trim();
  if (stem === '') problems.push({ field: 'stem', reason: 'stem is empty' });
  if (/img:|<img/iu.test(stem) || /img:|<img/iu.test(cells.options)) {
    warnings.push({ field: /img:|<img/iu.test(stem) ? 'stem' : 'options', reason: 'refers to a picture by path; the picture is not in the file' });
  }

  let body: { options: string[]; answer: number[] } | undefined;
  if (type) {
    const answer = parseAnswerText(cells.answer, cells.isAnswerNumeric === true, type);
    if (type === 'judge') {
      const judgeAnswer = parseJudge(cells, answer, problems, warnings);
      if (judgeAnswer) body = { options: [...JUDGE_OPTIONS], answer: judgeAnswer };
    } else {
      body = parseChoice(type, cells, answer, problems, warnings);
    }
  }

  if (!type || !body || problems.length > 0) {
    return { ok: false, problems, stemNumber: stripped.number };
  }
  const item: TheoryItem = { kind: 'theory', type, stem, options: body.options, answer: body.answer };
  if (category !== '') item.category = category;
  if (chapter !== '') item.chapter = chapter;
  return { ok: true, item, warnings, stemNumber: stripped.number };
}
