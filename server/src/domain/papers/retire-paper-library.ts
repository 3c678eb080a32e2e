/**
 * Retires a whole paper library 卷库 and its active papers (R1 readiness then counts no papers of it).
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { runInTransaction } from '../../db/run-in-transaction';
import type { Actor } from '../identity/actor';
import { PaperLibraryModel, type PaperLibraryRecord } from './paper-library.model';
import { PaperModel } from './paper.model';
import { requirePaperLibrary } from './require-paper';

/**
 * Retires a whole library and its active papers with a reason, audited as `paper_library.retired`.
 * @throws AppError `not_found`, `conflict` (already retired).
 */
export async function retirePaperLibrary(options: { libraryId: string; reason: string; actor: Actor }): Promise<{ libraryId: string; retiredPapers: number }> {
  const { libraryId, reason, actor } = options;
  const library: PaperLibraryRecord = await requirePaperLibrary(actor.organisationId, libraryId);
  if (library.status === 'retired') throw new AppError('conflict', `paper library ${libraryId} is already retired`);
  return runInTransaction(async (session) => {
    await PaperLibraryModel.updateOne({ _id: library._id }, { $set: { status: 'retired', retiredReason: reason } }, { session });
    const papers = await PaperModel.updateMany({ libraryId: library._id, status: 'active' }, { $set: { status: 'retired', retiredReason: reason } }, { session });
    await recordAudit(
      { actor, action: 'paper_library.retired', target: { kind: 'paper_library', id: libraryId }, payload: { reason, retiredPapers: papers.modifiedCount } },
      session,
    );
    return { libraryId, retiredPapers: papers.modifiedCount };
  });
}
