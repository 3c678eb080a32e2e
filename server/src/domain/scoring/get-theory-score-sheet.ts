/**
 * Reads the theory score sheet of an attempt (staff entitled to the batch; R4, R17).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { assertBatchReader, loadScoringBatch, toObjectId } from './scoring-access';
import type { TheoryScoreSheetView } from './scoring.contracts';
import { TheoryScoreSheetModel, type TheoryScoreSheetRecord } from './theory-score-sheet.model';
import { presentTheoryScoreSheet } from './theory-score-sheet.presenter';

/**
 * The sheet of `attemptId`.
 * @throws AppError `not_found` (no sheet yet, or another organisation), `forbidden` (not entitled).
 */
export async function getTheoryScoreSheet(options: { attemptId: string; actor: Actor }): Promise<TheoryScoreSheetView> {
  const sheet = await TheoryScoreSheetModel.findOne({
    attemptId: toObjectId(options.attemptId, 'Attempt'),
    organisationId: new Types.ObjectId(options.actor.organisationId),
  }).lean<TheoryScoreSheetRecord>();
  if (!sheet) throw new AppError('not_found', `Attempt ${options.attemptId} has no theory score sheet`);
  assertBatchReader(await loadScoringBatch(options.actor.organisationId, sheet.batchId), options.actor);
  return presentTheoryScoreSheet(sheet);
}
