import { describe, expect, it } from 'vitest';
import { describeIdType, maskIdNumber, maskPersonName } from './mask-personal-data';

describe('maskIdNumber', () => {
  it('R11: keeps the first four and last four characters of an 18-character ID number', () => {
    expect(maskIdNumber('44010619900101123x')).toBe('4401**********123X');
    expect(maskIdNumber('44010619900101123X')).toHaveLength(18);
  });

  it('R11: masks shorter document numbers and never shows a short one whole', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('12345')).toBe('****5');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPersonName', () => {
  it('R15: keeps the first character and, from three characters, the last', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张*丰');
    expect(maskPersonName('欧阳小明')).toBe('欧**明');
    expect(maskPersonName('李')).toBe('*');
  });
});

describe('describeIdType', () => {
  it('R15: names both spellings of the resident identity card', () => {
    expect(describeIdType('resident_identity_card')).toBe('居民身份证');
    expect(describeIdType('resident_id')).toBe('居民身份证');
    expect(describeIdType('passport')).toBe('护照');
  });
});
