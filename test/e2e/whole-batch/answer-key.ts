/**
 * What a well-prepared candidate knows: the correct options of the bank's items, looked up by the
 * text the exam shows (stem and options in the candidate's order). Built from the bank listing a
 * bank reviewer reads over HTTP (answer keys are shown to bank roles only), so the journey's
 * simulated candidates answer through the real form without reading the attempt's permutation.
 */
import type { HttpAgent } from './http';
import { expectStatus } from './http';

/** A theory item as the bank listing presents it to bank roles. */
interface ListedTheoryItem {
  id: string;
  content: { kind: 'theory'; type: 'single' | 'multiple' | 'judge'; stem: string; options: string[]; answer: number[] };
}

/** A question as shown on the exam form. */
export interface ShownQuestion {
  type: 'single' | 'multiple' | 'judge';
  stem: string;
  options: readonly string[];
}

/** Looks up the correct displayed option indexes of a shown question. */
export interface AnswerKey {
  /** Displayed 0-based option indexes of the correct answer, ascending; null when the item is unknown. */
  correctResponse(question: ShownQuestion): number[] | null;
  /** A wrong but well-formed response (one option for single/judge, two for multiple). */
  wrongResponse(question: ShownQuestion): number[];
  /** Items in the key. */
  readonly size: number;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

function lookupKey(stem: string, options: readonly string[]): string {
  return `${normalise(stem)}\u0000${options.map(normalise).sort().join('\u0001')}`;
}

/**
 * Reads every approved theory item of `scopeId` (pages of 500) and indexes the correct option texts.
 * @throws Error when a page cannot be read.
 */
export async function loadAnswerKey(reviewer: HttpAgent, scopeId: string): Promise<AnswerKey> {
  const correctTexts = new Map<string, string[]>();
  for (let offset = 0; ; offset += 500) {
    const page = expectStatus<{ items: ListedTheoryItem[]; total: number }>(
      await reviewer.get('/api/bank/items').query({ scopeId, kind: 'theory', status: 'approved', limit: 500, offset }),
      200,
      'list bank items',
    );
    for (const item of page.items) {
      const { stem, options, answer } = item.content;
      correctTexts.set(lookupKey(stem, options), answer.map((index) => normalise(options[index])));
    }
    if (offset + 500 >= page.total) break;
  }
  const correctResponse = (question: ShownQuestion): number[] | null => {
    const texts = correctTexts.get(lookupKey(question.stem, question.options));
    if (!texts) return null;
    return question.options.map((option, index) => (texts.includes(normalise(option)) ? index : -1)).filter((index) => index >= 0);
  };
  return {
    size: correctTexts.size,
    correctResponse,
    wrongResponse(question) {
      const correct = correctResponse(question) ?? [];
      const wrong = question.options.map((_, index) => index).filter((index) => !correct.includes(index));
      if (question.type === 'multiple') return wrong.length >= 2 ? wrong.slice(0, 2) : [0, 1].filter((index) => index < question.options.length);
      return [wrong[0] ?? 0];
    },
  };
}
