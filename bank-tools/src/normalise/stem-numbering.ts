/**
 * Item numbering in front of stems (`1、`, `1.`, `1．`, `(1)`, `263<TAB>`), as found in bank files.
 */

const NUMBERED = /^([0-9０-９]{1,5})([ \t\u3000]*)([、.．,，:：)）]?)\3?([ \t\u3000]*)/u;
const PARENTHESISED = /^[(（][ \t\u3000]*([0-9０-９]{1,5})[ \t\u3000]*[)）][ \t\u3000]*/u;
const LEADING_NUMBER = /^\s*[(（]?\s*([0-9０-９]{1,5})/u;
const DIGIT = /[0-9０-９]/u;
/** `54.54、…`: a number written twice, the second time with 、. */
const DOUBLED = /^([0-9０-９]{1,5})[ \t\u3000]*[.．][ \t\u3000]*\1[ \t\u3000]*、[ \t\u3000]*/u;

/** Result of {@link stripStemNumbering}: the stem without numbering and the number removed, if any. */
export interface StrippedStem {
  stem: string;
  number?: number;
}

/** Numbering of the neighbouring rows of the same sheet, used to settle ambiguous numbers. */
export interface NumberingContext {
  /** Number removed from the previous stem. */
  previousNumber?: number;
  /** Leading number of the next row's stem (see {@link leadingNumber}). */
  nextNumber?: number;
}

function toNumber(digits: string): number {
  return Number(digits.normalize('NFKC'));
}

/** The integer a text starts with (`12.…` → 12, `(3)…` → 3), or undefined. */
export function leadingNumber(text: string): number | undefined {
  const match = LEADING_NUMBER.exec(text);
  return match ? toNumber(match[1]) : undefined;
}

function stripOnce(stem: string, context: NumberingContext): StrippedStem {
  const parenthesised = PARENTHESISED.exec(stem);
  if (parenthesised && parenthesised[0].length < stem.length) {
    return { stem: stem.slice(parenthesised[0].length), number: toNumber(parenthesised[1]) };
  }
  const match = NUMBERED.exec(stem);
  if (!match) return { stem };
  const [whole, digits, blanksBefore, separator, blanksAfter] = match;
  const rest = stem.slice(whole.length);
  if (rest.length === 0) return { stem };
  const value = toNumber(digits);
  let isUnambiguous: boolean;
  if (separator === '、') {
    isUnambiguous = true;
  } else if (separator !== '') {
    // `3.5米` is a decimal unless the numbering says otherwise; `3. 5米` has a blank after the dot.
    isUnambiguous = blanksAfter.length > 0 || !DIGIT.test(rest[0]);
  } else {
    isUnambiguous = blanksBefore.includes('\t');
  }
  const isInSequence =
    (context.previousNumber !== undefined && value === context.previousNumber + 1) ||
    (context.nextNumber !== undefined && value + 1 === context.nextNumber);
  if (!isUnambiguous && !isInSequence) return { stem };
  if (separator === '' && blanksBefore === '' && DIGIT.test(rest[0])) return { stem };
  return { stem: rest, number: value };
}

/**
 * Removes the leading item number from a (trimmed) stem.
 *
 * Unambiguous forms are always removed: `1、`, `(1)`, `1..` (doubled separator), `1.`/`1．`/`1,`/
 * `1，`/`1:`/`1)` when not followed by a digit, and `1<TAB>`. Ambiguous forms — a bare number
 * (`25采用…`), a number and spaces (`12 …`), or a separator followed by a digit (`1.2004年…`,
 * `3.5米…`) — are removed only when they continue the sheet's numbering (previous + 1, or next − 1),
 * so `380V…` or `1.5m…` stay intact. A number written twice (`54.54、…`) is removed twice.
 * Text after the number is returned exactly (only blanks after the number are dropped).
 *
 * @param stem trimmed stem text
 * @param context numbers of the neighbouring stems of the same sheet
 */
export function stripStemNumbering(stem: string, context: NumberingContext = {}): StrippedStem {
  const doubled = DOUBLED.exec(stem);
  if (doubled && doubled[0].length < stem.length) return { stem: stem.slice(doubled[0].length), number: toNumber(doubled[1]) };
  return stripOnce(stem, context);
}
