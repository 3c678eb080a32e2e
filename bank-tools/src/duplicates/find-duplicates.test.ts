import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importTheoryBank } from '../importers/import-theory-bank';
import { syntheticBank } from './bench';
import { assignDuplicateClusters, duplicateKey, findDuplicates, stemKey, type DuplicateCandidate } from './find-duplicates';
import { normaliseText } from '../normalise/normalise-text';
import { candidateProbability, jaccard, shingleSet } from './minhash';

const banks = fileURLToPath(new URL('../../../../shared/banks/', import.meta.url));
const FILES = ['新电焊国家题库2018.xlsx', '省级低压电工作业.xlsx', '省级叉车管理员.xlsx', '起重机司机.xlsx'];

const single = (id: string, stem: string, options: string[], extra: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id,
  type: 'single',
  stem,
  options,
  answer: [0],
  ...extra,
});

async function sharedCandidates(): Promise<DuplicateCandidate[]> {
  const candidates: DuplicateCandidate[] = [];
  for (const file of FILES) {
    const report = await importTheoryBank({ file: `${banks}${file}` });
    for (const item of report.items) {
      candidates.push({ ...item, id: `${file}#${item.source!.row}`, scopeKey: file, images: item.images?.map((image) => `${file}/${image}`) });
    }
  }
  return candidates;
}

describe('duplicateKey', () => {
  it('R2: ignores numbering, blanks, punctuation, full-width forms and option order', () => {
    const a = { type: 'single' as const, stem: '1、电压的单位是（  ）。', options: ['伏特', '安培'] };
    const b = { type: 'single' as const, stem: '12.电压的单位是( )', options: ['安培', '伏特。'] };
    expect(duplicateKey(a)).toBe(duplicateKey(b));
    expect(stemKey(a)).toBe('电压的单位是');
  });

  it('R2: tells items of another type or another picture apart', () => {
    const a = { type: 'single' as const, stem: '甲', options: ['乙', '丙'] };
    expect(duplicateKey(a)).not.toBe(duplicateKey({ ...a, type: 'multiple' }));
    expect(duplicateKey({ ...a, images: ['x.png'] })).not.toBe(duplicateKey({ ...a, images: ['y.png'] }));
  });
});

