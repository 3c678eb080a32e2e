import { describe, expect, it } from 'vitest';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { buildAttemptForm, mapAnswersToBank, type PaperItemInput } from './build-attempt-form';

function item(id: string, type: TheoryItem['type'], options: string[], answer: number[]): PaperItemInput {
  return { itemId: id, version: 1, points: type === 'multiple' ? 2 : 1, content: { kind: 'theory', type, stem: `stem ${id}`, options, answer } };
}

const paperItems: PaperItemInput[] = [
  item('j1', 'judge', ['正确', '错误'], [0]),
  item('j2', 'judge', ['正确', '错误'], [1]),
  item('s1', 'single', ['a', 'b', 'c', 'd'], [2]),
  item('s2', 'single', ['e', 'f', 'g', 'h'], [0]),
  item('s3', 'single', ['i', 'j', 'k', 'l'], [3]),
  item('m1', 'multiple', ['m', 'n', 'o', 'p', 'q'], [0, 4]),
  item('m2', 'multiple', ['r', 's', 't', 'u', 'v'], [1, 2, 3]),
];

describe('buildAttemptForm', () => {
  it('R3: numbers slots 1..n, keeps the type sections and shows every option of the bank item once', () => {
    const form = buildAttemptForm({ paperItems, candidateSeed: 'seed-a' });
    expect(form.items.map((entry) => entry.slot)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(form.items.map((entry) => entry.type)).toEqual(['judge', 'judge', 'single', 'single', 'single', 'multiple', 'multiple']);
    for (const shown of form.items) {
      const source = paperItems.find((candidate) => candidate.content.stem === shown.stem)!;
      expect([...shown.options].sort()).toEqual([...source.content.options].sort());
    }
    expect(form.totalPoints).toBe(9);
  });

  it('keeps 正确/错误 in order for judge items', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const form = buildAttemptForm({ paperItems, candidateSeed: seed });
      for (const shown of form.items.filter((entry) => entry.type === 'judge')) expect(shown.options).toEqual(['正确', '错误']);
    }
  });

  it('is deterministic per seed and differs between seeds', () => {
    const first = buildAttemptForm({ paperItems, candidateSeed: 'same' });
    expect(buildAttemptForm({ paperItems, candidateSeed: 'same' })).toEqual(first);
    const others = ['x1', 'x2', 'x3', 'x4'].map((seed) => JSON.stringify(buildAttemptForm({ paperItems, candidateSeed: seed }).slots));
    expect(new Set([JSON.stringify(first.slots), ...others]).size).toBeGreaterThan(1);
  });

  it('R17: never puts the answer key into the displayed snapshot', () => {
    const form = buildAttemptForm({ paperItems, candidateSeed: 'k' });
    for (const shown of form.items) expect(Object.keys(shown).sort()).toEqual(['number', 'options', 'points', 'slot', 'stem', 'type']);
  });

  it('refuses a paper holding a practical item', () => {
    const practical = { itemId: 'p', version: 1, points: 10, content: { kind: 'practical' } } as unknown as PaperItemInput;
    expect(() => buildAttemptForm({ paperItems: [practical], candidateSeed: 'x' })).toThrow(/not a theory item/);
  });
});

describe('mapAnswersToBank', () => {
  it('R3: maps the displayed key back to the bank key for every item', () => {
    const form = buildAttemptForm({ paperItems, candidateSeed: 'map' });
    const answers: Record<string, { response: number[] }> = {};
    for (const slot of form.slots) {
      const source = paperItems.find((candidate) => candidate.itemId === slot.itemId)!;
      answers[String(slot.slot)] = { response: source.content.answer.map((bank) => slot.optionOrder.indexOf(bank)) };
    }
    const rows = mapAnswersToBank(form.slots, answers);
    for (const row of rows) expect(row.selected).toEqual(paperItems.find((candidate) => candidate.itemId === row.itemId)!.content.answer);
  });

  it('reports unanswered and cleared slots as empty selections', () => {
    const form = buildAttemptForm({ paperItems, candidateSeed: 'empty' });
    const rows = mapAnswersToBank(form.slots, { '1': { response: [] } });
    expect(rows.every((row) => row.selected.length === 0)).toBe(true);
  });
});
