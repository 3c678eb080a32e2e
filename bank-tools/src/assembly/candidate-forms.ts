/**
 * Per-candidate forms (R2, R3, R17): which paper of the library each candidate 考生 sits, and the
 * seeded item and option order shown to them, stored so scoring and review map answers back to
 * the bank's option indexes.
 */
import type { TheoryItemType } from '../types';
import { createRandom, shuffled } from './random';
import type { AssemblySeed } from './types';

/** The paper a candidate sits and the seed of their form's order. */
export interface CandidateForm {
  candidateId: string;
  /** 0-based position of the candidate in the roster order given. */
  candidateIndex: number;
  paperIndex: number;
  paperId: string;
  /** Seed for `shuffleForm` (derived from the batch seed and the candidate id). */
  candidateSeed: string;
}

/** Input of `buildCandidateForm` / `buildCandidateForms`. */
export interface CandidateFormInput {
  /** Paper ids of the library (at least 1). */
  paperIds: readonly string[];
  seed: AssemblySeed;
}

function assertPaperIds(paperIds: readonly string[]): void {
  if (paperIds.length === 0) throw new RangeError('paperIds must hold at least one paper id');
}

/**
 * Paper position for the candidate at roster position `candidateIndex`: candidates are taken in
 * blocks of k (k = paper count); each block gets a seeded permutation of the papers, so for any
 * roster length the paper counts differ by at most 1 and neighbours in the roster sit different
 * papers. Deterministic per (seed, index). Throws RangeError for a negative or fractional index.
 */
export function choosePaperIndex(paperCount: number, candidateIndex: number, seed: AssemblySeed): number {
  if (!Number.isInteger(candidateIndex) || candidateIndex < 0) {
    throw new RangeError(`candidateIndex must be an integer >= 0, got ${candidateIndex}`);
  }
  const block = Math.floor(candidateIndex / paperCount);
  const permutation = shuffled(
    Array.from({ length: paperCount }, (_, index) => index),
    createRandom(seed, 'paper-block', block),
  );
  return permutation[candidateIndex % paperCount];
}

/**
 * The form of one candidate: paper and per-candidate seed (R3 paper from the library).
 * `candidateIndex` is the roster position (e.g. admission-ticket order).
 * Throws RangeError for an empty library or a bad index.
 */
export function buildCandidateForm(input: CandidateFormInput & { candidateId: string; candidateIndex: number }): CandidateForm {
  assertPaperIds(input.paperIds);
  const paperIndex = choosePaperIndex(input.paperIds.length, input.candidateIndex, input.seed);
  return {
    candidateId: input.candidateId,
    candidateIndex: input.candidateIndex,
    paperIndex,
    paperId: input.paperIds[paperIndex],
    candidateSeed: `${String(input.seed)}\u001f${input.candidateId}`,
  };
}

/**
 * Forms for a whole roster, in the order given: balanced (paper counts differ by at most 1),
 * seeded and deterministic. Throws RangeError for an empty library or a repeated candidate id.
 */
export function buildCandidateForms(input: CandidateFormInput & { candidateIds: readonly string[] }): CandidateForm[] {
  assertPaperIds(input.paperIds);
  const seen = new Set<string>();
  return input.candidateIds.map((candidateId, candidateIndex) => {
    if (seen.has(candidateId)) throw new RangeError(`candidate ${candidateId} appears twice in the roster`);
    seen.add(candidateId);
    return buildCandidateForm({ paperIds: input.paperIds, seed: input.seed, candidateId, candidateIndex });
  });
}

/** One item of a paper as `shuffleForm` needs it. */
export interface FormItem {
  itemId: string;
  type: TheoryItemType;
  optionCount: number;
}

/** A candidate's display order. */
export interface ShuffledForm {
  /** itemOrder[displayPosition] = index of the item in the paper's itemIds. */
  itemOrder: number[];
  /**
   * optionOrders[paperItemIndex][displayedOption] = bank option index. Judge items keep the
   * identity order (正确, 错误).
   */
  optionOrders: number[][];
}

/**
 * Shuffle a paper for one candidate: items are shuffled inside each run of the same type (the
 * type sections and their order stay, since points differ per type), options of single and
 * multiple items are shuffled, judge items keep 正确/错误. Deterministic per candidateSeed.
 * Throws RangeError for an option count < 1 (judge: must be 2).
 */
export function shuffleForm(input: { items: readonly FormItem[]; candidateSeed: AssemblySeed }): ShuffledForm {
  const random = createRandom(input.candidateSeed, 'form');
  const itemOrder: number[] = [];
  let start = 0;
  while (start < input.items.length) {
    let end = start + 1;
    while (end < input.items.length && input.items[end].type === input.items[start].type) end += 1;
    itemOrder.push(...shuffled(Array.from({ length: end - start }, (_, offset) => start + offset), random));
    start = end;
  }
  const optionOrders = input.items.map((item) => {
    if (!Number.isInteger(item.optionCount) || item.optionCount < 1) {
      throw new RangeError(`item ${item.itemId}: optionCount must be an integer >= 1, got ${item.optionCount}`);
    }
    if (item.type === 'judge' && item.optionCount !== 2) {
      throw new RangeError(`item ${item.itemId}: a judge item has 2 options (正确, 错误), got ${item.optionCount}`);
    }
    const identity = Array.from({ length: item.optionCount }, (_, index) => index);
    return item.type === 'judge' ? identity : shuffled(identity, random);
  });
  return { itemOrder, optionOrders };
}

function assertPermutation(permutation: readonly number[]): void {
  const seen = new Uint8Array(permutation.length);
  for (const value of permutation) {
    if (!Number.isInteger(value) || value < 0 || value >= permutation.length || seen[value] === 1) {
      throw new RangeError(`option permutation [${permutation.join(', ')}] is not a permutation of 0..${permutation.length - 1}`);
    }
    seen[value] = 1;
  }
}

/**
 * Map the options a candidate picked (displayed indexes) to bank option indexes, ascending and
 * without repeats (the bank's answer format), so scoring compares with `TheoryItem.answer`.
 * Throws RangeError when an index is outside the item's options or the permutation is invalid.
 */
export function mapResponseToBank(permutation: readonly number[], displayedOptionIndexes: readonly number[]): number[] {
  assertPermutation(permutation);
  const bank = displayedOptionIndexes.map((displayed) => {
    if (!Number.isInteger(displayed) || displayed < 0 || displayed >= permutation.length) {
      throw new RangeError(`displayed option ${displayed} is outside 0..${permutation.length - 1}`);
    }
    return permutation[displayed];
  });
  return [...new Set(bank)].sort((left, right) => left - right);
}

/**
 * Inverse of `mapResponseToBank`: where bank options appear on the candidate's form (ascending
 * displayed indexes), for review screens showing the key in the candidate's order.
 * Throws RangeError when an index is outside the item's options or the permutation is invalid.
 */
export function mapBankToDisplayed(permutation: readonly number[], bankOptionIndexes: readonly number[]): number[] {
  assertPermutation(permutation);
  const displayedOf = new Array<number>(permutation.length);
  permutation.forEach((bank, displayed) => {
    displayedOf[bank] = displayed;
  });
  const displayed = bankOptionIndexes.map((bank) => {
    if (!Number.isInteger(bank) || bank < 0 || bank >= permutation.length) {
      throw new RangeError(`bank option ${bank} is outside 0..${permutation.length - 1}`);
    }
    return displayedOf[bank];
  });
  return [...new Set(displayed)].sort((left, right) => left - right);
}
