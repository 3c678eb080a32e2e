import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TheoryItem } from '../types';
import { BankImportError } from '../importers/bank-import-error';
import { importTheoryBank } from '../importers/import-theory-bank';
import { exportTheoryBankXlsx, formatAnswerCell, formatOptionsCell } from './export-theory-bank';
import { guardFormula, isFormulaLike } from './formula-guard';
import { exportTheoryBankJson, parseTheoryBankJson } from './theory-bank-json';

const banks = fileURLToPath(new URL('../../../../shared/banks/', import.meta.url));

const withoutSource = (items: readonly TheoryItem[]) => items.map(({ source: _source, images: _images, ...item }) => item);

async function readCells(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

const judge: TheoryItem = { kind: 'theory', type: 'judge', stem: '绝缘手套应定期检验。', options: ['正确', '错误'], answer: [0], category: '电工' };
const single: TheoryItem = { kind: 'theory', type: 'single', stem: '=1+1', options: ['+2', '-2', '@3'], answer: [1], category: '电工', chapter: '一、基础' };

describe('exportTheoryBankXlsx', () => {
  it('R17: writes formula-like texts as Text string cells, never as formulas', async () => {
    const sheet = await readCells(await exportTheoryBankXlsx([single]));
    const [stemCell, optionsCell] = [sheet.getCell('D2'), sheet.getCell('E2')];
    expect(stemCell.type).toBe(ExcelJS.ValueType.String);
    expect(stemCell.value).toBe('1、=1+1');
    expect(stemCell.numFmt).toBe('@');
    expect(optionsCell.value).toBe('**A.+2**B.-2**C.@3');
    expect(sheet.getRow(1).values).toEqual([undefined, '作业种类', '章节', '试题类型', '题目内容', '题目选项', '题目答案']);
  });

  it("R17: prefixes formula-like texts with ' in apostrophe mode", async () => {
    const sheet = await readCells(await exportTheoryBankXlsx([{ ...single, stem: '甲', category: '=cmd' }], { formulaGuard: 'apostrophe' }));
    expect(sheet.getCell('A2').value).toBe("'=cmd");
    expect(guardFormula('@SUM(1)', 'apostrophe')).toBe("'@SUM(1)");
    expect(guardFormula('甲', 'apostrophe')).toBe('甲');
    expect(isFormulaLike('-1')).toBe(true);
  });

  it('R1: export then import gives the same items (shared bank 起重机司机.xlsx)', async () => {
    const original = await importTheoryBank({ file: `${banks}起重机司机.xlsx` });
    const reread = await importTheoryBank({ file: await exportTheoryBankXlsx(original.items), fileName: 'export.xlsx' });
    expect(reread.rejected).toEqual([]);
    expect(withoutSource(reread.items)).toEqual(withoutSource(original.items));
  });

  it('R1: export then import gives the same items for generated items, formula-like texts included', async () => {
    const text = fc
      .tuple(fc.constantFrom('', '=', '+', '-', '@', '1.5', '2、'), fc.array(fc.constantFrom(...'甲乙丙丁电压流 ，（）%0123456789'), { minLength: 1, maxLength: 20 }))
      .map(([start, rest]) => `${start}${rest.join('')}`.trim())
      .filter((value) => value !== '');
    const item: fc.Arbitrary<TheoryItem> = fc.oneof(
      fc.record({ stem: text, isTrue: fc.boolean() }).map(({ stem, isTrue }) => ({ kind: 'theory' as const, type: 'judge' as const, stem, options: ['正确', '错误'], answer: [isTrue ? 0 : 1] })),
      fc
        .record({ stem: text, options: fc.array(text, { minLength: 2, maxLength: 6 }), pick: fc.nat(), isMultiple: fc.boolean(), chapter: fc.option(text, { nil: undefined }) })
        .map(({ stem, options, pick, isMultiple, chapter }) => ({
          kind: 'theory' as const,
          type: isMultiple ? ('multiple' as const) : ('single' as const),
          stem,
          options,
          answer: isMultiple ? [0, options.length - 1] : [pick % options.length],
          category: '电工',
          ...(chapter === undefined ? {} : { chapter }),
        })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 15 }), async (items) => {
        const report = await importTheoryBank({ file: await exportTheoryBankXlsx(items), fileName: 'roundtrip.xlsx' });
        expect(report.rejected).toEqual([]);
        expect(withoutSource(report.items)).toEqual(items);
      }),
      { numRuns: Number(process.env.BANK_PROPERTY_RUNS ?? 30) },
    );
  });

  it('refuses items the template cannot hold, naming item and field', async () => {
    const refuse = async (item: TheoryItem, text: RegExp) => {
      const error = await exportTheoryBankXlsx([judge, item]).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(BankImportError);
      expect((error as BankImportError).code).toBe('NOT_EXPORTABLE');
      expect((error as BankImportError).message).toMatch(text);
    };
    await refuse({ ...single, options: ['甲**乙', '丙'], answer: [0] }, /^item 2: option A contains "\*\*" or "##"/u);
    await refuse({ ...single, stem: '甲\u0007' }, /item 2: stem contains a control character/u);
    await refuse({ ...single, stem: '长'.repeat(40_000) }, /stem is 40000 characters/u);
    await refuse({ ...single, answer: [5] }, /answer \[5\] does not point at its 3 options/u);
    await refuse({ ...single, options: ['甲', '乙，C、丙'], answer: [0] }, /label-like text/u);
  });

  it('formats options and answers in the template', () => {
    expect(formatOptionsCell(['甲', '乙'])).toBe('**A.甲**B.乙');
    expect(formatAnswerCell([3, 0, 1])).toBe('ABD');
  });
});

describe('theory bank JSON', () => {
  it('R1: round-trips items through JSON', () => {
    expect(parseTheoryBankJson(exportTheoryBankJson([judge, single]))).toEqual([judge, single]);
    expect(parseTheoryBankJson(JSON.stringify([judge]))).toEqual([judge]);
  });

  it('refuses malformed documents with the path of the problem', () => {
    const expectInvalid = (text: string, pattern: RegExp) => {
      try {
        parseTheoryBankJson(text);
        throw new Error('expected an error');
      } catch (error) {
        expect(error).toBeInstanceOf(BankImportError);
        expect((error as BankImportError).code).toBe('INVALID_JSON');
        expect((error as BankImportError).message).toMatch(pattern);
      }
    };
    expectInvalid('{', /^not JSON/u);
    expectInvalid(JSON.stringify([{ ...single, answer: [7] }]), /\[0\]\.answer: answer index beyond the 3 options/u);
    expectInvalid(JSON.stringify({ format: 'skillcert.theory-bank', version: 1, items: [judge, { ...judge, type: 'essay' }] }), /items\[1\]\.type/u);
    expectInvalid(JSON.stringify([{ ...single, type: 'multiple' }]), /multiple item needs at least two answers/u);
  });
});