describe('findDuplicates', () => {
  it('R2: finds exact and near duplicates and clusters them', () => {
    const items = [
      single('a', '1、下列属于安全电压的是（ ）。', ['36V', '220V', '380V']),
      single('b', '2. 下列属于安全电压的是( )', ['380V', '36V', '220V']),
      single('c', '下列属于安全电压等级的是（ ）。', ['36V', '220V', '380V']),
      single('d', '起重机的额定起重量是指（ ）。', ['最大起重量', '最小起重量']),
    ];
    const report = findDuplicates(items, { threshold: 0.8 });
    expect(report.pairs).toEqual([
      { a: 'a', b: 'b', similarity: 1, kind: 'exact', isCrossScope: false, hasDifferentAnswers: true },
      { a: 'a', b: 'c', similarity: expect.any(Number), kind: 'near', isCrossScope: false, hasDifferentAnswers: false },
    ]);
    expect(report.pairs[1].similarity).toBeGreaterThanOrEqual(0.8);
    expect(report.clusters).toEqual([['a', 'b', 'c']]);
    expect(report.clusterIdById).toEqual({ a: 'a', b: 'a', c: 'a', d: 'd' });
    expect(report.exactDuplicates).toBe(1);
    expect(report.nearDuplicates).toBe(1);
    expect(report.duplicateRate).toBeCloseTo(2 / 4);
  });

  it('R2: does not merge items with a generic stem but different options', () => {
    const items = [single('a', '下列说法错误的是（ ）。', ['甲乙丙丁戊', '己庚辛']), single('b', '下列说法错误的是（ ）。', ['子丑寅卯', '辰巳午未'])];
    expect(findDuplicates(items).pairs).toEqual([]);
    expect(findDuplicates(items, { includeOptions: false }).pairs).toHaveLength(1);
  });

  it('R2: never merges items showing different pictures', () => {
    const items = [single('a', '此钢丝绳报废形式称为（ ）。', ['断丝', '磨损'], { images: ['1.png'] }), single('b', '此钢丝绳报废形式称为（ ）。', ['断丝', '磨损'], { images: ['2.png'] })];
    expect(findDuplicates(items).clusters).toEqual([]);
  });

  it('R2: looks within a scope, across scopes or both', () => {
    const items = [
      single('a1', '甲乙丙丁戊己庚辛', ['子', '丑'], { scopeKey: 'A' }),
      single('a2', '甲乙丙丁戊己庚辛', ['子', '丑'], { scopeKey: 'A' }),
      single('b1', '甲乙丙丁戊己庚辛', ['子', '丑'], { scopeKey: 'B' }),
    ];
    const pairsOf = (scopes: 'same' | 'different' | 'any') => findDuplicates(items, { scopes }).pairs.map((pair) => `${pair.a}-${pair.b}${pair.isCrossScope ? '*' : ''}`);
    expect(pairsOf('same')).toEqual(['a1-a2']);
    expect(pairsOf('different')).toEqual(['a1-b1*']);
    expect(pairsOf('any')).toEqual(['a1-a2', 'a1-b1*']);
    expect(findDuplicates(items, { scopes: 'any' }).clusters).toEqual([['a1', 'a2', 'b1']]);
  });

  it('refuses repeated ids and thresholds outside 0..1', () => {
    expect(() => findDuplicates([single('a', '甲', ['乙', '丙']), single('a', '丁', ['乙', '丙'])])).toThrow(/duplicate item id "a"/u);
    expect(() => findDuplicates([], { threshold: 1.5 })).toThrow(/threshold/u);
  });

  it('R2: gives assembly a cluster id per item', () => {
    const clusters = assignDuplicateClusters([single('x', '甲乙丙丁', ['子', '丑']), single('y', '甲乙丙丁。', ['丑', '子']), single('z', '戊己庚辛', ['子', '丑'])]);
    expect([...clusters]).toEqual([
      ['x', 'x'],
      ['y', 'x'],
      ['z', 'z'],
    ]);
  });

  it('R2: finds the duplicates of the shared banks (32 exact, 62 near in 3,372 items; none across banks)', async () => {
    const candidates = await sharedCandidates();
    const within = findDuplicates(candidates, { scopes: 'same' });
    expect(within.items).toBe(3372);
    expect(within.exactDuplicates).toBe(32);
    expect(within.nearDuplicates).toBe(62);
    expect(within.clusters).toHaveLength(83);
    const across = findDuplicates(candidates, { scopes: 'different' });
    expect(across.pairs).toEqual([]);
    expect(within.comparisons).toBeLessThan((3372 * 3371) / 2 / 1000);
  });

  it('R2: clusters like a comparison of every pair would (LSH loses no pair above the threshold)', async () => {
    const items = syntheticBank(await sharedCandidates(), 4_000).slice(3_000);
    const text = (item: DuplicateCandidate) => (item.type === 'judge' ? normaliseText(item.stem) : [normaliseText(item.stem), ...item.options.map(normaliseText)].join('|'));
    const shingles = items.map((item) => shingleSet(text(item)));
    const parent = items.map((_, index) => index);
    const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
    for (let i = 0; i < items.length; i += 1) {
      for (let j = i + 1; j < items.length; j += 1) {
        const isSamePicture = !items[i].images || !items[j].images || items[i].images!.join() === items[j].images!.join();
        const isExact = duplicateKey(items[i]) === duplicateKey(items[j]);
        if (isSamePicture && (isExact || jaccard(shingles[i], shingles[j]) >= 0.85)) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
      }
    }
    const expected = items.map((_, index) => items[find(index)].id);
    const report = findDuplicates(items, { scopes: 'any' });
    expect(items.map((item) => report.clusterIdById[item.id])).toEqual(expected);
  });

  it('R2: compares far fewer than n²/2 pairs on 10,000 items and keeps near pairs found by LSH above the threshold', async () => {
    const items = syntheticBank(await sharedCandidates(), 10_000);
    const report = findDuplicates(items, { scopes: 'any' });
    expect(report.items).toBe(10_000);
    expect(report.comparisons).toBeLessThan((10_000 * 9_999) / 2 / 100);
    expect(report.pairs.filter((pair) => pair.kind === 'near').every((pair) => pair.similarity >= 0.85)).toBe(true);
    expect(report.nearDuplicates).toBeGreaterThan(0);
  });
});

describe('minhash helpers', () => {
  it('computes Jaccard similarity of bigram sets', () => {
    expect(jaccard(shingleSet('abcd'), shingleSet('abcd'))).toBe(1);
    expect(jaccard(shingleSet('abcd'), shingleSet('abce'))).toBeCloseTo(2 / 4);
    expect(jaccard(shingleSet(''), shingleSet(''))).toBe(1);
    expect(shingleSet('a')).toHaveLength(1);
  });

  it('R2: finds pairs at the default threshold with near certainty (16 bands x 4 rows)', () => {
    expect(candidateProbability(0.85, 16, 4)).toBeGreaterThan(0.9999);
    expect(candidateProbability(0.2, 16, 4)).toBeLessThan(0.03);
  });
});
