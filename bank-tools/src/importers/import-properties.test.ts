/**
 * Property tests: generated rows (valid and mutated) written to an in-memory xlsx with exceljs,
 * then imported. Every data row becomes an item or a row error; nothing crashes or disappears.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TheoryItemType } from '../types';
import { assertImportable } from './assert-importable';
import { importTheoryBank } from './import-theory-bank';
import type { ItemField } from './import-report';
import { CONTROL_CHARACTER } from './parse-row';

const CJK = [...'甲乙丙丁电压流阻安全生产焊接起重机械设备检查作业人员'];
const cjk = fc.constantFrom(...CJK);
const textCharacter = fc.oneof({ weight: 6, arbitrary: cjk }, fc.constantFrom(...'0123456789 ，（）%'));
/** Text starting with a Chinese character, no ASCII letters (so nothing looks like an option label). */
const safeText = fc
  .tuple(cjk, fc.array(textCharacter, { maxLength: 24 }))
  .map(([first, rest]) => (first + rest.join('')).trim());
const formulaText = fc.tuple(fc.constantFrom('=', '+', '-', '@'), safeText).map(([start, text]) => `${start}${text}`);
const optionText = fc.oneof({ weight: 4, arbitrary: safeText }, formulaText);

interface ValidRow {
  kind: 'valid';
  type: TheoryItemType;
  stem: string;
  options: string[];
  answer: number[];
  cells: { type: string; stem: string; options: string; answer: string | number };
}
interface MutantRow {
  kind: 'mutant';
  expectedField: ItemField;
  cells: { type: string; stem: string; options: string; answer: string | number };
}
type GeneratedRow = ValidRow | MutantRow | { kind: 'blank' } | { kind: 'noisy'; cells: ValidRow['cells'] };

const LETTERS = 'ABCDEFGH';
const optionsCell = fc.record({
  separator: fc.constantFrom('**', '##'),
  isLeading: fc.boolean(),
  punctuation: fc.constantFrom('.', '、', '．'),
});
function formatOptions(options: readonly string[], format: { separator: string; isLeading: boolean; punctuation: string }): string {
  const text = options.map((option, index) => `${LETTERS[index]}${format.punctuation}${option}`).join(format.separator);
  return format.isLeading ? `${format.separator}${text}` : text;
}
const numbering = fc.constantFrom('', '1、', '2.', '3．', '(4)');

const choiceRow = fc
  .record({
    isMultiple: fc.boolean(),
    stem: safeText,
    numbered: numbering,
    options: fc.array(optionText, { minLength: 2, maxLength: 6 }),
    format: optionsCell,
    picks: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
  })
  .map(({ isMultiple, stem, numbered, options, format, picks }): ValidRow => {
    const answer = isMultiple ? [...new Set([0, 1, ...picks.map((pick) => pick % options.length)])].sort((a, b) => a - b) : [picks[0] % options.length];
    const type = isMultiple ? 'multiple' : 'single';
    return {
      kind: 'valid',
      type,
      stem,
      options,
      answer,
      cells: { type: isMultiple ? '多选题' : '单选题', stem: `${numbered}${stem}`, options: formatOptions(options, format), answer: answer.map((index) => LETTERS[index]).join('') },
    };
  });

const judgeRow = fc
  .record({ stem: safeText, isTrue: fc.boolean(), style: fc.constantFrom('letter', '对错', '√×', '正确错误'), hasOptions: fc.boolean(), typeName: fc.constantFrom('判断题', '是非题') })
  .map(({ stem, isTrue, style, hasOptions, typeName }): ValidRow => {
    const words: Record<string, [string, string]> = { letter: ['A', 'B'], 对错: ['对', '错'], '√×': ['√', '×'], 正确错误: ['正确', '错误'] };
    return {
      kind: 'valid',
      type: 'judge',
      stem,
      options: ['正确', '错误'],
      answer: [isTrue ? 0 : 1],
      cells: { type: typeName, stem, options: hasOptions ? '**A.正确**B.错误' : '', answer: words[style][isTrue ? 0 : 1] },
    };
  });

