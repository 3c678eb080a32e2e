/**
 * Parser of the 题目选项 cell: option texts separated by `**` or `##` (with or without a leading
 * separator), each labelled `A.`, `A、`, `A．`, `A:`, `(A)` or a bare letter (`**A化学品仓库`).
 */

const SEPARATOR = /\*\*|##/g;
const HAS_SEPARATOR = /\*\*|##/;
const LABEL_AT_BOUNDARY = /^[ \t\u3000]*[(（]?[ \t\u3000]*([A-Za-zＡ-Ｚａ-ｚ])[ \t\u3000]*[)）]?[ \t\u3000]*[.、．:：]?/u;
const STRONG_INLINE_LABEL = /([A-Za-zＡ-Ｚａ-ｚ])[ \t\u3000]*[.、．:：]/gu;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/;

/** Options found in a cell, or why none could be found. */
export type ParsedOptions =
  | { ok: true; options: string[]; warnings: string[] }
  | { ok: false; reason: string };

type LabelKind = 'separator' | 'strong' | 'weak';

interface Label {
  /** 0-based letter index (A = 0). */
  letter: number;
  /** Index of the label's first character (the separator for separator labels). */
  start: number;
  /** Index of the option text after the label. */
  textStart: number;
  kind: LabelKind;
  /** Inline label glued to a preceding Latin letter or digit (`…tB.3～5t`, `PE、L2`). */
  isGlued?: boolean;
}

/** 0-based index of an option letter (`A`, `ａ`, `Ｃ` …), or -1. */
export function letterIndex(character: string): number {
  if (character.length !== 1) return -1;
  const code = character.charCodeAt(0);
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 97; // a-z
  if (code >= 0xff21 && code <= 0xff3a) return code - 0xff21; // Ａ-Ｚ
  if (code >= 0xff41 && code <= 0xff5a) return code - 0xff41; // ａ-ｚ
  return -1;
}

/** Option letter for a 0-based index (0 → `A`). */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

function findSeparatorLabels(text: string): { labels: Label[]; boundaries: number[] } {
  const boundaries: { sepStart: number; textStart: number }[] = [{ sepStart: 0, textStart: 0 }];
  for (const match of text.matchAll(SEPARATOR)) {
    boundaries.push({ sepStart: match.index, textStart: match.index + match[0].length });
  }
  const labels: Label[] = [];
  for (const boundary of boundaries) {
    const match = LABEL_AT_BOUNDARY.exec(text.slice(boundary.textStart, boundary.textStart + 12));
    if (!match) continue;
    const letter = letterIndex(match[1]);
    if (letter < 0) continue;
    labels.push({ letter, start: boundary.sepStart, textStart: boundary.textStart + match[0].length, kind: 'separator' });
  }
  return { labels, boundaries: boundaries.map((boundary) => boundary.sepStart) };
}

function findStrongInlineLabels(text: string): Label[] {
  const labels: Label[] = [];
  for (const match of text.matchAll(STRONG_INLINE_LABEL)) {
    const letter = letterIndex(match[1]);
    if (letter < 0) continue;
    const isGlued = match.index > 0 && ASCII_ALPHANUMERIC.test(text[match.index - 1]);
    labels.push({ letter, start: match.index, textStart: match.index + match[0].length, kind: 'strong', isGlued });
  }
  return labels;
}

function isWeakLabelAt(text: string, index: number): boolean {
  const before = text[index - 1];
  const after = text[index + 1];
  const isNeighbourText = (character: string | undefined) =>
    character !== undefined && !ASCII_ALPHANUMERIC.test(character) && !/\s/u.test(character) && character !== '*' && character !== '#';
  return isNeighbourText(before) && isNeighbourText(after);
}

function findWeakLabel(text: string, letter: number, from: number): Label | undefined {
  const ascii = optionLetter(letter);
  const fullWidth = String.fromCharCode(0xff21 + letter);
  for (let index = from; index < text.length; index += 1) {
    const character = text[index];
    if ((character === ascii || character === fullWidth) && isWeakLabelAt(text, index)) {
      return { letter, start: index, textStart: index + 1, kind: 'weak' };
    }
  }
  return undefined;
}

function cleanOptionText(raw: string): string {
  return raw.replace(SEPARATOR, '').trim();
}

function isTextBlank(raw: string): boolean {
  return cleanOptionText(raw) === '';
}

/** Options whose separator labels are a permutation of A, B, C … (e.g. `**C…**A…**B…`). */
function parsePermutedLabels(text: string, separatorLabels: Label[]): ParsedOptions | undefined {
  const segments = text.split(SEPARATOR).filter((segment) => segment.trim() !== '');
  if (segments.length < 2 || separatorLabels.length !== segments.length) return undefined;
  const byLetter = new Map<number, string>();
  for (let index = 0; index < separatorLabels.length; index += 1) {
    const label = separatorLabels[index];
    const end = index + 1 < separatorLabels.length ? separatorLabels[index + 1].start : text.length;
    if (byLetter.has(label.letter)) return undefined;
    byLetter.set(label.letter, cleanOptionText(text.slice(label.textStart, end)));
  }
  const options: string[] = [];
  for (let letter = 0; letter < byLetter.size; letter += 1) {
    const option = byLetter.get(letter);
    if (option === undefined) return undefined;
    options.push(option);
  }
  return { ok: true, options, warnings: ['option labels are out of order; options were put in A, B, C order'] };
}

