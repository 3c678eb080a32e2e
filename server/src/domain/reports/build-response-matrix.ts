/**
 * The response matrix of one paper (issue 12; R3 papers drawn from the bank): each submitted
 * attempt's answers, stored as the option indexes the candidate saw, mapped back to bank option
 * indexes through the attempt's stored permutation (bank-tools `mapResponseToBank`), keyed by bank
 * item, together with the paper's items (pinned version's key, option count, slot points). Pure.
 */
import { mapResponseToBank } from '@skillcert/bank-tools/assembly/index';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import type { AnalysedItem, CandidateSelections } from './item-analysis';

/** A slot of the paper: pinned item version and points. */
export interface MatrixPaperSlot {
  itemId: string;
  version: number;
  points: number;
}

/** A slot of an attempt's form. */
export interface MatrixAttemptSlot {
  /** 1-based displayed number: the key of `answers`. */
  slot: number;
  itemId: string;
  version: number;
  /** optionOrder[displayedIndex] = bank option index. */
  optionOrder: readonly number[];
}

/** A submitted attempt of the paper. */
export interface MatrixAttempt {
  attemptId: string;
  slots: readonly MatrixAttemptSlot[];
  /** Keyed by slot number as a string; `response` holds displayed option indexes. */
  answers: Readonly<Record<string, { response?: readonly number[] } | undefined>>;
}

/** What {@link buildResponseMatrix} returns: the input of `analyseItems` / `summarizePaperStatistics`. */
export interface ResponseMatrix {
  items: AnalysedItem[];
  /** One entry per attempt (`candidateId` = attempt id), selections in bank option indexes. */
  candidates: CandidateSelections[];
}

/**
 * Builds the response matrix of one paper.
 * @param paper    the paper's id (for messages) and slots in paper order
 * @param attempts the submitted attempts of that paper
 * @param contentOf the pinned content of an item version (undefined when missing)
 * @throws AppError `precondition_failed` naming paper, attempt and slot when a pinned version is
 *   missing or not a theory item, an attempt's slot is not on the paper, a permutation does not fit
 *   the item, or a stored response names an option outside the item
 */
export function buildResponseMatrix(
  paper: { paperId: string; slots: readonly MatrixPaperSlot[] },
  attempts: readonly MatrixAttempt[],
  contentOf: (itemId: string, version: number) => TheoryItem | undefined,
): ResponseMatrix {
  const items: AnalysedItem[] = paper.slots.map((slot, index) => {
    const content = contentOf(slot.itemId, slot.version);
    if (!content || content.kind !== 'theory') {
      throw new AppError(
        'precondition_failed',
        `paper ${paper.paperId} slot ${index + 1}: item ${slot.itemId} version ${slot.version} is missing from the bank or not a theory item (R3)`,
      );
    }
    return { itemId: slot.itemId, type: content.type, optionCount: content.options.length, answer: [...content.answer], points: slot.points };
  });
  const itemById = new Map(items.map((item, index) => [item.itemId, { item, version: paper.slots[index].version }]));

  const candidates = attempts.map((attempt): CandidateSelections => {
    const selections: Record<string, number[]> = {};
    for (const slot of attempt.slots) {
      const where = `paper ${paper.paperId} attempt ${attempt.attemptId} slot ${slot.slot}`;
      const onPaper = itemById.get(slot.itemId);
      if (!onPaper || onPaper.version !== slot.version) {
        throw new AppError('precondition_failed', `${where}: item ${slot.itemId} version ${slot.version} is not on the paper`);
      }
      if (slot.optionOrder.length !== onPaper.item.optionCount) {
        throw new AppError(
          'precondition_failed',
          `${where}: the stored permutation has ${slot.optionOrder.length} options, item ${slot.itemId} has ${onPaper.item.optionCount}`,
        );
      }
      const displayed = attempt.answers[String(slot.slot)]?.response ?? [];
      try {
        selections[slot.itemId] = mapResponseToBank(slot.optionOrder, displayed);
      } catch (error) {
        throw new AppError('precondition_failed', `${where}: ${(error as Error).message}`);
      }
    }
    return { candidateId: attempt.attemptId, selections };
  });
  return { items, candidates };
}
