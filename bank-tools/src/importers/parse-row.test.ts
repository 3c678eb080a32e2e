import { describe, expect, it } from 'vitest';
import { parseItemType, parseTheoryRow, type TheoryRowCells } from './parse-row';

const row = (cells: Partial<TheoryRowCells>): TheoryRowCells => ({ type: '单选题', stem: '1.甲是（ ）。', options: '**A.乙**B.丙', answer: 'A', ...cells });

function problems(cells: Partial<TheoryRowCells>) {
  const parsed = parseTheoryRow(row(cells));
  if (parsed.ok) throw new Error('expected a rejected row');
  return parsed.problems;
}

describe('parseItemType', () => {
  it.each([
    ['单选题', 'single'],
    ['单选', 'single'],
    ['单项选择题', 'single'],
    ['多选题', 'multiple'],
    [' 多 选 题 ', 'multiple'],
    ['判断题', 'judge'],
    ['是非题', 'judge'],
  ])('R1: reads %j as %s', (text, type) => {
    expect(parseItemType(text)).toBe(type);
  });

  it('R1: knows no other type', () => {
    expect(parseItemType('填空题')).toBeUndefined();
    expect(parseItemType('constructor')).toBeUndefined();
  });
});

describe('parseTheoryRow', () => {
  it('R1: builds a single-choice item with the numbering removed', () => {
    const parsed = parseTheoryRow(row({ category: ' 电工 ', chapter: '' }));
    expect(parsed).toMatchObject({ ok: true, stemNumber: 1, item: { kind: 'theory', type: 'single', stem: '甲是（ ）。', options: ['乙', '丙'], answer: [0], category: '电工' } });
    expect(parsed.ok && 'chapter' in parsed.item).toBe(false);
  });

  it('R1: sorts multiple-choice answers and accepts separators and lower case', () => {
    const parsed = parseTheoryRow(row({ type: '多选题', options: '**A.甲**B.乙**C.丙**D.丁', answer: 'd, b、a' }));
    expect(parsed.ok && parsed.item.answer).toEqual([0, 1, 3]);
  });

  it.each([
    ['A', 0],
    ['B', 1],
    ['对', 0],
    ['错', 1],
    ['√', 0],
    ['×', 1],
    ['正确', 0],
    ['错误', 1],
  ])('R1: reads judge answer %j as option %i', (answer, index) => {
    const parsed = parseTheoryRow(row({ type: '判断题', options: '**A.正确**B.错误', answer }));
    expect(parsed.ok && parsed.item).toMatchObject({ type: 'judge', options: ['正确', '错误'], answer: [index] });
  });

  it('R1: maps a judge letter through options labelled the other way round', () => {
    const parsed = parseTheoryRow(row({ type: '判断题', options: '**A.错误**B.正确', answer: 'A' }));
    expect(parsed.ok && parsed.item.answer).toEqual([1]);
  });

  it('R1: rejects an unknown type', () => {
    expect(problems({ type: '填空题' })).toEqual([{ field: 'type', reason: 'unknown item type "填空题" (expected 单选题, 多选题, 判断题 or 是非题)' }]);
  });

  it('R1: rejects an answer letter without option', () => {
    expect(problems({ answer: 'C' })).toEqual([{ field: 'answer', reason: 'answer letter C has no option (options A–B)' }]);
  });

  it('R1: rejects missing options', () => {
    expect(problems({ options: '' })).toEqual([{ field: 'options', reason: 'options are missing' }]);
  });

  it('R1: rejects a single-choice item with two answers', () => {
    expect(problems({ answer: 'AB' })).toEqual([{ field: 'answer', reason: 'single-choice item has 2 answers (AB); it needs exactly one' }]);
  });

  it('R1: rejects a multiple-choice item with one answer', () => {
    expect(problems({ type: '多选题', answer: 'A' })).toEqual([{ field: 'answer', reason: 'multiple-choice item has 1 answer (A); it needs at least two' }]);
  });

  it('R1: rejects numeric answers (fill-in and calculation items)', () => {
    expect(problems({ answer: '12.5' })[0].reason).toMatch(/^numeric answer "12.5" is not an option letter/u);
    expect(problems({ answer: '3', isAnswerNumeric: true })[0].field).toBe('answer');
  });

  it('R1: rejects an empty stem and a missing answer together', () => {
    expect(problems({ stem: '  ', answer: '' })).toEqual([
      { field: 'stem', reason: 'stem is empty' },
      { field: 'answer', reason: 'answer is missing' },
    ]);
  });

  it('R1: rejects judge options that are not 正确/错误 and answers that are not letters', () => {
    expect(problems({ type: '判断题', options: '**A.甲**B.乙', answer: 'A' })[0].reason).toMatch(/judge item options must be 正确 and 错误/u);
    expect(problems({ answer: '甲' })[0].reason).toBe('answer "甲" is not option letters such as A or ABD');
    expect(problems({ answer: 'AA' })[0].reason).toBe('answer "AA" repeats letter A');
  });

  it('rejects control characters and cells longer than Excel holds, naming the position', () => {
    expect(problems({ stem: '甲\u0007乙' })).toEqual([{ field: 'stem', reason: 'contains control character U+0007 at position 2' }]);
    expect(problems({ options: `**A.${'甲'.repeat(40_000)}**B.乙` })[0]).toEqual({
      field: 'options',
      reason: 'is 40009 characters long, more than the 32767 an Excel cell holds',
    });
  });

  it('keeps formula-like text as it is (nothing neutralised on import)', () => {
    const parsed = parseTheoryRow(row({ stem: '=HYPERLINK("http://x")', options: '**A.+1**B.-1' }));
    expect(parsed.ok && [parsed.item.stem, parsed.item.options]).toEqual(['=HYPERLINK("http://x")', ['+1', '-1']]);
  });
});