/**
 * Parses a 题目选项 cell into option texts in label order.
 *
 * Labels are found, in order of preference, right after a separator (`**B.`, `**B`), inside the
 * text with punctuation (`…tB.3～5t`), or — only when needed to reach the answer's letters or a
 * later separator label — as a bare capital between two non-Latin characters (`…规程B服从…`).
 * A separator followed by an earlier letter (`**A.30m**A**B.50m**A`, the unit ampere) is option
 * text; a repeated letter where the next is missing (`**C.G**C.V`) is read as the next letter.
 * Separators inside an option's text are removed, everything else is kept exactly (trimmed).
 *
 * @param raw cell text
 * @param highestAnswerLetter 0-based index of the highest letter in the answer cell, or -1
 * @returns the options and warnings for the editor, or the reason the cell has no usable options
 */
export function parseOptions(raw: string, highestAnswerLetter = -1): ParsedOptions {
  const text = raw.trim();
  if (isTextBlank(text)) return { ok: false, reason: 'options are missing' };

  const { labels: separatorLabels } = findSeparatorLabels(text);
  const strongLabels = findStrongInlineLabels(text);
  const warnings: string[] = [];

  const firstLabel = separatorLabels.find((label) => label.start === 0 || isTextBlank(text.slice(0, label.start)));
  if (!firstLabel) {
    return { ok: false, reason: 'options have no A/B/C labels (expected e.g. "**A.…**B.…")' };
  }
  if (firstLabel.letter !== 0) {
    const permuted = parsePermutedLabels(text, separatorLabels);
    if (permuted) return permuted;
    return { ok: false, reason: `options start with label ${optionLetter(firstLabel.letter)} instead of A` };
  }

  const chosen: Label[] = [firstLabel];
  let position = firstLabel.textStart;
  for (let letter = 1; letter < 26; letter += 1) {
    // a doubtful label (bare letter, or glued to Latin text) is taken only when something needs it:
    // a later label follows it, or the answer refers to this letter or a later one
    const isNeeded = (candidate: Label) =>
      highestAnswerLetter >= letter ||
      [...separatorLabels, ...strongLabels].some((label) => label.letter > letter && label.start > candidate.start && !label.isGlued);
    const bySeparator = separatorLabels.find((label) => label.letter === letter && label.start >= position);
    const byPunctuation = strongLabels.find(
      (label) => label.letter === letter && label.start >= position && (!label.isGlued || isNeeded(label)),
    );
    let next = bySeparator ?? byPunctuation;
    if (!next) {
      const weak = findWeakLabel(text, letter, position);
      if (weak && isNeeded(weak)) next = weak;
    }
    if (!next) {
      const repeated = separatorLabels.find(
        (label) => label.letter === letter - 1 && label.start >= position && !isTextBlank(text.slice(label.textStart)),
      );
      const hasLaterLabel = separatorLabels.some((label) => label.letter > letter && label.start >= position);
      if (repeated && !hasLaterLabel) {
        warnings.push(`label ${optionLetter(letter - 1)} appears twice; the second was read as ${optionLetter(letter)}`);
        next = { ...repeated, letter };
      }
    }
    if (!next) break;
    if (next.kind !== 'separator') {
      warnings.push(`label ${optionLetter(letter)} has no "**" separator before it`);
    }
    chosen.push(next);
    position = next.textStart;
  }

  const lastLetter = chosen.length - 1;
  const skipped = separatorLabels.find((label) => label.letter > lastLetter + 1 && label.start >= position);
  if (skipped) {
    return {
      ok: false,
      reason: `option ${optionLetter(lastLetter + 1)} is missing (labels jump from ${optionLetter(lastLetter)} to ${optionLetter(skipped.letter)})`,
    };
  }

  const options: string[] = [];
  for (let index = 0; index < chosen.length; index += 1) {
    const end = index + 1 < chosen.length ? chosen[index + 1].start : text.length;
    const body = text.slice(chosen[index].textStart, end);
    if (HAS_SEPARATOR.test(body.replace(/\s*(\*\*|##)\s*$/u, ''))) {
      warnings.push(`option ${optionLetter(index)} contains a "**" or "##" separator that starts no option`);
    }
    options.push(cleanOptionText(body));
  }
  const emptyIndex = options.findIndex((option) => option === '');
  if (emptyIndex >= 0) return { ok: false, reason: `option ${optionLetter(emptyIndex)} is empty` };
  return { ok: true, options, warnings };
}
