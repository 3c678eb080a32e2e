/**
 * Plain JSON of theory score sheets (staff only: it holds the keys, R17).
 */
import type { TheoryScoreSheetView } from './scoring.contracts';
import type { TheoryScoreSheetRecord } from './theory-score-sheet.model';

/** Presents a stored sheet. */
export function presentTheoryScoreSheet(sheet: TheoryScoreSheetRecord): TheoryScoreSheetView {
  return {
    id: String(sheet._id),
    attemptId: String(sheet.attemptId),
    registrationId: String(sheet.registrationId),
    candidateId: String(sheet.candidateId),
    batchId: String(sheet.batchId),
    paperId: String(sheet.paperId),
    seed: sheet.seed,
    multipleChoiceCredit: sheet.multipleChoiceCredit,
    totalPoints: sheet.totalPoints,
    maxPoints: sheet.maxPoints,
    correctCount: sheet.correctCount,
    items: sheet.items.map((item) => ({
      slot: item.slot,
      paperSlotIndex: item.paperSlotIndex,
      itemId: String(item.itemId),
      version: item.version,
      type: item.type,
      knowledgePoint: item.knowledgePoint,
      optionOrder: [...item.optionOrder],
      displayedResponse: [...item.displayedResponse],
      selected: [...item.selected],
      outcome: item.outcome,
      points: item.points,
      maxPoints: item.maxPoints,
    })),
    byKnowledgePoint: sheet.byKnowledgePoint.map((group) => ({ ...group })),
    scoredAt: new Date(sheet.scoredAt).toISOString(),
  };
}
