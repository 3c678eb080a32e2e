import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertImportable } from './assert-importable';
import { BankImportError } from './bank-import-error';
import { importTheoryBank } from './import-theory-bank';
import type { ImportReport } from './import-report';

const banks = fileURLToPath(new URL('../../../../shared/banks/', import.meta.url));
const bank = (name: string) => `${banks}${name}`;

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function expectInvariant(report: ImportReport): void {
  expect(report.items.length + report.rejected.length).toBe(report.dataRows);
  expect(report.counts.total).toBe(report.items.length);
  expect(report.counts.single + report.counts.multiple + report.counts.judge).toBe(report.items.length);
}

/** A zip archive (stored, one entry) written by hand: valid zip, no workbook inside. */
function zipWithOneFile(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const checksum = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(checksum, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(checksum, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

async function expectImportError(promise: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BankImportError);
  expect((error as BankImportError).code).toBe(code);
  expect((error as BankImportError).message).toMatch(text);
}

describe('importTheoryBank on the shared banks', () => {
  it('R1: imports 省级低压电工作业.xlsx as 734 items (295 single, 64 multiple, 375 judge) with nothing rejected', async () => {
    const report = await importTheoryBank({ file: bank('省级低压电工作业.xlsx') });
    expect(report.counts).toEqual({ single: 295, multiple: 64, judge: 375, total: 734 });
    expect(report.rejected).toEqual([]);
    expect(report.dataRows).toBe(734);
    expectInvariant(report);
  });

  it('R1: imports 省级叉车管理员.xlsx as 296 theory items', async () => {
    const report = await importTheoryBank({ file: bank('省级叉车管理员.xlsx') });
    expect(report.items).toHaveLength(296);
    expect(report.counts).toEqual({ single: 95, multiple: 70, judge: 131, total: 296 });
    expectInvariant(report);
  });

  it('R1: imports 起重机司机.xlsx with chapters and pictures, rejecting its two rows without a stem', async () => {
    const report = await importTheoryBank({ file: bank('起重机司机.xlsx') });
    expect(report.counts).toEqual({ single: 397, multiple: 140, judge: 505, total: 1042 });
    expect(report.rejected.map((error) => [error.row, error.field, error.column])).toEqual([
      [801, 'stem', 'D (题目内容)'],
      [1000, 'stem', 'D (题目内容)'],
    ]);
    expect(report.rejected[0].problems.map((problem) => problem.field)).toEqual(['stem', 'options', 'answer']);
    expect(report.items.every((item) => item.chapter !== undefined && item.category === '起重机司机')).toBe(true);
    const withPictures = report.items.filter((item) => item.images);
    expect(withPictures).toHaveLength(23);
    const ids = new Set(report.images.map((image) => image.id));
    expect(withPictures.every((item) => item.images!.every((id) => ids.has(id)))).toBe(true);
    expect(report.images.every((image) => image.data.length > 0)).toBe(true);
    expect(report.sheets.map((sheet) => sheet.status)).toEqual(['imported', 'empty', 'empty']);
    expectInvariant(report);
  });

  it('R1: imports 新电焊国家题库2018.xlsx as 1300 items and names the 3 unusable rows', async () => {
    const report = await importTheoryBank({ file: bank('新电焊国家题库2018.xlsx') });
    expect(report.counts).toEqual({ single: 591, multiple: 0, judge: 709, total: 1300 });
    expect(report.rejected.map((error) => `${error.row} ${error.column}: ${error.reason}`)).toEqual([
      '782 D (题目选项): option B is missing (labels jump from A to C)',
      '880 D (题目选项): options have no A/B/C labels (expected e.g. "**A.…**B.…")',
      '1160 E (题目答案): answer letter C has no option (options A–B)',
    ]);
    expectInvariant(report);
  });

  it('keeps stems exact apart from trimming and numbering, and records file, sheet and row', async () => {
    const report = await importTheoryBank({ file: bank('省级低压电工作业.xlsx') });
    const first = report.items[0];
    expect(first.source).toEqual({ file: '省级低压电工作业.xlsx', sheet: 'Sheet1', row: 2 });
    expect(first.stem).toBe('安全生产管理，坚持“安全第一、预防为主、（  ）”的方针。');
    expect(first.options).toEqual(['以人为本', '发展', '综合治理', '隐患治理']);
    expect(first.answer).toEqual([2]);
    const units = report.items.find((item) => item.source?.row === 57)!;
    expect(units.options).toEqual(['30mA', '50mA', '100mA', '150 mA']);
    expect(report.items.every((item) => item.stem === item.stem.trim() && !/^\d+[、.．]/u.test(item.stem))).toBe(true);
  });
});

describe('importTheoryBank on template variants', () => {
  it('R1: finds a shifted header below a title row, reads rich text and skips blank rows, extra sheets and picture columns', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('说明').getCell('A1').value = '本文件为题库';
      workbook.addWorksheet('空白');
      const sheet = workbook.addWorksheet('题库');
      sheet.getCell('C1').value = '低压电工题库（2024版）';
      sheet.getRow(3).values = [undefined, undefined, '作业种类', '章节', '试题类型（单选题、多选题、判断题）', '题目内容', '题目选项(用**隔开)', '题目答案', '图片'];
      sheet.getRow(4).values = [undefined, undefined, '电工', '一、基础', '单选题', { richText: [{ text: '1．电压的' }, { font: { bold: true }, text: '单位' }, { text: '是（ ）。' }] }, '**A．伏特**B．安培', 'A', '见图'];
      sheet.getRow(6).values = [undefined, undefined, '电工', '一、基础', '是非题', '2、绝缘手套应定期检验。', '', '对'];
      sheet.getRow(7).values = [undefined, undefined, '电工', '一、基础', '多选题', '3.属于导体的是（ ）。', '##A、铜##B、铝##C、橡胶', 'A B'];
    });
    const report = await importTheoryBank({ file: bytes, fileName: 'variant.xlsx' });
    expect(report.sheets.map((sheet) => [sheet.name, sheet.status])).toEqual([
      ['说明', 'no-header'],
      ['空白', 'empty'],
      ['题库', 'imported'],
    ]);
    expect(report.sheets[2].headerRow).toBe(3);
    expect(report.sheets[2].columns?.type).toBe('E (试题类型（单选题、多选题、判断题）)');
    expect(report.items.map((item) => [item.source?.row, item.type, item.stem, item.options, item.answer])).toEqual([
      [4, 'single', '电压的单位是（ ）。', ['伏特', '安培'], [0]],
      [6, 'judge', '绝缘手套应定期检验。', ['正确', '错误'], [0]],
      [7, 'multiple', '属于导体的是（ ）。', ['铜', '铝', '橡胶'], [0, 1]],
    ]);
    expect(report.dataRows).toBe(3);
    expect(report.warnings.some((warning) => warning.sheet === '说明' && /no header row/u.test(warning.message))).toBe(true);
  });

  it('counts a repeated header row as no data row and warns about it', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['试题类型', '题目内容', '题目选项', '题目答案']);
      sheet.addRow(['判断题', '1.甲', '', 'A']);
      sheet.addRow(['试题类型', '题目内容', '题目选项', '题目答案']);
      sheet.addRow(['判断题', '1.乙', '', 'B']);
    });
    const report = await importTheoryBank({ file: bytes, fileName: 'repeat.xlsx' });
    expect(report.items.map((item) => item.stem)).toEqual(['甲', '乙']);
    expect(report.dataRows).toBe(2);
    expect(report.warnings).toContainEqual(expect.objectContaining({ row: 3, message: 'repeated header row skipped' }));
  });

  it('rejects choice items in a file without 题目选项 column, naming the missing column', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['试题类型', '题目内容', '题目答案']);
      sheet.addRow(['单选题', '甲是（ ）', 'A']);
      sheet.addRow(['判断题', '乙是丙', '×']);
    });
    const report = await importTheoryBank({ file: bytes, fileName: 'no-options.xlsx' });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ row: 2, field: 'options', column: '(no options column)', reason: 'options are missing' });
    expect(report.items[0]).toMatchObject({ type: 'judge', answer: [1] });
  });

  it('rejects formula cells without a saved value and reads those with one', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['试题类型', '题目内容', '题目选项', '题目答案']);
      sheet.addRow(['判断题', { formula: 'CONCAT("甲","乙")', result: '甲乙' }, '', 'A']);
      sheet.addRow(['判断题', { formula: 'CONCAT("甲","丙")' }, '', 'A']);
    });
    const report = await importTheoryBank({ file: bytes, fileName: 'formula.xlsx' });
    expect(report.items.map((item) => item.stem)).toEqual(['甲乙']);
    expect(report.rejected[0]).toMatchObject({ row: 3, field: 'stem', reason: 'formula cell has no saved value' });
  });

  it('reports progress up to the total number of rows', async () => {
    const calls: [number, number][] = [];
    await importTheoryBank({ file: bank('省级叉车管理员.xlsx') }, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0][0]).toBe(0);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
    expect(calls.at(-1)![1]).toBeGreaterThanOrEqual(296);
  });
});

