import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  CertificateSerialRolloverError,
  certificateLevelNames,
  formatCertificateNumber,
  guangdongCityNames,
  isValidCertificateNumber,
  nextCertificateSerial,
  parseCertificateNumber,
  provinceNames,
  type CertificateNumberFields,
} from './certificate-number';

/** The source's example 1 (seed 004 annex 5 §3): Y 0001 44 001005 20 5 000001. */
const sourceExample: CertificateNumberFields = {
  organisationClass: 'Y',
  organisationCode: '0001',
  provinceCode: '44',
  siteSerial: { kind: 'employer', cityCode: '00', siteType: 1, siteSequence: 5 },
  issueYear: 2020,
  level: 5,
  serial: 1,
};

function fieldsWith(patch: Partial<CertificateNumberFields>): CertificateNumberFields {
  return { ...sourceExample, ...patch };
}

function catchAppError(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('formatCertificateNumber', () => {
  it('R14: formats the source example as its 22 characters Y 0001 44 001005 20 5 000001', () => {
    const number = formatCertificateNumber(sourceExample);
    expect(number).toBe('Y000144001005205000001');
    expect(number).toHaveLength(22);
    expect(number).toBe('Y 0001 44 001005 20 5 000001'.replaceAll(' ', ''));
  });

  it('R14: the digest\'s 23-character compact example is the six-digit serial padded to seven, and is rejected', () => {
    const digestForm = 'Y0001440010052050000001';
    expect(digestForm).toHaveLength(23);
    // Same prefix up to the level; the extra character is one more leading zero in the serial.
    expect(digestForm.slice(0, 16)).toBe(formatCertificateNumber(sourceExample).slice(0, 16));
    expect(digestForm.slice(16)).toBe('0000001');
    const error = catchAppError(() => parseCertificateNumber(digestForm));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('position 1-22');
    expect(error.message).toContain('got 23');
  });

  it('R14: writes class, organisation, province, city, type, sequence, year, level and serial at their positions', () => {
    const number = formatCertificateNumber({
      organisationClass: 'Y',
      organisationCode: '0000',
      provinceCode: '44',
      siteSerial: { kind: 'employer', cityCode: '07', siteType: 2, siteSequence: 42 },
      issueYear: 2026,
      level: 3,
      serial: 1234,
    });
    expect(number).toBe('Y000044072042263001234');
    expect(number[0]).toBe('Y');
    expect(number.slice(1, 5)).toBe('0000');
    expect(number.slice(5, 7)).toBe('44');
    expect(number.slice(7, 9)).toBe('07');
    expect(number[9]).toBe('2');
    expect(number.slice(10, 13)).toBe('042');
    expect(number.slice(13, 15)).toBe('26');
    expect(number[15]).toBe('3');
    expect(number.slice(16)).toBe('001234');
  });

  it('R14: accepts a social organisation (class S) with its assigned six-digit site serial', () => {
    const number = formatCertificateNumber(
      fieldsWith({ organisationClass: 'S', provinceCode: '43', siteSerial: { kind: 'assigned', digits: '123456' } }),
    );
    expect(number).toBe('S000143123456205000001');
  });

  it('R14: rejects an organisation class other than Y or S, naming the field and position 1', () => {
    const error = catchAppError(() => formatCertificateNumber(fieldsWith({ organisationClass: 'X' as 'Y' })));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('organisationClass');
    expect(error.details).toMatchObject({ field: 'organisationClass', position: '1' });
  });

  it('R14: rejects an organisation code that is not four digits', () => {
    for (const organisationCode of ['001', '00001', '12a4', '']) {
      const error = catchAppError(() => formatCertificateNumber(fieldsWith({ organisationCode })));
      expect(error.details).toMatchObject({ field: 'organisationCode', position: '2-5' });
    }
    expect(formatCertificateNumber(fieldsWith({ organisationCode: '9999' })).slice(1, 5)).toBe('9999');
    expect(formatCertificateNumber(fieldsWith({ organisationCode: '0000' })).slice(1, 5)).toBe('0000');
  });

  it('R14: knows all 31 mainland province codes (GB/T 2260) and rejects codes outside table 4', () => {
    const mainland = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41',
      '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'];
    expect(mainland).toHaveLength(31);
    for (const code of mainland) expect(provinceNames[code]).toBeTruthy();
    expect(provinceNames['44']).toBe('广东省');
    expect(provinceNames['43']).toBe('湖南省');
    expect(provinceNames['65']).toBe('新疆维吾尔自治区');
    for (const provinceCode of ['00', '10', '47', '99', '4']) {
      const error = catchAppError(() => formatCertificateNumber(fieldsWith({ provinceCode })));
      expect(error.details).toMatchObject({ field: 'provinceCode', position: '6-7' });
    }
  });

  it('R14: checks Guangdong city codes against table 5 (00 省本级, 01 广州, 03 深圳, 07 江门) and accepts two digits elsewhere', () => {
    expect(guangdongCityNames['00']).toBe('省本级');
    expect(guangdongCityNames['01']).toBe('广州市');
    expect(guangdongCityNames['03']).toBe('深圳市');
    expect(guangdongCityNames['07']).toBe('江门市');
    const error = catchAppError(() =>
      formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'employer', cityCode: '10', siteType: 1, siteSequence: 1 } })),
    );
    expect(error.details).toMatchObject({ field: 'cityCode', position: '8-9' });
    const hunan = formatCertificateNumber(
      fieldsWith({ provinceCode: '43', siteSerial: { kind: 'employer', cityCode: '10', siteType: 1, siteSequence: 1 } }),
    );
    expect(hunan.slice(5, 9)).toBe('4310');
    const badDigits = catchAppError(() =>
      formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'employer', cityCode: '7', siteType: 1, siteSequence: 1 } })),
    );
    expect(badDigits.details).toMatchObject({ field: 'cityCode' });
  });

  it('R14: takes site type 1 state-owned, 2 non-state, 3 other only', () => {
    for (const siteType of [1, 2, 3] as const) {
      const number = formatCertificateNumber(
        fieldsWith({ siteSerial: { kind: 'employer', cityCode: '03', siteType, siteSequence: 0 } }),
      );
      expect(number[9]).toBe(String(siteType));
    }
    for (const siteType of [0, 4, 1.5]) {
      const error = catchAppError(() =>
        formatCertificateNumber(
          fieldsWith({ siteSerial: { kind: 'employer', cityCode: '03', siteType: siteType as 1, siteSequence: 0 } }),
        ),
      );
      expect(error.details).toMatchObject({ field: 'siteType', position: '10' });
    }
  });

  it('R14: takes site sequence 000-999 and rejects outside', () => {
    const lowest = formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'employer', cityCode: '01', siteType: 3, siteSequence: 0 } }));
    expect(lowest.slice(10, 13)).toBe('000');
    const highest = formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'employer', cityCode: '01', siteType: 3, siteSequence: 999 } }));
    expect(highest.slice(10, 13)).toBe('999');
    for (const siteSequence of [-1, 1000, 2.5]) {
      const error = catchAppError(() =>
        formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'employer', cityCode: '01', siteType: 3, siteSequence } })),
      );
      expect(error.details).toMatchObject({ field: 'siteSequence', position: '11-13' });
    }
  });

  it('R14: an employer (class Y) must give city code, site type and sequence', () => {
    const error = catchAppError(() => formatCertificateNumber(fieldsWith({ siteSerial: { kind: 'assigned', digits: '001005' } })));
    expect(error.details).toMatchObject({ field: 'siteSerial', position: '8-13' });
  });

  it('R14: prints the last two digits of the year of issue and rejects years outside 2000-2099', () => {
    expect(formatCertificateNumber(fieldsWith({ issueYear: 2026 })).slice(13, 15)).toBe('26');
    expect(formatCertificateNumber(fieldsWith({ issueYear: 2005 })).slice(13, 15)).toBe('05');
    for (const issueYear of [1999, 2100, 26, 2026.5]) {
      const error = catchAppError(() => formatCertificateNumber(fieldsWith({ issueYear })));
      expect(error.details).toMatchObject({ field: 'issueYear', position: '14-15' });
    }
  });

  it('R14: takes levels 1-5 only (table 7: 1 一级/高级技师 … 5 五级/初级工)', () => {
    for (const level of [1, 2, 3, 4, 5] as const) {
      expect(formatCertificateNumber(fieldsWith({ level }))[15]).toBe(String(level));
    }
    expect(certificateLevelNames[5]).toEqual({ grade: '五级', title: '初级工' });
    expect(certificateLevelNames[1]).toEqual({ grade: '一级', title: '高级技师' });
    for (const level of [0, 6]) {
      const error = catchAppError(() => formatCertificateNumber(fieldsWith({ level: level as 1 })));
      expect(error.details).toMatchObject({ field: 'level', position: '16' });
    }
  });

  it('R14: pads the serial to six digits, 000001-999999', () => {
    expect(formatCertificateNumber(fieldsWith({ serial: 1 })).slice(16)).toBe('000001');
    expect(formatCertificateNumber(fieldsWith({ serial: 999_999 })).slice(16)).toBe('999999');
    for (const serial of [0, -3, 1.5]) {
      const error = catchAppError(() => formatCertificateNumber(fieldsWith({ serial })));
      expect(error.code).toBe('validation_failed');
      expect(error.details).toMatchObject({ field: 'serial', position: '17-22' });
    }
  });

  it('R14: throws a rollover error when the serial passes 999999', () => {
    const error = catchAppError(() => formatCertificateNumber(fieldsWith({ serial: 1_000_000 })));
    expect(error).toBeInstanceOf(CertificateSerialRolloverError);
    expect(error.code).toBe('infeasible');
    expect(error.details).toMatchObject({ field: 'serial', reason: 'serial_rollover' });
  });
});

