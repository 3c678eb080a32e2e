import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './export-certificate-data';
import { toCertificateNumberFields } from './issue-certificates';
import { formatCertificateNumber } from './certificate-number';

describe('neutraliseFormula', () => {
  it('R13: prefixes values a spreadsheet would evaluate with an apostrophe', () => {
    for (const value of ['=1+1', '+86 123', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('R13: leaves ordinary values alone', () => {
    for (const value of ['张三', '44010619900101123X', 'Y000044032001264000001', '2026-09-20', '']) expect(neutraliseFormula(value)).toBe(value);
  });
});

describe('toCertificateNumberFields', () => {
  it('R14: maps an employer code setting to city code, site type and sequence', () => {
    const fields = toCertificateNumberFields(
      { organisationClass: 'Y', organisationCode: '0001', provinceCode: '44', cityCode: '00', ownershipType: 1, siteSequence: '005' },
      2020,
      5,
      1,
    );
    expect(formatCertificateNumber(fields)).toBe('Y000144001005205000001');
  });

  it('R14: keeps the six assigned digits of a social organisation or school', () => {
    const fields = toCertificateNumberFields(
      { organisationClass: 'S', organisationCode: '0123', provinceCode: '43', cityCode: '01', ownershipType: 2, siteSequence: '345' },
      2026,
      3,
      42,
    );
    expect(fields.siteSerial).toEqual({ kind: 'assigned', digits: '012345' });
    expect(formatCertificateNumber(fields)).toBe('S012343012345263000042');
  });

  it('R14: turns a malformed site sequence into a siteSequence error', () => {
    const fields = toCertificateNumberFields(
      { organisationClass: 'Y', organisationCode: '0001', provinceCode: '44', cityCode: '00', ownershipType: 1, siteSequence: '5' },
      2026,
      5,
      1,
    );
    expect(() => formatCertificateNumber(fields)).toThrow(/siteSequence/);
  });
});