const validRow: fc.Arbitrary<ValidRow> = fc.oneof(choiceRow, judgeRow);
const mutantRow: fc.Arbitrary<MutantRow> = fc.oneof(
  // answer letter without option
  choiceRow.map((row) => ({ kind: 'mutant' as const, expectedField: 'answer' as const, cells: { ...row.cells, answer: LETTERS[row.options.length] } })),
  // an empty option
  choiceRow.map((row) => ({ kind: 'mutant' as const, expectedField: 'options' as const, cells: { ...row.cells, options: `**A.${row.options[0]}**B.**C.${row.options[1]}` } })),
  // wrong item type
  fc.tuple(validRow, fc.constantFrom('填空题', '简答题', '计算题', '单选择', '论述')).map(([row, type]) => ({ kind: 'mutant' as const, expectedField: 'type' as const, cells: { ...row.cells, type } })),
  // huge stem (100,000 characters)
  validRow.map((row) => ({ kind: 'mutant' as const, expectedField: 'stem' as const, cells: { ...row.cells, stem: `${row.stem}${'长'.repeat(100_000)}` } })),
  // empty stem
  validRow.map((row) => ({ kind: 'mutant' as const, expectedField: 'stem' as const, cells: { ...row.cells, stem: '   ' } })),
  // numeric answer (a calculation item)
  fc.tuple(choiceRow, fc.integer({ min: 0, max: 999 })).map(([row, value]) => ({ kind: 'mutant' as const, expectedField: 'answer' as const, cells: { ...row.cells, answer: value } })),
  // single-choice item with two answers
  choiceRow.map((row) => ({ kind: 'mutant' as const, expectedField: 'answer' as const, cells: { ...row.cells, type: '单选题', answer: 'AB' } })),
);
/** Control characters: exceljs drops them on write, so the row may import or be rejected, never crash. */
const noisyRow = fc
  .tuple(validRow, fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F'), fc.nat())
  .map(([row, control, at]) => {
    const position = at % (row.stem.length + 1);
    return { kind: 'noisy' as const, cells: { ...row.cells, stem: row.stem.slice(0, position) + control + row.stem.slice(position) } };
  });

const generatedRow: fc.Arbitrary<GeneratedRow> = fc.oneof(
  { weight: 5, arbitrary: validRow },
  { weight: 3, arbitrary: mutantRow },
  { weight: 1, arbitrary: noisyRow },
  { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
);
const layout = fc.record({ titleRows: fc.nat({ max: 2 }), shift: fc.nat({ max: 3 }), hasNotes: fc.boolean() });

async function writeBank(rows: readonly GeneratedRow[], shape: { titleRows: number; shift: number; hasNotes: boolean }) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  const at = (row: number, column: number) => sheet.getCell(row, column + shape.shift);
  for (let title = 1; title <= shape.titleRows; title += 1) at(title, 1).value = '题库（测试）';
  const headerRow = shape.titleRows + 1;
  const headers = ['作业种类', shape.hasNotes ? '试题类型(判断题、单选题、多选题)' : '试题类型', '题目内容', shape.hasNotes ? '题目选项(选项之间用##隔开)' : '题目选项', '题目答案'];
  headers.forEach((header, index) => {
    at(headerRow, index + 1).value = header;
  });
  const rowNumbers: number[] = [];
  rows.forEach((row, index) => {
    const rowNumber = headerRow + 1 + index;
    rowNumbers.push(rowNumber);
    if (row.kind === 'blank') return;
    at(rowNumber, 1).value = '电工';
    at(rowNumber, 2).value = row.cells.type;
    at(rowNumber, 3).value = row.cells.stem;
    at(rowNumber, 4).value = row.cells.options;
    at(rowNumber, 5).value = row.cells.answer;
  });
  return { bytes: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), rowNumbers };
}

describe('importTheoryBank on generated rows', () => {
  it('R1: turns every data row into an item or a row error naming row, column and reason, without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(generatedRow, { minLength: 1, maxLength: 12 }), layout, async (rows, shape) => {
        const { bytes, rowNumbers } = await writeBank(rows, shape);
        const report = await importTheoryBank({ file: bytes, fileName: 'generated.xlsx' });

        const dataRows = rows.filter((row) => row.kind !== 'blank').length;
        expect(report.dataRows).toBe(dataRows);
        expect(report.items.length + report.rejected.length).toBe(dataRows);
        const itemsByRow = new Map(report.items.map((item) => [item.source!.row, item]));
        const errorsByRow = new Map(report.rejected.map((error) => [error.row, error]));

        rows.forEach((row, index) => {
          const rowNumber = rowNumbers[index];
          if (row.kind === 'valid') {
            const item = itemsByRow.get(rowNumber);
            expect(errorsByRow.get(rowNumber)).toBeUndefined();
            expect(item).toMatchObject({ kind: 'theory', type: row.type, stem: row.stem, options: row.options, answer: row.answer, category: '电工' });
          } else if (row.kind === 'mutant') {
            const error = errorsByRow.get(rowNumber);
            expect(error, `row ${rowNumber} ${JSON.stringify(row.cells).slice(0, 200)}`).toBeDefined();
            expect(error!.problems.map((problem) => problem.field)).toContain(row.expectedField);
            expect(error!.column).toMatch(/^[A-Z]+ \(/u);
            expect(error!.reason.length).toBeGreaterThan(0);
            expect(error!.sheet).toBe('题库');
          }
        });
        for (const item of report.items) expect(item.stem).not.toMatch(CONTROL_CHARACTER);

        // all-or-nothing at the report level
        if (report.rejected.length === 0) {
          expect(() => assertImportable(report)).not.toThrow();
        } else {
          let message = '';
          try {
            assertImportable(report);
          } catch (error) {
            message = (error as Error).message;
          }
          for (const error of report.rejected) expect(message).toContain(`题库!${error.row} `);
        }
      }),
      { numRuns: Number(process.env.BANK_PROPERTY_RUNS ?? 40) },
    );
  });
});
