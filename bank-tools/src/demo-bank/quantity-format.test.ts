import { describe, expect, it } from 'vitest';
import { buildNumericChoices, chooseQuantityFormat, formatQuantity } from './quantity-format';

describe('chooseQuantityFormat', () => {
  it('picks an SI prefix from the key and about three significant figures', () => {
    expect(formatQuantity(0.45, chooseQuantityFormat(0.45, 'A'))).toBe('450 mA');
    expect(formatQuantity(11188, chooseQuantityFormat(11188, 'W'))).toBe('11.2 kW');
    expect(formatQuantity(2.2727, chooseQuantityFormat(2.2727, 'A'))).toBe('2.27 A');
    expect(formatQuantity(1500, chooseQuantityFormat(1500, 'r/min', { decimals: 0 }))).toBe('1500 r/min');
    expect(formatQuantity(30, chooseQuantityFormat(30, '°', { decimals: 0 }))).toBe('30°');
    expect(formatQuantity(0.5, chooseQuantityFormat(0.5, 'V', { sign: '±', isUnitFixed: true, decimals: 2 }))).toBe('±0.50 V');
  });

  it('keeps amperes without a kilo prefix', () => {
    expect(formatQuantity(1443.4, chooseQuantityFormat(1443.4, 'A'))).toBe('1443 A');
  });
});

describe('buildNumericChoices', () => {
  it('formats every option alike and never repeats the key or another distractor', () => {
    const key = 380 / (Math.sqrt(3) * 22);
    const choices = buildNumericChoices(key, [380 / 22, key / Math.sqrt(3), key * 3, key * 1.01, Number.NaN, -key], 'A');
    expect(choices.key).toBe('9.97 A');
    expect(choices.distractors).toEqual(['17.27 A', '5.76 A', '29.92 A']);
  });

  it('drops distractors closer than the gap or printed as zero and fills up to three', () => {
    const choices = buildNumericChoices(2.2, [2.21, 0.0001, 2.2], 'A');
    expect(choices.distractors.length).toBeGreaterThanOrEqual(3);
    expect(choices.distractors).not.toContain(choices.key);
    expect(choices.distractors.some((text) => /^0\.00 /u.test(text))).toBe(false);
  });

  it('throws for a key that is not a finite number', () => {
    expect(() => buildNumericChoices(Number.NaN, [], 'A')).toThrow(/finite/u);
  });
});
