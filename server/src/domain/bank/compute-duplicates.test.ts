import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { computeDuplicates } from './compute-duplicates';
import type { ItemRecord } from './item.model';

const scopeId = new Types.ObjectId();

function judge(stem: string, distinctFrom: Types.ObjectId[] = []): Pick<ItemRecord, '_id' | 'scopeId' | 'current' | 'distinctFrom'> {
  return { _id: new Types.ObjectId(), scopeId, current: { kind: 'theory', type: 'judge', stem, options: ['正确', '错误'], answer: [0] }, distinctFrom };
}

describe('computeDuplicates', () => {
  it('R2: groups items that repeat each other after normalising punctuation', () => {
    const items = [judge('电气设备发生火灾时，应首先切断电源。'), judge('电气设备发生火灾时应首先切断电源'), judge('登高作业必须系好安全带。')];
    const result = computeDuplicates(items);
    expect(result.clusters).toEqual([[String(items[0]._id), String(items[1]._id)]]);
    expect(result.clusterIdById.get(String(items[1]._id))).toBe(String(items[0]._id));
    expect(result.duplicateRate).toBeCloseTo(1 / 3, 10);
  });

  it('R2: leaves a pair marked distinct out of pairs and clusters', () => {
    const first = judge('电气设备发生火灾时，应首先切断电源。');
    const second = judge('电气设备发生火灾时应首先切断电源', [first._id]);
    const result = computeDuplicates([first, second]);
    expect(result.pairs).toEqual([]);
    expect(result.clusters).toEqual([]);
    expect(result.excludedPairs).toBe(1);
    expect(result.duplicateRate).toBe(0);
  });
});
