/**
 * JSON form of a theory bank: `{ format: 'skillcert.theory-bank', version: 1, items }`.
 */
import { z } from 'zod';
import type { TheoryItem } from '../types';
import { BankImportError } from '../importers/bank-import-error';

/** Format tag of the JSON document. */
export const THEORY_BANK_JSON_FORMAT = 'skillcert.theory-bank';

const itemSchema = z
  .object({
    kind: z.literal('theory'),
    type: z.enum(['single', 'multiple', 'judge']),
    stem: z.string().min(1),
    options: z.array(z.string().min(1)).min(2).max(26),
    answer: z.array(z.number().int().min(0)).min(1),
    knowledgePoint: z.string().optional(),
    category: z.string().optional(),
    chapter: z.string().optional(),
    difficulty: z.number().min(1).max(5).optional(),
    images: z.array(z.string()).optional(),
    source: z.object({ file: z.string(), sheet: z.string(), row: z.number().int() }).optional(),
  })
  .superRefine((item, context) => {
    if (item.answer.some((index) => index >= item.options.length)) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `answer index beyond the ${item.options.length} options` });
    }
    if (new Set(item.answer).size !== item.answer.length) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'answer repeats an option' });
    }
    if ((item.type === 'single' || item.type === 'judge') && item.answer.length !== 1) {
      context.addIssue({ code: 'custom', path: ['answer'], message: `${item.type} item needs exactly one answer` });
    }
    if (item.type === 'multiple' && item.answer.length < 2) {
      context.addIssue({ code: 'custom', path: ['answer'], message: 'multiple item needs at least two answers' });
    }
    if (item.type === 'judge' && (item.options.length !== 2 || item.options[0] !== '正确' || item.options[1] !== '错误')) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'judge item options must be ["正确", "错误"]' });
    }
  });

const documentSchema = z.object({
  format: z.literal(THEORY_BANK_JSON_FORMAT),
  version: z.literal(1),
  items: z.array(itemSchema),
});
const itemsSchema = z.array(itemSchema);

/**
 * Serialises items as a JSON document (pretty-printed, stable key order of the item objects).
 * @returns JSON text
 */
export function exportTheoryBankJson(items: readonly TheoryItem[]): string {
  return `${JSON.stringify({ format: THEORY_BANK_JSON_FORMAT, version: 1, items }, null, 2)}\n`;
}

/**
 * Parses and validates a JSON theory bank (the document of {@link exportTheoryBankJson} or a bare
 * array of items). Answers are returned in ascending order.
 * @throws BankImportError `INVALID_JSON` naming the path of the first problems (e.g. `items[3].answer`)
 */
export function parseTheoryBankJson(text: string): TheoryItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BankImportError('INVALID_JSON', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = Array.isArray(data) ? itemsSchema.safeParse(data) : documentSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./u, '');
      return `${path || '(document)'}: ${issue.message}`;
    });
    throw new BankImportError('INVALID_JSON', `not a theory bank: ${problems.join('; ')}`, { issues: parsed.error.issues });
  }
  const items = Array.isArray(parsed.data) ? parsed.data : parsed.data.items;
  return items.map((item) => ({ ...item, answer: [...item.answer].sort((a, b) => a - b) }) as TheoryItem);
}
