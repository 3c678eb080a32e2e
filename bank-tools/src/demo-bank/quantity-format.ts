/**
 * Number formatting and distractor building for the demo bank's numeric item templates: every
 * option of one item uses the same unit (with an SI prefix chosen from the key) and the same
 * number of decimals, so options differ only in their value.
 */

/** How the options of one numeric item are written: unit with prefix, divisor, fixed decimals. */
export interface QuantityFormat {
  /** Unit text shown after the number, prefix included (`mA`, `kW`, `r/min`, `%`, or ''). */
  unit: string;
  /** Value in base units divided by this gives the shown number (1e-3 for `mA`). */
  factor: number;
  decimals: number;
  /** Text before the number, e.g. `±`. */
  sign: string;
}

/** Options of {@link chooseQuantityFormat}. */
export interface QuantityFormatOptions {
  /** Fixed decimals; default: 3 significant figures of the key (>= 100: 0, >= 10: 1, >= 1: 2, else 3). */
  decimals?: number;
  /** Keep the unit as given (no SI prefix). */
  isUnitFixed?: boolean;
  /** Text before every number, e.g. `±`. */
  sign?: string;
}

/** Units that take SI prefixes, with the prefixes allowed. */
const PREFIXED_UNITS: Record<string, { milli: boolean; kilo: boolean; mega: boolean }> = {
  A: { milli: true, kilo: false, mega: false },
  V: { milli: true, kilo: true, mega: false },
  W: { milli: true, kilo: true, mega: true },
  'Ω': { milli: true, kilo: true, mega: true },
  var: { milli: false, kilo: true, mega: false },
  VA: { milli: false, kilo: true, mega: false },
  s: { milli: true, kilo: false, mega: false },
  J: { milli: false, kilo: true, mega: true },
};

/** Decimals giving about three significant figures for a shown value. */
export function decimalsForValue(shown: number): number {
  const magnitude = Math.abs(shown);
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 3;
}

/**
 * Choose the unit prefix and decimals for an item from its key (value in base units, e.g. A, W).
 * `mA` below 1 A, `kW` from 1000 W, `MΩ` from 1e6 Ω and so on; other units stay as given.
 */
export function chooseQuantityFormat(key: number, unit: string, options: QuantityFormatOptions = {}): QuantityFormat {
  let factor = 1;
  let shownUnit = unit;
  const prefixes = options.isUnitFixed ? undefined : PREFIXED_UNITS[unit];
  const magnitude = Math.abs(key);
  if (prefixes) {
    if (prefixes.mega && magnitude >= 1e6) {
      factor = 1e6;
      shownUnit = `M${unit}`;
    } else if (prefixes.kilo && magnitude >= 1000) {
      factor = 1000;
      shownUnit = `k${unit}`;
    } else if (prefixes.milli && magnitude > 0 && magnitude < 1) {
      factor = 1e-3;
      shownUnit = `m${unit}`;
    }
  }
  const decimals = options.decimals ?? decimalsForValue(key / factor);
  return { unit: shownUnit, factor, decimals, sign: options.sign ?? '' };
}

/** Fixed-decimal text of a number without a negative zero (`-0.00` becomes `0.00`). */
export function formatNumber(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0+)?$/u.test(text) ? text.slice(1) : text;
}

/** Text of a value (base units) in a format: `2.27 A`, `450 mA`, `30°`, `4.00%`, `±4.5 V`. */
export function formatQuantity(value: number, format: QuantityFormat): string {
  const number = `${format.sign}${formatNumber(value / format.factor, format.decimals)}`;
  if (format.unit === '') return number;
  const isAttached = format.unit.startsWith('°') || format.unit.startsWith('%');
  return isAttached ? `${number}${format.unit}` : `${number} ${format.unit}`;
}

/** Fallback multipliers when the typical mistakes give too few distinct distractors. */
const FALLBACK_FACTORS = [1.5, 0.5, 2, 0.8, 1.25, 3, 0.25, 0.6, 1.4, 4, 0.1, 10];

/** Smallest relative distance between a distractor and the key (fraction 0..1). */
export const MINIMUM_DISTRACTOR_GAP = 0.04;

/** Options of {@link buildNumericChoices}. */
export interface NumericChoiceOptions extends QuantityFormatOptions {
  /** Allow negative and zero distractors (default false: only values > 0). */
  isSignAllowed?: boolean;
  /** Most distractors kept (default 5). */
  maxDistractors?: number;
  /** Smallest absolute distance to the key in base units; default relative {@link MINIMUM_DISTRACTOR_GAP}. */
  minimumGap?: number;
}

/**
 * Format a computed key and the values of typical mistakes (forgetting √3, peak for RMS, wrong
 * prefix, inverted ratio …) as option texts of one format. Mistakes that are not finite, not
 * positive (unless allowed), closer than the gap (default {@link MINIMUM_DISTRACTOR_GAP} x key)
 * to the key or to an earlier distractor, that print as zero, or that print the same as the key
 * or an earlier distractor are dropped; fallback multiples of the key fill up
 * to three distractors. Mistake order is kept (most typical first).
 *
 * @returns key text and at least three distinct distractor texts, none equal to the key
 * @throws Error when the key is not a finite number
 */
export function buildNumericChoices(
  key: number,
  mistakes: readonly number[],
  unit: string,
  options: NumericChoiceOptions = {},
): { key: string; distractors: string[] } {
  if (!Number.isFinite(key)) throw new Error(`numeric item key must be finite, got ${key}`);
  const format = chooseQuantityFormat(key, unit, options);
  const keyText = formatQuantity(key, format);
  const maxDistractors = options.maxDistractors ?? 5;
  const distractors: string[] = [];
  const accepted: number[] = [key];
  const gap = options.minimumGap ?? MINIMUM_DISTRACTOR_GAP * Math.max(Math.abs(key), 1e-12);
  const consider = (value: number): void => {
    if (distractors.length >= maxDistractors) return;
    if (!Number.isFinite(value)) return;
    if (!options.isSignAllowed && value <= 0) return;
    if (accepted.some((other) => Math.abs(value - other) < gap)) return;
    const text = formatQuantity(value, format);
    const isShownAsZero = Number(formatNumber(value / format.factor, format.decimals)) === 0;
    if (text === keyText || distractors.includes(text) || (isShownAsZero && key !== 0 && !options.isSignAllowed)) return;
    accepted.push(value);
    distractors.push(text);
  };
  mistakes.forEach(consider);
  for (const factor of FALLBACK_FACTORS) {
    if (distractors.length >= 3) break;
    consider(key * factor);
  }
  return { key: keyText, distractors };
}
