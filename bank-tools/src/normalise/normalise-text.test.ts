import { describe, expect, it } from 'vitest';
import { normaliseItemText, normaliseText } from './normalise-text';

describe('normaliseText', () => {
  it('R2: removes numbering, whitespace, punctuation, full-width forms and case', () => {
    expect(normaliseText('12．Ｔｅｓｔ 电压（  ）是多少？')).toBe('test电压是多少');
    expect(normaliseText('3、test电压( )是多少?')).toBe('test电压是多少');
  });

  it('R2: keeps digits and symbols that change the meaning', () => {
    expect(normaliseText('≥36V')).not.toBe(normaliseText('≤36V'));
    expect(normaliseText('温度100℃')).toBe('温度100°c');
  });

  it('normalises stem and options of an item', () => {
    expect(normaliseItemText({ stem: '1、甲（ ）', options: ['Ａ。', ' b '] })).toEqual({ stem: '甲', options: ['a', 'b'] });
  });
});
