/**
 * Human codes of papers printed on every copy: `T-<year>-<library suffix>-<nn>` for theory papers,
 * `P-…` for practical papers.
 */

/** Code of paper `index` (0-based) of library `libraryId` created in `year`. */
export function formatPaperCode(kind: 'theory' | 'practical', year: number, libraryId: string, index: number): string {
  return `${kind === 'theory' ? 'T' : 'P'}-${year}-${libraryId.slice(-6).toUpperCase()}-${String(index + 1).padStart(2, '0')}`;
}
