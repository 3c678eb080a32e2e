import { describe, expect, it } from 'vitest';
import { assemblePaperLibrary } from '../assembly/assemble-paper-library';
import { deriveBlueprintQuotas } from '../assembly/quotas';
import type { AssemblyItem } from '../assembly/types';
import { normaliseText } from '../normalise/normalise-text';
import type { BlueprintNode, TheoryItem } from '../types';
import { generateDemoTheoryBank } from './generate-demo-theory-bank';

const bank = generateDemoTheoryBank({ seed: 'demo-bank-test' });
const PAPER_COUNT = 5;
/** Items of three seeds, so that every checked template shows up several times. */
const keyCheckItems = ['demo-bank-test', 'key-check-1', 'key-check-2'].flatMap((seed) => generateDemoTheoryBank({ seed }).items);

/** A quantity option such as `2.27 A`, `450 mA`, `11.2 kW` in base units, with its rounding tolerance. */
function parseQuantity(text: string): { value: number; tolerance: number } | undefined {
  const match = /^±?(-?\d+(?:\.(\d+))?)\s*(.*)$/u.exec(text.trim());
  if (!match) return undefined;
  const unit = match[3];
  const prefix = unit.length > 1 && /^[mkM]/u.test(unit) && !unit.startsWith('mm') ? unit[0] : '';
  const factor = prefix === 'm' ? 1e-3 : prefix === 'k' ? 1e3 : prefix === 'M' ? 1e6 : 1;
  const decimals = match[2]?.length ?? 0;
  return { value: Number(match[1]) * factor, tolerance: 0.5 * 10 ** -decimals * factor * (1 + 1e-9) };
}

function isCorrectValue(text: string, expected: number): boolean {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`option "${text}" is not a quantity`);
  return Math.abs(parsed.value - expected) <= parsed.tolerance;
}

function numberAfter(stem: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(stem);
  return match ? Number(match[1]) : undefined;
}

/**
 * Check every item that asks `ask` and whose stem `compute` understands: single (key correct,
 * distractors wrong), judge (answer matches the stated value), multiple (an option `${ask}为…` is
 * keyed exactly when its value is correct). Returns the number of checked items.
 */
function checkComputedQuantity(items: readonly TheoryItem[], ask: string, compute: (stem: string) => number | undefined): number {
  let checked = 0;
  for (const item of items) {
    const expected = compute(item.stem);
    if (expected === undefined) continue;
    if (item.type === 'single' && item.stem.includes(`${ask}为（  ）`)) {
      item.options.forEach((option, index) => {
        expect(isCorrectValue(option, expected), `${item.stem} option ${option}`).toBe(item.answer.includes(index));
      });
      checked += 1;
    } else if (item.type === 'judge' && item.stem.includes(`${ask}为`)) {
      const stated = item.stem.slice(item.stem.indexOf(`${ask}为`) + ask.length + 1).replace(/。$/u, '');
      expect(item.answer, item.stem).toEqual([isCorrectValue(stated, expected) ? 0 : 1]);
      checked += 1;
    } else if (item.type === 'multiple') {
      item.options.forEach((option, index) => {
        if (!option.startsWith(`${ask}为`)) return;
        expect(isCorrectValue(option.slice(ask.length + 1), expected), `${item.stem} option ${option}`).toBe(item.answer.includes(index));
        checked += 1;
      });
    }
  }
  return checked;
}

function characterBigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let index = 0; index + 1 < text.length; index += 1) grams.add(text.slice(index, index + 2));
  return grams;
}

function jaccard(left: Set<string>, right: Set<string>): number {
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return shared / (left.size + right.size - shared);
}

function leafCodes(nodes: readonly BlueprintNode[]): string[] {
  return nodes.flatMap((node) => (node.children && node.children.length > 0 ? leafCodes(node.children) : [node.code]));
}

