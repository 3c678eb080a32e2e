/**
 * Seeded randomness for assembly (ARCHITECTURE rule 6): every random choice comes from a
 * seedrandom generator, never Math.random or the clock, so same seed ⇒ same output.
 */
import seedrandom from 'seedrandom';
import type { AssemblySeed } from './types';

/** A seeded generator of floats in [0, 1). */
export type RandomSource = () => number;

/**
 * Create a seeded generator (Alea algorithm) from a seed and optional sub-stream labels, so that
 * separate purposes (e.g. one candidate's form) get independent but reproducible streams.
 * Throws RangeError when the seed is an empty string or a non-finite number.
 */
export function createRandom(seed: AssemblySeed, ...labels: (string | number)[]): RandomSource {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number or a non-empty string, got ${seed}`);
  }
  if (typeof seed === 'string' && seed.length === 0) {
    throw new RangeError('seed must be a non-empty string or a finite number');
  }
  const key = [typeof seed === 'number' ? `n:${seed}` : `s:${seed}`, ...labels.map(String)].join('\u001f');
  return seedrandom.alea(key);
}

/** Integer in [0, exclusiveMax) from a seeded generator. */
export function randomInt(random: RandomSource, exclusiveMax: number): number {
  return Math.floor(random() * exclusiveMax);
}

/** Fisher-Yates shuffle of a copy of `values`, driven by the seeded generator. */
export function shuffled<T>(values: readonly T[], random: RandomSource): T[] {
  const copy = values.slice();
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(random, index + 1);
    const held = copy[index];
    copy[index] = copy[other];
    copy[other] = held;
  }
  return copy;
}

/** Code-unit string comparison (locale-independent, so ordering never depends on the machine). */
export function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
