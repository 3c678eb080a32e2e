/**
 * Character shingles, MinHash signatures and LSH banding: candidate pairs for near-duplicate
 * detection without comparing every pair of items.
 */

/** murmur3 32-bit finaliser: a fast, well-mixed 32-bit hash step. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units of `text[start, end)`. */
function hashText(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let index = start; index < end; index += 1) {
    h ^= text.charCodeAt(index);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Set of hashed character n-grams of a normalised text, sorted ascending without repeats.
 * A text shorter than `size` gives one shingle (the whole text); an empty text gives none.
 */
export function shingleSet(text: string, size = 2): Uint32Array {
  if (text.length === 0) return new Uint32Array(0);
  if (text.length <= size) return Uint32Array.of(hashText(text, 0, text.length));
  const hashes = new Uint32Array(text.length - size + 1);
  for (let start = 0; start + size <= text.length; start += 1) hashes[start] = hashText(text, start, start + size);
  hashes.sort();
  let unique = 0;
  for (let index = 0; index < hashes.length; index += 1) {
    if (index === 0 || hashes[index] !== hashes[index - 1]) hashes[unique++] = hashes[index];
  }
  return hashes.slice(0, unique);
}

/** Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted shingle sets, a fraction 0..1 (1 for two empty sets). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common += 1;
      i += 1;
      j += 1;
    } else if (a[i] < b[j]) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return common / (a.length + b.length - common);
}

/** MinHash signature: for each of `size` seeded hash functions, the minimum over the shingles. */
export function minHashSignature(shingles: Uint32Array, size: number, seeds: Uint32Array): Uint32Array {
  const signature = new Uint32Array(size).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s += 1) {
    const shingle = shingles[s];
    for (let k = 0; k < size; k += 1) {
      const value = mix32(shingle ^ seeds[k]);
      if (value < signature[k]) signature[k] = value;
    }
  }
  return signature;
}

/** Fixed pseudo-random seeds for the MinHash functions (deterministic results, R2 reproducibility). */
export function minHashSeeds(size: number, seed = 0x2545f491): Uint32Array {
  const seeds = new Uint32Array(size);
  let state = seed >>> 0;
  for (let k = 0; k < size; k += 1) {
    state = mix32(state + 0x9e3779b9);
    seeds[k] = state;
  }
  return seeds;
}

/**
 * Numeric key of band `band` (signature rows `band*rows … band*rows+rows-1`): `band * 2^32 + hash`,
 * a safe integer. Different bands never share a key; equal band rows always do.
 */
export function bandKey(signature: Uint32Array, band: number, rows: number): number {
  let h = 0x811c9dc5;
  for (let row = band * rows; row < band * rows + rows; row += 1) {
    h = mix32(Math.imul(h ^ signature[row], 0x01000193));
  }
  return band * 0x100000000 + (h >>> 0);
}

/**
 * Probability that two sets of Jaccard similarity `similarity` become a candidate pair with
 * `bands` bands of `rows` rows: 1 − (1 − s^rows)^bands.
 */
export function candidateProbability(similarity: number, bands: number, rows: number): number {
  return 1 - (1 - similarity ** rows) ** bands;
}
