/**
 * Text normalisation used to compare items (R2: near-duplicate items count as the same item).
 * Normalised text is for comparison only; it is never stored as the item's text.
 */
import { stripStemNumbering } from './stem-numbering';

const WHITESPACE = /\s+/gu;
const PUNCTUATION = /\p{P}+/gu;

/**
 * Normalises text for comparison (R2): Unicode NFKC (full-width letters, digits and punctuation
 * become their ASCII forms), lower case, removal of a leading item number (`12、`, `12.`),
 * of all whitespace and of all punctuation (Unicode category P, which includes brackets of
 * blanks such as `（  ）` and `____`). Symbols (`≥`, `℃`, `%`) and digits are kept.
 *
 * @returns the normalised text, possibly empty
 */
export function normaliseText(text: string): string {
  const nfkc = text.normalize('NFKC').trim();
  const unnumbered = stripStemNumbering(nfkc).stem;
  return unnumbered.toLowerCase().replace(WHITESPACE, '').replace(PUNCTUATION, '');
}

/**
 * Normalises an item's stem and options for comparison (R2).
 * @returns normalised stem and normalised options in their original order
 */
export function normaliseItemText(item: { stem: string; options: readonly string[] }): {
  stem: string;
  options: string[];
} {
  return { stem: normaliseText(item.stem), options: item.options.map(normaliseText) };
}