describe('generateDemoTheoryBank', () => {
  it('R1: holds at least 600 items with every item type present', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(600);
    for (const type of ['single', 'multiple', 'judge'] as const) {
      expect(bank.items.filter((item) => item.type === type).length).toBeGreaterThan(0);
    }
  });

  it('writes every item in a valid shape (2-8 options, answer indexes in range, key counts per type)', () => {
    for (const item of bank.items) {
      expect(item.kind).toBe('theory');
      expect(item.stem.trim().length).toBeGreaterThan(0);
      expect(item.options.length).toBeGreaterThanOrEqual(2);
      expect(item.options.length).toBeLessThanOrEqual(8);
      expect(new Set(item.options).size, item.stem).toBe(item.options.length);
      expect([...item.answer].sort((left, right) => left - right)).toEqual(item.answer);
      expect(new Set(item.answer).size).toBe(item.answer.length);
      for (const index of item.answer) {
        expect(Number.isInteger(index) && index >= 0 && index < item.options.length).toBe(true);
      }
      for (const text of [item.stem, ...item.options]) expect(text, item.stem).not.toMatch(/NaN|Infinity|undefined|null/u);
      if (item.type === 'judge') {
        expect(item.options).toEqual(['正确', '错误']);
        expect(item.answer.length).toBe(1);
      } else if (item.type === 'single') {
        expect(item.options.length).toBe(4);
        expect(item.answer.length).toBe(1);
        expect(item.stem).toContain('（  ）');
      } else {
        expect(item.options.length).toBeGreaterThanOrEqual(4);
        expect(item.options.length).toBeLessThanOrEqual(5);
        expect(item.answer.length).toBeGreaterThanOrEqual(2);
        expect(item.answer.length).toBeLessThanOrEqual(4);
        expect(item.answer.length).toBeLessThan(item.options.length);
        expect(item.stem).toContain('（  ）');
      }
    }
  });

  it('gives every item a blueprint leaf as knowledge point and an integer difficulty 1-5', () => {
    const leaves = new Set(leafCodes(bank.blueprint.nodes));
    for (const item of bank.items) {
      expect(leaves.has(item.knowledgePoint ?? '')).toBe(true);
      expect(Number.isInteger(item.difficulty)).toBe(true);
      expect(item.difficulty).toBeGreaterThanOrEqual(1);
      expect(item.difficulty).toBeLessThanOrEqual(5);
    }
  });

  it('makes about half of the judge items false in every knowledge point', () => {
    for (const point of new Set(bank.items.map((item) => item.knowledgePoint))) {
      const judges = bank.items.filter((item) => item.type === 'judge' && item.knowledgePoint === point);
      const falseCount = judges.filter((item) => item.answer[0] === 1).length;
      expect(Math.abs(2 * falseCount - judges.length), `knowledge point ${point}`).toBeLessThanOrEqual(1);
    }
  });

  it('R2: never repeats a normalised stem', () => {
    const stems = bank.items.map((item) => normaliseText(item.stem));
    expect(new Set(stems).size).toBe(stems.length);
  });

  it('R2: keeps near-duplicates (stem and options bigram similarity >= 0.9 within a knowledge point) under 3%', () => {
    const grams = bank.items.map((item) => characterBigrams(normaliseText(item.stem + item.options.join(''))));
    const flagged = bank.items.filter((item, index) =>
      bank.items.some((other, otherIndex) => otherIndex !== index && other.knowledgePoint === item.knowledgePoint && jaccard(grams[index], grams[otherIndex]) >= 0.9),
    );
    expect(flagged.length / bank.items.length).toBeLessThan(0.03);
  });

  it("computes correct keys for Ohm's law I = U/R", () => {
    const checked = checkComputedQuantity(keyCheckItems, '通过的电流I', (stem) => {
      const resistance = numberAfter(stem, /R = ([\d.]+) Ω/u);
      const voltage = numberAfter(stem, /U = ([\d.]+) V/u);
      return resistance !== undefined && voltage !== undefined ? voltage / resistance : undefined;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('computes correct keys for series resistance R = R1 + R2 (+ R3)', () => {
    const checked = checkComputedQuantity(keyCheckItems, '电路的总电阻R', (stem) => {
      if (!stem.includes('串联后接在')) return undefined;
      const values = [...stem.matchAll(/R\d = ([\d.]+) Ω/gu)].map((match) => Number(match[1]));
      return values.length >= 2 ? values.reduce((sum, value) => sum + value, 0) : undefined;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('computes correct keys for three-phase power P = √3·U_L·I_L·cosφ', () => {
    const checked = checkComputedQuantity(keyCheckItems, '三相有功功率P', (stem) => {
      const voltage = numberAfter(stem, /U_L = ([\d.]+) V/u);
      const current = numberAfter(stem, /I_L = ([\d.]+) A/u);
      const factor = numberAfter(stem, /cosφ = ([\d.]+)/u);
      if (voltage === undefined || current === undefined || factor === undefined) return undefined;
      return Math.sqrt(3) * voltage * current * factor;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('computes correct keys for synchronous speed n₁ = 60f/p', () => {
    const checked = checkComputedQuantity(keyCheckItems, '同步转速n₁', (stem) => {
      const frequency = numberAfter(stem, /频率f = (\d+) Hz/u) ?? numberAfter(stem, /额定频率为(\d+) Hz/u);
      if (frequency === undefined) return undefined;
      const pairs = numberAfter(stem, /磁极对数p = (\d+)/u);
      if (pairs !== undefined) return (60 * frequency) / pairs;
      const rated = numberAfter(stem, /额定转速n_N = (\d+) r\/min/u);
      return rated === undefined ? undefined : (60 * frequency) / Math.floor((60 * frequency) / rated);
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('computes correct keys for ammeter readings through a current transformer', () => {
    const checked = checkComputedQuantity(keyCheckItems, '线路的一次侧实际电流', (stem) => {
      const primary = numberAfter(stem, /(\d+)\/5 A/u);
      const reading = numberAfter(stem, /读数为([\d.]+) A/u);
      return primary !== undefined && reading !== undefined ? (reading * primary) / 5 : undefined;
    });
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('is deterministic for one seed and different for another', () => {
    expect(generateDemoTheoryBank({ seed: 'demo-bank-test' })).toEqual(bank);
    const other = generateDemoTheoryBank({ seed: 'another-seed' });
    expect(other.items.map((item) => item.stem)).not.toEqual(bank.items.map((item) => item.stem));
    expect(other.blueprint).toEqual(bank.blueprint);
  });

  it('publishes a blueprint whose sibling weights sum to 1 and a 100-point structure', () => {
    const visit = (nodes: readonly BlueprintNode[]): void => {
      expect(nodes.reduce((sum, node) => sum + node.weight, 0)).toBeCloseTo(1, 9);
      for (const node of nodes) if (node.children) visit(node.children);
    };
    visit(bank.blueprint.nodes);
    expect(bank.blueprint.structure).toEqual([
      { type: 'judge', count: 20, pointsEach: 1 },
      { type: 'single', count: 60, pointsEach: 1 },
      { type: 'multiple', count: 10, pointsEach: 2 },
    ]);
  });

  it('R2: holds at least five times the per-paper quota of every (knowledge point, type) cell', () => {
    const quotas = deriveBlueprintQuotas(bank.blueprint);
    expect(quotas.paperTotalPoints).toBe(100);
    for (const cell of quotas.cells) {
      const available = bank.items.filter((item) => item.knowledgePoint === cell.knowledgePoint && item.type === cell.type).length;
      expect(available, `${cell.knowledgePoint} ${cell.type}`).toBeGreaterThanOrEqual(PAPER_COUNT * cell.count);
    }
  });

  it('R1, R2: lets the assembler build five papers of the suggested structure at <= 10% pairwise overlap', () => {
    const items: AssemblyItem[] = bank.items.map((item, index) => ({
      id: `demo-${String(index + 1).padStart(4, '0')}`,
      type: item.type,
      knowledgePoint: item.knowledgePoint ?? '',
      difficulty: ((item.difficulty ?? 3) - 1) / 4,
    }));
    const result = assemblePaperLibrary({ items, blueprint: bank.blueprint, paperCount: PAPER_COUNT, maxOverlap: 0.1, seed: 'demo-library' });
    expect(result.ok, result.ok ? '' : JSON.stringify(result.infeasibility)).toBe(true);
    if (!result.ok) return;
    const matrix = result.library.overlapMatrix;
    for (let row = 0; row < matrix.length; row += 1) {
      for (let column = 0; column < matrix.length; column += 1) {
        if (row !== column) expect(matrix[row][column]).toBeLessThanOrEqual(0.1);
      }
    }
    for (const paper of result.library.papers) expect(paper.totalPoints).toBe(100);
  });
});
