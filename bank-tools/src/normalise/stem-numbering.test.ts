import { describe, expect, it } from 'vitest';
import { leadingNumber, stripStemNumbering } from './stem-numbering';

describe('stripStemNumbering', () => {
  it.each([
    ['1、甲', '甲', 1],
    ['12.甲', '甲', 12],
    ['3．甲', '甲', 3],
    ['4，甲', '甲', 4],
    ['(5)甲', '甲', 5],
    ['（6）甲', '甲', 6],
    ['263\t甲', '甲', 263],
    ['20..甲', '甲', 20],
    ['7、1211灭火器', '1211灭火器', 7],
    ['54.54、在三相', '在三相', 54],
  ])('removes the number of %j', (stem, rest, number) => {
    expect(stripStemNumbering(stem)).toEqual({ stem: rest, number });
  });

  it.each(['380V电压', '1.5m以上', '25采用', '12 个', '2004年'])('keeps %j without neighbouring numbers', (stem) => {
    expect(stripStemNumbering(stem)).toEqual({ stem });
  });

  it('removes ambiguous numbers that continue the sheet numbering', () => {
    expect(stripStemNumbering('25采用', { previousNumber: 24 })).toEqual({ stem: '采用', number: 25 });
    expect(stripStemNumbering('1.2004年', { nextNumber: 2 })).toEqual({ stem: '2004年', number: 1 });
    expect(stripStemNumbering('12 个', { previousNumber: 11 })).toEqual({ stem: '个', number: 12 });
    expect(stripStemNumbering('67.1MΩ=（ ）Ω', { previousNumber: 66 })).toEqual({ stem: '1MΩ=（ ）Ω', number: 67 });
  });

  it('keeps a stem that is only a number', () => {
    expect(stripStemNumbering('12、')).toEqual({ stem: '12、' });
  });

  it('reads the leading number of a stem', () => {
    expect(leadingNumber(' 12.甲')).toBe(12);
    expect(leadingNumber('(3)甲')).toBe(3);
    expect(leadingNumber('甲')).toBeUndefined();
  });
});
