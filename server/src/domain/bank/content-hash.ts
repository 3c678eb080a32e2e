/**
 * Hashes that pin bank content (R3, R17): the content hash of one item version and the snapshot
 * hash of a set of approved item versions, stored with paper libraries so same seed + same snapshot
 * reproduces the same papers (house rule 6).
 */
import { sha256Hex, toCanonicalJson } from '../audit/canonical-json';
import type { ItemContent } from './item.model';

/**
 * SHA-256 hex of the canonical JSON of `content` without its `source` (file, sheet, row): the same
 * stem, options, key and classification give the same hash wherever they were imported from.
 */
export function computeContentHash(content: ItemContent): string {
  const { source: _source, ...rest } = content as ItemContent & { source?: unknown };
  return sha256Hex(toCanonicalJson(rest));
}

/** One pinned item version as it enters a snapshot. */
export interface SnapshotEntry {
  itemId: string;
  version: number;
  contentHash: string;
}

/**
 * Bank snapshot hash: SHA-256 hex over the lines `itemId:version:contentHash`, sorted, joined with
 * `\n`. Order of the input does not matter.
 */
export function computeSnapshotHash(entries: readonly SnapshotEntry[]): string {
  const lines = entries.map((entry) => `${entry.itemId}:${entry.version}:${entry.contentHash}`).sort();
  return sha256Hex(lines.join('\n'));
}
