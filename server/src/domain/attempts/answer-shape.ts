/**
 * Shape rules of a displayed response per item type (R3 theory item types): single choice 单选 and
 * judge 判断 take exactly one option, multiple choice 多选 one or more distinct options; every index
 * lies inside the item's options; `[]` clears the answer. Pure.
 */
import { AppError } from '../../errors';

/** What the check needs of a slot. */
export interface SlotShape {
  type: 'single' | 'multiple' | 'judge';
  optionCount: number;
}

/**
 * Throws when `response` does not fit the slot.
 * @param slot 1-based slot number, for the message.
 * @throws AppError `validation_failed` naming the slot and the problem, e.g.
 *   `response: slot 3 (single) takes exactly one option, got 2`.
 */
export function assertResponseShape(slot: number, shape: SlotShape, response: readonly number[]): void {
  if (response.length === 0) return;
  const fail = (problem: string): never => {
    throw new AppError('validation_failed', `response: slot ${slot} (${shape.type}) ${problem}`, {
      issues: [{ field: 'response', message: problem }],
      slot,
    });
  };
  if ((shape.type === 'single' || shape.type === 'judge') && response.length !== 1) {
    fail(`takes exactly one option, got ${response.length}`);
  }
  const seen = new Set<number>();
  for (const index of response) {
    if (!Number.isInteger(index) || index < 0 || index >= shape.optionCount) {
      fail(`option ${index} is outside 0..${shape.optionCount - 1}`);
    }
    if (seen.has(index)) fail(`option ${index} is given twice`);
    seen.add(index);
  }
}