describe('nextCertificateSerial', () => {
  it('R14: counts 1, 2, … and refuses to roll over after 999999', () => {
    expect(nextCertificateSerial(0)).toBe(1);
    expect(nextCertificateSerial(41)).toBe(42);
    expect(nextCertificateSerial(999_998)).toBe(999_999);
    expect(() => nextCertificateSerial(999_999)).toThrow(CertificateSerialRolloverError);
    expect(catchAppError(() => nextCertificateSerial(-1)).code).toBe('validation_failed');
  });
});

describe('parseCertificateNumber', () => {
  it('R14: parses the source example back into its fields', () => {
    expect(parseCertificateNumber('Y000144001005205000001')).toEqual(sourceExample);
  });

  it('R14: round-trips formatted numbers for both classes', () => {
    const samples: CertificateNumberFields[] = [
      fieldsWith({ siteSerial: { kind: 'employer', cityCode: '19', siteType: 3, siteSequence: 999 }, level: 1, serial: 999_999, issueYear: 2099 }),
      fieldsWith({ organisationClass: 'S', organisationCode: '9999', provinceCode: '82', siteSerial: { kind: 'assigned', digits: '000000' } }),
    ];
    for (const fields of samples) expect(parseCertificateNumber(formatCertificateNumber(fields))).toEqual(fields);
  });

  it('R14: names the position of the first wrong character run', () => {
    const cases: Array<[string, string]> = [
      ['X000144001005205000001', 'position 1'],
      ['y000144001005205000001', 'position 1'],
      ['Y00A144001005205000001', 'position 2-5'],
      ['Y000199001005205000001', 'position 6-7'],
      ['Y000144101005205000001', 'position 8-9'],
      ['Y000144004005205000001', 'position 10'],
      ['Y00014400100A205000001', 'position 11-13'],
      ['Y0001440010052A5000001', 'position 14-15'],
      ['Y000144001005206000001', 'position 16'],
      ['Y000144001005200000001', 'position 16'],
      ['Y000144001005205000000', 'position 17-22'],
      ['Y00014400100520500000A', 'position 17-22'],
      ['S00014400100A205000001', 'position 8-13'],
      ['Y00014400100520500001', 'position 1-22'],
    ];
    for (const [number, position] of cases) {
      const error = catchAppError(() => parseCertificateNumber(number));
      expect(error.code, number).toBe('validation_failed');
      expect(error.message, number).toContain(`(${position})`);
    }
  });

  it('R14: isValidCertificateNumber answers without throwing', () => {
    expect(isValidCertificateNumber('Y000144001005205000001')).toBe(true);
    expect(isValidCertificateNumber('Y0001440010052050000001')).toBe(false);
    expect(isValidCertificateNumber(' Y000144001005205000001')).toBe(false);
  });
});
