import { describe, expect, it } from 'vitest';
import { computeContentHash, computeSnapshotHash } from './content-hash';
import type { ItemContent } from './item.model';

const content: ItemContent = { kind: 'theory', type: 'judge', stem: '接地线应先接接地端。', options: ['正确', '错误'], answer: [0] };

describe('computeContentHash', () => {
  it('R17: ignores where an item was imported from but not its key', () => {
    const imported = { ...content, source: { file: 'a.xlsx', sheet: 'Sheet1', row: 7 } } as ItemContent;
    expect(computeContentHash(imported)).toBe(computeContentHash(content));
    expect(computeContentHash({ ...content, answer: [1] } as ItemContent)).not.toBe(computeContentHash(content));
    expect(computeContentHash({ answer: [0], options: ['正确', '错误'], stem: content.stem, type: 'judge', kind: 'theory' } as ItemContent)).toBe(
      computeContentHash(content),
    );
  });
});

describe('computeSnapshotHash', () => {
  it('house rule 6: does not depend on the order of the items but on every id, version and hash', () => {
    const entries = [
      { itemId: 'b', version: 2, contentHash: 'h2' },
      { itemId: 'a', version: 1, contentHash: 'h1' },
    ];
    expect(computeSnapshotHash(entries)).toBe(computeSnapshotHash([...entries].reverse()));
    expect(computeSnapshotHash(entries)).not.toBe(computeSnapshotHash([entries[0], { ...entries[1], version: 2 }]));
    expect(computeSnapshotHash(entries)).toMatch(/^[0-9a-f]{64}$/);
  });
});
