import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { parseCalendarDate } from '../calendar/calendar-date';
import {
  ageAt,
  assertValidIdNumber,
  checkIdNumber,
  checkLegalWorkingAge,
  computeResidentIdCheckDigit,
  type IdNumberCheck,
  parseIdType,
} from './id-number';
import { iso7064CheckCharacter, makeResidentIdNumber } from './test-fixtures';

const date = (text: string) => parseCalendarDate(text);
const today = date('2026-11-20');

function problemsOf(result: IdNumberCheck) {
  if (result.isValid) throw new Error(`expected ${result.idNumber} to be invalid`);
  return result.problems;
}

describe('computeResidentIdCheckDigit', () => {
  it('R9: gives X for the GB 11643-1999 example 11010519491231002X', () => {
    expect(computeResidentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('R9: agrees with the ISO 7064 MOD 11-2 recurrence on 2000 generated numbers', () => {
    for (let index = 0; index < 2000; index += 1) {
      const first17 = `4407031990${String(index).padStart(7, '0')}`;
      expect(computeResidentIdCheckDigit(first17)).toBe(iso7064CheckCharacter(first17));
    }
  });
});

describe('checkIdNumber (resident ID)', () => {
  it('R9: accepts a valid number and reads birth date, sex and province; lower-case x is normalised', () => {
    expect(checkIdNumber('resident_id', '11010519491231002x', { today })).toEqual({
      isValid: true,
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '11',
    });
    const male = makeResidentIdNumber('440703', '19900307', 13);
    expect(checkIdNumber('resident_id', ` ${male} `, { today })).toMatchObject({ isValid: true, sex: 'male', birthDate: '1990-03-07' });
  });

  it('R9: refuses a wrong length, and a 15-digit first-generation number with its own message', () => {
    expect(problemsOf(checkIdNumber('resident_id', '44070319900307001', { today }))).toEqual([
      { part: 'length', message: '居民身份证 number must have 18 characters, got 17' },
    ]);
    expect(problemsOf(checkIdNumber('resident_id', '440703900307001', { today }))[0].message).toContain('15 digits (first-generation card)');
  });

  it('R9: names each position holding a non-digit, and a bad check character', () => {
    const problems = problemsOf(checkIdNumber('resident_id', '4407A319900307001Y', { today }));
    expect(problems.map((problem) => problem.positions)).toEqual(['5', '18']);
    expect(problems[0].message).toBe("居民身份证 number position 5 must be a digit, got 'A'");
    expect(problems[1].message).toBe("居民身份证 number position 18 (check digit) must be a digit or X, got 'Y'");
  });

  it('R9: refuses a province code that is not mainland China, hinting at residence permits for 81-83', () => {
    const unknown = makeResidentIdNumber('990703', '19900307', 1);
    expect(problemsOf(checkIdNumber('resident_id', unknown, { today }))).toEqual([
      {
        part: 'region',
        positions: '1-2',
        message: "居民身份证 number positions 1-2 (province code) '99' is not a province of mainland China",
      },
    ]);
    const hongKong = makeResidentIdNumber('810000', '19900307', 1);
    expect(problemsOf(checkIdNumber('resident_id', hongKong, { today }))[0].message).toContain('use ID type 港澳台居民居住证');
    expect(checkIdNumber('residence_permit', hongKong, { today }).isValid).toBe(true);
    expect(problemsOf(checkIdNumber('residence_permit', makeResidentIdNumber('440703', '19900307', 1), { today }))[0].part).toBe('region');
  });

  it('R9: refuses a birth date that is not real, in the future, or before 1900', () => {
    const notReal = problemsOf(checkIdNumber('resident_id', makeResidentIdNumber('440703', '19901345', 1), { today }));
    expect(notReal).toEqual([
      { part: 'birth_date', positions: '7-14', message: "居民身份证 number positions 7-14 (birth date) '19901345' is not a real date" },
    ]);
    const leap = problemsOf(checkIdNumber('resident_id', makeResidentIdNumber('440703', '20230229', 1), { today }));
    expect(leap[0].part).toBe('birth_date');
    const future = problemsOf(checkIdNumber('resident_id', makeResidentIdNumber('440703', '20261121', 1), { today }));
    expect(future[0].message).toBe('居民身份证 number positions 7-14 (birth date) 2026-11-21 is in the future (today is 2026-11-20)');
    const old = problemsOf(checkIdNumber('resident_id', makeResidentIdNumber('440524', '18800101', 1), { today }));
    expect(old[0].message).toContain('is before 1900');
  });

  it('R9: refuses a wrong check digit, naming the digit found and the one expected', () => {
    const valid = makeResidentIdNumber('430102', '19851120', 42);
    const wrongDigit = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(problemsOf(checkIdNumber('resident_id', wrongDigit, { today }))).toEqual([
      {
        part: 'check_digit',
        positions: '18',
        message: `居民身份证 number position 18 (check digit) is '${wrongDigit[17]}' but positions 1-17 give '${valid[17]}'`,
      },
    ]);
  });

  it('R9: a mistyped digit (transposition) is caught by the check digit', () => {
    const valid = makeResidentIdNumber('440304', '19920615', 7);
    const swapped = valid.slice(0, 15) + valid[16] + valid[15] + valid.slice(17);
    expect(swapped).not.toBe(valid);
    expect(problemsOf(checkIdNumber('resident_id', swapped, { today }))[0].part).toBe('check_digit');
  });

  it('R9: reports every independent problem at once', () => {
    const problems = problemsOf(checkIdNumber('resident_id', '990703199013450011', { today }));
    expect(problems.map((problem) => problem.part)).toEqual(['region', 'birth_date', 'check_digit']);
  });
});

describe('checkIdNumber (other ID types)', () => {
  it('accepts passports and travel permits with basic format checks', () => {
    expect(checkIdNumber('passport', 'e12345678').isValid).toBe(true);
    expect(checkIdNumber('hk_macau_permit', 'H12345678').isValid).toBe(true);
    expect(checkIdNumber('hk_macau_permit', 'M1234567890').isValid).toBe(true);
    expect(checkIdNumber('taiwan_permit', '12345678').isValid).toBe(true);
  });

  it('refuses malformed passports and permits with the expected format', () => {
    expect(problemsOf(checkIdNumber('passport', 'E12-345'))[0].message).toBe("护照 number must be 5 to 17 letters or digits, got 'E12-345'");
    expect(problemsOf(checkIdNumber('hk_macau_permit', 'K12345678'))[0].message).toContain('H or M followed by 8 digits');
    expect(problemsOf(checkIdNumber('taiwan_permit', '1234567'))[0].part).toBe('format');
  });

  it('maps Chinese ID type names', () => {
    expect(parseIdType('居民身份证')).toBe('resident_id');
    expect(parseIdType(' 台胞证 ')).toBe('taiwan_permit');
    expect(parseIdType('驾驶证')).toBeUndefined();
  });
});

describe('assertValidIdNumber', () => {
  it('throws validation_failed naming the field and every problem', () => {
    try {
      assertValidIdNumber('resident_id', '990703199013450011', { today, field: 'row 5 证件号码' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      expect((error as AppError).message).toMatch(/^row 5 证件号码: .*province code.*birth date.*check digit/);
    }
  });
});

describe('ageAt and checkLegalWorkingAge', () => {
  it('R9: counts completed years', () => {
    expect(ageAt(date('2010-11-21'), date('2026-11-20'))).toBe(15);
    expect(ageAt(date('2010-11-20'), date('2026-11-20'))).toBe(16);
  });

  it('R9: refuses under 16 and says when the candidate turns 16', () => {
    expect(checkLegalWorkingAge(date('2010-11-21'), today)).toEqual({
      isOfWorkingAge: false,
      age: 15,
      reason: 'R9: aged 15 on 2026-11-20, under the legal working age of 16 (turns 16 on 2026-11-21)',
    });
    expect(checkLegalWorkingAge(date('2010-11-20'), today)).toEqual({ isOfWorkingAge: true, age: 16 });
  });

  it('R9: has no upper bound by default and applies one when the organisation sets it', () => {
    expect(checkLegalWorkingAge(date('1950-01-01'), today).isOfWorkingAge).toBe(true);
    const limited = checkLegalWorkingAge(date('1960-01-01'), today, { minimumAge: 16, maximumAge: 60 });
    expect(limited).toMatchObject({ isOfWorkingAge: false, age: 66 });
    expect(limited.reason).toContain("over the organisation's upper working age of 60");
  });
});
