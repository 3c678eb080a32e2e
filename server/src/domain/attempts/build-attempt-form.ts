/**
 * Builds one candidate's form from a paper (R3 items from the bank, R17 no keys to candidates): the
 * seeded item and option order of bank-tools' `shuffleForm` (items shuffled inside their type
 * section, options of single and multiple items shuffled, judge items keep 正确/错误), the
 * server-side slot table (bank mapping) and the key-free displayed snapshot. Pure.
 */
import { mapResponseToBank, shuffleForm } from '@skillcert/bank-tools/assembly/index';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { AttemptFormItemRecord } from './attempt-form.model';

/** One paper slot with the pinned item version's content. */
export interface PaperItemInput {
  itemId: string;
  version: number;
  points: number;
  content: TheoryItem;
}

/** Server-side slot of a built form (ids as strings). */
export interface BuiltSlot {
  slot: number;
  paperSlotIndex: number;
  itemId: string;
  version: number;
  type: TheoryItem['type'];
  points: number;
  optionCount: number;
  /** optionOrder[displayedIndex] = bank option index. */
  optionOrder: number[];
}

/** A built form: the slot table and the displayed snapshot, both in display order. */
export interface BuiltForm {
  slots: BuiltSlot[];
  items: AttemptFormItemRecord[];
  totalCount: number;
  totalPoints: number;
}

/**
 * Shuffles `paperItems` (in paper order) for `candidateSeed` and numbers the slots 1..n.
 * Deterministic per seed (ARCHITECTURE rule 6).
 * @throws AppError `precondition_failed` when an item is not a theory item or a judge item does not
 *   have exactly 2 options (the paper cannot be sat).
 */
export function buildAttemptForm(input: { paperItems: readonly PaperItemInput[]; candidateSeed: string }): BuiltForm {
  for (const [index, item] of input.paperItems.entries()) {
    if (item.content?.kind !== 'theory') {
      throw new AppError('precondition_failed', `paper slot ${index + 1}: item ${item.itemId} v${item.version} is not a theory item`);
    }
  }
  let shuffledForm;
  try {
    shuffledForm = shuffleForm({
      items: input.paperItems.map((item) => ({ itemId: item.itemId, type: item.content.type, optionCount: item.content.options.length })),
      candidateSeed: input.candidateSeed,
    });
  } catch (error) {
    throw new AppError('precondition_failed', `paper cannot be shuffled: ${(error as Error).message}`);
  }
  const slots: BuiltSlot[] = [];
  const items: AttemptFormItemRecord[] = [];
  let totalPoints = 0;
  shuffledForm.itemOrder.forEach((paperSlotIndex, displayIndex) => {
    const paperItem = input.paperItems[paperSlotIndex];
    const content = paperItem.content;
    const optionOrder = shuffledForm.optionOrders[paperSlotIndex];
    const slot = displayIndex + 1;
    slots.push({
      slot,
      paperSlotIndex,
      itemId: paperItem.itemId,
      version: paperItem.version,
      type: content.type,
      points: paperItem.points,
      optionCount: content.options.length,
      optionOrder,
    });
    items.push({
      slot,
      number: slot,
      type: content.type,
      points: paperItem.points,
      stem: content.stem,
      options: optionOrder.map((bankIndex) => content.options[bankIndex]),
      ...(content.images && content.images.length > 0 ? { images: [...content.images] } : {}),
    });
    totalPoints += paperItem.points;
  });
  return { slots, items, totalCount: slots.length, totalPoints: Math.round(totalPoints * 1e6) / 1e6 };
}

/** A candidate's answer in bank terms, as objective scoring takes it. */
export interface BankResponse {
  slot: number;
  paperSlotIndex: number;
  itemId: string;
  version: number;
  type: TheoryItem['type'];
  points: number;
  /** Selected bank option indexes, ascending; empty when unanswered or cleared. */
  selected: number[];
}

/**
 * Maps stored answers (displayed indexes keyed by slot) back to bank option indexes for scoring,
 * one row per slot in display order (R3: scoring compares with the bank's key).
 * @throws RangeError when a stored index is outside the item's options (corrupt data).
 */
export function mapAnswersToBank(
  slots: readonly (Pick<BuiltSlot, 'slot' | 'paperSlotIndex' | 'version' | 'type' | 'points' | 'optionOrder'> & { itemId: string | Types.ObjectId })[],
  answers: Readonly<Record<string, { response: readonly number[] } | undefined>>,
): BankResponse[] {
  return slots.map((slot) => {
    const response = answers[String(slot.slot)]?.response ?? [];
    return {
      slot: slot.slot,
      paperSlotIndex: slot.paperSlotIndex,
      itemId: String(slot.itemId),
      version: slot.version,
      type: slot.type,
      points: slot.points,
      selected: response.length === 0 ? [] : mapResponseToBank(slot.optionOrder, response),
    };
  });
}
