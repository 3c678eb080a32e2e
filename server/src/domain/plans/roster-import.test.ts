import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { parseCalendarDate } from '../calendar/calendar-date';
import { evaluateEligibility } from './eligibility';
import { checkIdNumber } from './id-number';
import { assertImportable, parseLevel, parseRoster, type RosterRowError, toCandidateProfile } from './roster-import';
import { makeResidentIdNumber, makeRosterRows, rosterHeaders, writeRosterWorkbook } from './test-fixtures';

const today = parseCalendarDate('2026-11-20');
const employer = '江门示例制造有限公司';

async function caughtAsync(action: () => Promise<unknown>): Promise<AppError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseRoster', () => {
  it('R9: imports a generated 200-candidate roster with checksummed ID numbers, all or nothing', async () => {
    const rows = makeRosterRows(200, 'roster-good');
    for (const row of rows) expect(checkIdNumber('resident_id', String(row['证件号码']), { today }).isValid).toBe(true);
    const file = await writeRosterWorkbook(rows, { title: '2026年第3批次 评价员工名册' });

    const result = await parseRoster(file, { today, file: 'roster-good.xlsx', level: 4 });

    expect(result).toMatchObject({ sheet: '名册', headerRow: 2, dataRows: 200, rowErrors: [] });
    expect(result.columns.idNumber).toBe('C (证件号码)');
    const applications = assertImportable(result);
    expect(applications).toHaveLength(200);
    const first = applications[0];
    expect(first).toMatchObject({
      row: 3,
      name: rows[0]['姓名'],
      idType: 'resident_id',
      idNumber: rows[0]['证件号码'],
      employer,
      isDispatched: false,
      appliedLevel: 4,
    });
    expect(first.birthDate).toBe(`${String(rows[0]['证件号码']).slice(6, 10)}-${String(rows[0]['证件号码']).slice(10, 12)}-${String(rows[0]['证件号码']).slice(12, 14)}`);
    expect(first.hireDate).toBe((rows[0]['入职日期'] as Date).toISOString().slice(0, 10));
    expect(applications.filter((application) => application.isDispatched)).toHaveLength(20);
    const withCertificate = applications.filter((application) => application.currentCertificate);
    expect(withCertificate.length).toBe(rows.filter((row) => row['现有证书等级']).length);
    expect(withCertificate.every((application) => [4, 5].includes(application.currentCertificate!.level))).toBe(true);

    // The applications feed R9 eligibility directly; every refusal carries a reason.
    for (const application of applications) {
      const eligibility = evaluateEligibility(toCandidateProfile(application), { level: 5 }, { asOf: today, enterpriseUnits: [employer] });
      expect(eligibility.isEligible ? eligibility.path : eligibility.reasons[0]).toBeTruthy();
    }
  });

  it('R9: reports each bad row of a 200-candidate roster with row, column and reason, and refuses the file', async () => {
    const rows = makeRosterRows(200, 'roster-bad');
    const idNumber = (index: number) => String(rows[index]['证件号码']);
    const wrongCheck = (value: string) => value.slice(0, 17) + (value[17] === '0' ? '1' : '0');
    const original10 = idNumber(10);
    rows[10]['证件号码'] = wrongCheck(original10);
    rows[20]['姓名'] = undefined;
    rows[30]['入职日期'] = '2025-13-01';
    rows[40]['证件号码'] = 440703199003070000;
    rows[50]['证件号码'] = idNumber(0);
    rows[60]['是否派遣'] = '不确定';
    rows[70]['现有证书等级'] = '四级/中级工';
    rows[70]['现有证书编号'] = undefined;
    rows[70]['现有证书发证日期'] = undefined;
    rows[80]['入职日期'] = '2027-01-04';
    rows[90]['证件类型'] = '护照';
    rows[90]['证件号码'] = 'E12345678';
    rows[100]['证件类型'] = '驾驶证';
    rows[110]['学历'] = '幼儿园';
    rows[120]['入职日期'] = 45000;
    rows[130]['入职日期'] = '2019年7月1日';
    rows[140]['证件号码'] = makeResidentIdNumber('990703', '19900307', 140);
    const file = await writeRosterWorkbook(rows, { title: '评价员工名册' });

    const result = await parseRoster(file, { today, file: 'roster-bad.xlsx' });

    const at = (index: number) => index + 3; // title row, header row, then data
    const summary = (error: RosterRowError) => [error.row, error.column, error.reason];
    const idOf10 = wrongCheck(original10);
    expect(result.rowErrors.map(summary)).toEqual([
      [at(10), 'C (证件号码)', `居民身份证 number position 18 (check digit) is '${idOf10[17]}' but positions 1-17 give '${original10[17]}'`],
      [at(20), 'A (姓名)', '姓名 (name) is required'],
      [at(30), 'F (入职日期)', '入职日期 (hire date) "2025-13-01" is not a real date (use YYYY-MM-DD)'],
      [at(40), 'C (证件号码)', '证件号码 (ID number) is stored as a number (440703199003070000), which loses digits; format the column as text and re-enter it'],
      [at(50), 'C (证件号码)', `证件号码 (ID number) ${idNumber(0)} already appears in row ${at(0)}`],
      [at(60), 'L (是否派遣)', '是否派遣 (dispatched) must be 是 or 否, got "不确定"'],
      [at(70), 'J (现有证书发证日期)', '现有证书发证日期 (certificate issue date) is required when a certificate level or number is given'],
      [at(80), 'F (入职日期)', '入职日期 (hire date) 2027-01-04 is in the future (today is 2026-11-20)'],
      [at(100), 'B (证件类型)', '证件类型 (ID type) "驾驶证" is not one of 居民身份证、港澳台居民居住证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证'],
      [at(110), 'K (学历)', '学历 (education) "幼儿园" is not one of 初中、高中、中专、技工学校、高级技工学校、技师学院、高职、大专、本科、研究生'],
      [at(140), 'C (证件号码)', "居民身份证 number positions 1-2 (province code) '99' is not a province of mainland China"],
    ]);
    expect(result.dataRows).toBe(200);
    expect(result.applications).toHaveLength(189);
    const byRow = new Map(result.applications.map((application) => [application.row, application]));
    expect(byRow.get(at(90))).toMatchObject({ idType: 'passport', idNumber: 'E12345678' });
    expect(byRow.get(at(90))?.birthDate).toBeUndefined();
    expect(byRow.get(at(120))?.hireDate).toBe('2023-03-15');
    expect(byRow.get(at(130))?.hireDate).toBe('2019-07-01');

    const error = caught(() => assertImportable(result));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(
      `roster-bad.xlsx: 11 of 200 rows have errors, nothing imported; first: row ${at(10)}, column C (证件号码): ${result.rowErrors[0].reason}`,
    );
    expect((error.details as { rowErrors: RosterRowError[] }).rowErrors).toHaveLength(11);
  });

  it('checks the birth date column against the ID number and skips blank rows', async () => {
    const [row] = makeRosterRows(1, 'birth');
    const headers = [...rosterHeaders, '出生日期'];
    const file = await writeRosterWorkbook([{ ...row, 出生日期: '1960-01-01' }, {}, { ...makeRosterRows(2, 'birth')[1] }], { headers });
    const result = await parseRoster(file, { today });
    expect(result.dataRows).toBe(2);
    expect(result.rowErrors).toHaveLength(1);
    expect(result.rowErrors[0]).toMatchObject({ row: 2, field: 'birthDate', columnLetter: 'M' });
    expect(result.rowErrors[0].reason).toMatch(/^出生日期 \(birth date\) 1960-01-01 differs from \d{4}-\d\d-\d\d in the ID number$/);
  });

  it('refuses a roster missing a required column, naming it and the headers found', async () => {
    const headers = rosterHeaders.filter((header) => header !== '学历' && header !== '是否派遣');
    const file = await writeRosterWorkbook(makeRosterRows(3, 'missing'), { headers });
    const error = await caughtAsync(() => parseRoster(file, { today, file: 'short.xlsx' }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/^short\.xlsx sheet 名册 row 1: missing column\(s\) 学历, 是否派遣; found A \(姓名\), B \(证件类型\)/);
  });

  it('refuses a file that is not an xlsx workbook, and an empty roster', async () => {
    expect((await caughtAsync(() => parseRoster(Buffer.from('not a workbook'), { today, file: 'x.xlsx' }))).message).toContain(
      'x.xlsx is not a readable xlsx workbook',
    );
    const empty = await parseRoster(await writeRosterWorkbook([]), { today });
    expect(caught(() => assertImportable(empty)).message).toContain('no candidate rows');
  });
});

describe('parseLevel', () => {
  it('reads the ways rosters write levels', () => {
    expect(parseLevel('五级/初级工')).toBe(5);
    expect(parseLevel(4)).toBe(4);
    expect(parseLevel('三级（高级工）')).toBe(3);
    expect(parseLevel('技师')).toBe(2);
    expect(parseLevel('高级技师')).toBe(1);
    expect(parseLevel('六级')).toBeUndefined();
  });
});
