/**
 * Largest-remainder apportionment: splits a whole number in proportion to weights so the parts
 * sum exactly to the whole.
 */

/**
 * Splits `total` (a non-negative integer) into integers proportional to `weights` (>= 0) that sum to
 * `total`. Ties in remainders go to the earlier weight. All-zero weights give all zeros (and
 * `total` must then be 0 to be met; the parts sum to 0).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((accumulator, weight) => accumulator + weight, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (weight / sum) * total);
  const parts = exact.map((value) => Math.floor(value + 1e-9));
  let rest = total - parts.reduce((accumulator, part) => accumulator + part, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value + 1e-9) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (rest <= 0) break;
    parts[index] += 1;
    rest -= 1;
  }
  return parts;
}

/** Fractions 0..1 proportional to `counts`, rounded to 4 decimals and summing exactly to 1. */
export function shares(counts: readonly number[]): number[] {
  return apportion(10_000, counts).map((part) => part / 10_000);
}
