/**
 * Duplicate-detection measurement for the bench harness (R2): the four shared banks together, and
 * a synthetic 10,000-item bank derived from them, showing that comparisons stay far below n²/2.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { importTheoryBank } from '../importers/import-theory-bank';
import { findDuplicates, type DuplicateCandidate, type FindDuplicatesOptions } from './find-duplicates';

/** Figures of one run of `findDuplicates`. */
export interface DuplicateRunFigures {
  items: number;
  exactDuplicates: number;
  nearDuplicates: number;
  pairs: number;
  clusters: number;
  duplicateRate: number;
  /** Similarities computed, and what comparing every pair would take. */
  comparisons: number;
  allPairs: number;
  /** Median over runs, milliseconds. */
  durationMs: number;
}

/** Result of {@link measureDuplicateDetection}. */
export interface DuplicateBenchmark {
  files: string[];
  importMs: number;
  /** All banks together, pairs within each bank (scope = file). */
  withinBanks: DuplicateRunFigures;
  /** All banks together, pairs in any scope (also across banks). */
  acrossBanks: DuplicateRunFigures;
  /** 10,000 items: the banks' items plus seeded edited copies (a near-duplicate-heavy worst case). */
  synthetic: DuplicateRunFigures;
}

/** Directory of the shared xlsx banks, relative to this module (repository layout). */
export function sharedBanksDirectory(): string {
  return fileURLToPath(new URL('../../../../shared/banks/', import.meta.url));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function run(items: DuplicateCandidate[], options: FindDuplicatesOptions, runs: number): DuplicateRunFigures {
  const durations: number[] = [];
  let report = findDuplicates(items, options);
  for (let index = 0; index < runs; index += 1) {
    report = findDuplicates(items, options);
    durations.push(report.durationMs);
  }
  return {
    items: report.items,
    exactDuplicates: report.exactDuplicates,
    nearDuplicates: report.nearDuplicates,
    pairs: report.pairs.length,
    clusters: report.clusters.length,
    duplicateRate: report.duplicateRate,
    comparisons: report.comparisons,
    allPairs: (report.items * (report.items - 1)) / 2,
    durationMs: median(durations),
  };
}

function editText(text: string, edits: number, random: () => number): string {
  const characters = [...text];
  for (let edit = 0; edit < edits && characters.length > 0; edit += 1) {
    const position = Math.floor(random() * characters.length);
    const donor = characters[Math.floor(random() * characters.length)];
    if (random() < 0.5) characters[position] = donor;
    else characters.splice(position, 0, donor);
  }
  return characters.join('');
}

/**
 * Builds `size` candidates from `base`: the base items first, then copies whose stems carry 1 to
 * 12 random character edits (seeded, so the same every run).
 */
export function syntheticBank(base: readonly DuplicateCandidate[], size: number, seed = 'skillcert-duplicates'): DuplicateCandidate[] {
  const random = seedrandom(seed);
  const items: DuplicateCandidate[] = base.slice(0, size).map((item) => ({ ...item }));
  for (let index = items.length; index < size; index += 1) {
    const source = base[Math.floor(random() * base.length)];
    items.push({ ...source, id: `synthetic-${index}`, stem: editText(source.stem, 1 + Math.floor(random() * 12), random) });
  }
  return items;
}

/**
 * Imports every xlsx bank of `directory` (default: the shared banks) and times `findDuplicates`
 * within banks, across banks and on a synthetic 10,000-item bank (threshold 0.85, options included).
 * @param runs timed runs per case after one warm-up (default 5)
 * @returns counts and median durations in milliseconds
 */
export async function measureDuplicateDetection(directory = sharedBanksDirectory(), runs = 5): Promise<DuplicateBenchmark> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.xlsx')).sort();
  const started = performance.now();
  const candidates: DuplicateCandidate[] = [];
  for (const file of files) {
    const report = await importTheoryBank({ file: `${directory}/${file}`, fileName: file });
    for (const item of report.items) {
      candidates.push({
        id: `${file}#${item.source?.row}`,
        scopeKey: file,
        type: item.type,
        stem: item.stem,
        options: item.options,
        answer: item.answer,
        images: item.images?.map((image) => `${file}/${image}`),
      });
    }
  }
  const importMs = performance.now() - started;
  return {
    files,
    importMs,
    withinBanks: run(candidates, { scopes: 'same' }, runs),
    acrossBanks: run(candidates, { scopes: 'any' }, runs),
    synthetic: run(syntheticBank(candidates, 10_000), { scopes: 'any' }, runs),
  };
}
