/**
 * Test support for the plans rules (not used by the application): a seeded generator of valid
 * resident ID numbers and of roster rows, and an exceljs writer for roster workbooks.
 *
 * The check digit here is computed independently of id-number.ts, with the ISO 7064 MOD 11-2
 * recurrence (weights 2^(17-i) mod 11; check = (12 - sum mod 11) mod 11, 10 written X), so tests
 * that feed these numbers to `checkIdNumber` cross-check the GB 11643 weight table.
 */
import ExcelJS from 'exceljs';
import seedrandom from 'seedrandom';

/** ISO 7064 MOD 11-2 check character of 17 digits. */
export function iso7064CheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * (2 ** (17 - index) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** An 18-character resident ID number for an address code, birth date `YYYYMMDD` and sequence 0-999. */
export function makeResidentIdNumber(addressCode: string, birth: string, sequence: number): string {
  const first17 = `${addressCode}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + iso7064CheckCharacter(first17);
}

/** Address codes used by the generator (real county-level codes in Guangdong and Hunan). */
const addressCodes = ['440103', '440304', '440703', '440781', '430102', '430203'];

/** A roster row keyed by header text; values as a spreadsheet would hold them. */
export type RosterRow = Record<string, string | number | Date | undefined>;

/** Headers of the roster template in column order. */
export const rosterHeaders = [
  '姓名',
  '证件类型',
  '证件号码',
  '工作单位',
  '部门',
  '入职日期',
  '本职业年限',
  '现有证书等级',
  '现有证书编号',
  '现有证书发证日期',
  '学历',
  '是否派遣',
] as const;

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '勇', '军', '杰', '涛'];
const educations = ['初中', '高中', '中专', '技工学校', '大专', '本科'];

/**
 * `count` valid roster rows from a seed: unique ID numbers, birth years 1970-2004, hire dates
 * 2010-2025, some with a level 5 or 4 certificate, every 10th dispatched.
 */
export function makeRosterRows(count: number, seed: string, employer = '江门示例制造有限公司'): RosterRow[] {
  const random = seedrandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const rows: RosterRow[] = [];
  for (let index = 0; index < count; index += 1) {
    const year = 1970 + Math.floor(random() * 35);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const hireYear = Math.max(year + 18, 2010 + Math.floor(random() * 16));
    const hasCertificate = random() < 0.4;
    rows.push({
      姓名: pick(surnames) + pick(givenNames) + (random() < 0.5 ? pick(givenNames) : ''),
      证件类型: '居民身份证',
      证件号码: makeResidentIdNumber(pick(addressCodes), birth, index),
      工作单位: employer,
      部门: pick(['一车间', '二车间', '设备部', '质检部']),
      入职日期: new Date(Date.UTC(Math.min(hireYear, 2025), Math.floor(random() * 12), 1 + Math.floor(random() * 28))),
      本职业年限: Math.floor(random() * 15),
      现有证书等级: hasCertificate ? pick(['五级/初级工', '四级/中级工']) : undefined,
      现有证书编号: hasCertificate ? `Y00014407100520${random() < 0.5 ? 5 : 4}${String(index + 1).padStart(6, '0')}` : undefined,
      现有证书发证日期: hasCertificate ? `${2019 + Math.floor(random() * 6)}-06-30` : undefined,
      学历: pick(educations),
      是否派遣: index % 10 === 9 ? '是' : '否',
    });
  }
  return rows;
}

/**
 * An xlsx roster as bytes: optional title row, then the header row, then the rows. ID numbers are
 * written as text unless a row holds a number there on purpose.
 */
export async function writeRosterWorkbook(
  rows: readonly RosterRow[],
  options: { title?: string; headers?: readonly string[] } = {},
): Promise<Buffer> {
  const headers = options.headers ?? rosterHeaders;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  if (options.title) sheet.addRow([options.title]);
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  const idColumn = headers.indexOf('证件号码') + 1;
  if (idColumn > 0) sheet.getColumn(idColumn).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