describe('importTheoryBank on malformed files', () => {
  it('refuses bytes that are not a zip archive', async () => {
    await expectImportError(importTheoryBank({ file: Buffer.from('题目内容,题目答案\n'), fileName: 'bank.csv' }), 'NOT_XLSX', /bank\.csv: not an xlsx workbook \(the file is not a zip archive\)/u);
  });

  it('refuses an empty file', async () => {
    await expectImportError(importTheoryBank({ file: Buffer.alloc(0), fileName: 'empty.xlsx' }), 'NOT_XLSX', /empty/u);
  });

  it('refuses an old .xls (compound file) with a hint to save as xlsx', async () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expectImportError(importTheoryBank({ file: header, fileName: 'old.xls' }), 'NOT_XLSX', /old \.xls/u);
  });

  it('refuses a zip archive that holds no workbook', async () => {
    const bytes = zipWithOneFile('readme.txt', 'not a workbook');
    await expectImportError(importTheoryBank({ file: bytes, fileName: 'other.zip' }), 'NOT_XLSX', /other\.zip/u);
  });

  it('refuses a workbook without the template header, listing its sheets', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('名单').addRow(['姓名', '工号']);
    });
    await expectImportError(importTheoryBank({ file: bytes, fileName: 'roster.xlsx' }), 'NO_HEADER', /roster\.xlsx: no worksheet has a header row .*名单 \(no-header\)/u);
  });

  it('refuses a path that cannot be read', async () => {
    await expectImportError(importTheoryBank({ file: `${banks}does-not-exist.xlsx` }), 'FILE_UNREADABLE', /does-not-exist\.xlsx: cannot read the file/u);
  });
});

describe('assertImportable', () => {
  it('R17: passes a report without rejected rows', async () => {
    const report = await importTheoryBank({ file: bank('省级叉车管理员.xlsx') });
    expect(() => assertImportable(report)).not.toThrow();
  });

  it('R17: refuses a report with rejected rows, listing every one with row, column and reason', async () => {
    const report = await importTheoryBank({ file: bank('新电焊国家题库2018.xlsx') });
    let caught: unknown;
    try {
      assertImportable(report);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BankImportError);
    const error = caught as BankImportError;
    expect(error.code).toBe('ROWS_REJECTED');
    expect(error.message).toContain('3 of 1303 rows rejected');
    expect(error.message).toContain('Sheet1!782 D (题目选项): option B is missing');
    expect(error.message).toContain('Sheet1!880 D (题目选项)');
    expect(error.message).toContain('Sheet1!1160 E (题目答案): answer letter C has no option');
    expect((error.details as { rejected: unknown[] }).rejected).toHaveLength(3);
  });
});
