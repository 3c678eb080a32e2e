import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../types';
import { BankImportError } from '../importers/bank-import-error';
import { exportBlueprintJson, exportBlueprintXlsx, importBlueprintXlsx, parseBlueprintJson } from './blueprint-io';

const blueprint: Blueprint = {
  nodes: [
    { code: '1', name: '基础知识', weight: 0.4, children: [{ code: '1.1', name: '=法规', weight: 1 }] },
    { code: '2', name: '专业知识', weight: 0.6, children: [{ code: '2.1', name: '电工', weight: 0.25 }, { code: '2.2', name: '焊接', weight: 0.75 }] },
  ],
  structure: [
    { type: 'judge', count: 20, pointsEach: 1 },
    { type: 'multiple', count: 10, pointsEach: 2 },
  ],
};

async function sheetBytes(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('细目表');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

async function expectInvalid(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BankImportError);
  expect((error as BankImportError).message).toMatch(pattern);
}

describe('blueprint JSON', () => {
  it('round-trips a blueprint', () => {
    expect(parseBlueprintJson(exportBlueprintJson(blueprint))).toEqual(blueprint);
    expect(parseBlueprintJson(JSON.stringify(blueprint))).toEqual(blueprint);
  });

  it('refuses a wrong shape or an invalid blueprint', () => {
    expect(() => parseBlueprintJson('{"nodes": 3}')).toThrow(/not a blueprint: nodes/u);
    const broken = structuredClone(blueprint);
    broken.nodes[0].weight = 0.5;
    expect(() => parseBlueprintJson(JSON.stringify(broken))).toThrow(/nodes: weights sum to 1.1, not 1/u);
    expect(parseBlueprintJson(JSON.stringify(broken), { validate: false }).nodes[0].weight).toBe(0.5);
  });
});

describe('blueprint xlsx', () => {
  it('round-trips a blueprint through code, name, weight, parent columns', async () => {
    const bytes = await exportBlueprintXlsx(blueprint);
    expect(await importBlueprintXlsx(bytes)).toEqual(blueprint);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([undefined, 'code', 'name', 'weight', 'parent']);
    expect(workbook.worksheets[0].getCell('B3').numFmt).toBe('@');
  });

  it('reads Chinese headers, percentages and children listed before parents', async () => {
    const bytes = await sheetBytes([
      ['认定要素细目表'],
      ['代码', '名称', '权重', '上级'],
      ['1.1', '法规', '100%', '1'],
      ['1', '基础知识', 1, ''],
    ]);
    const result = await importBlueprintXlsx(bytes, { validate: false });
    expect(result.nodes).toEqual([{ code: '1', name: '基础知识', weight: 1, children: [{ code: '1.1', name: '法规', weight: 1 }] }]);
  });

  it('names every row problem with sheet, row and column', async () => {
    const bytes = await sheetBytes([
      ['code', 'name', 'weight', 'parent'],
      ['1', '甲', 'abc', ''],
      ['1', '乙', 0.5, ''],
      ['2', '丙', 0.5, '9'],
      ['3', '丁', 0.5, '4'],
      ['4', '戊', 0.5, '3'],
    ]);
    await expectInvalid(importBlueprintXlsx(bytes), /细目表!2 C \(weight\): weight "abc" is not a number/u);
    await expectInvalid(importBlueprintXlsx(bytes), /细目表!3 A \(code\): code 1 repeats row 2/u);
    await expectInvalid(importBlueprintXlsx(bytes), /细目表!4 D \(parent\): parent 9 is not a code of this sheet/u);
    await expectInvalid(importBlueprintXlsx(bytes), /细目表!5 D \(parent\): parent 4 makes a cycle/u);
  });

  it('refuses a workbook without the columns and non-xlsx bytes', async () => {
    await expectInvalid(importBlueprintXlsx(await sheetBytes([['甲', '乙']])), /no sheet has the columns code, name, weight/u);
    await expectInvalid(importBlueprintXlsx(Buffer.from('code,name')), /not an xlsx workbook/u);
  });
});
