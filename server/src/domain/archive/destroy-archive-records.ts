/**
 * Destruction of archive records through the destruction ledger 档案销毁登记 (R16).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { ArchiveModel, type ArchiveDestructionRecord, type ArchiveRecord } from './archive.model';
import { loadArchive, openArchiveBucket } from './build-batch-archive';
import { isRetentionOver, type RetentionKind } from './retention';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Records the destruction of archive `archiveId`'s records of `retentionKind` (R16): allowed only on
 * or after that kind's retention date (paper 3 years, electronic and video 5 years from the batch
 * end), once per kind, always with a reason and an approval reference. Paper originals and video
 * are destroyed outside the platform, so the entry is the ledger record; for `electronic` the zip
 * is deleted from storage after the entry is stored (its manifest data stay in the ledger).
 * Audited `archive.records_destroyed`.
 *
 * @param options.today the current China date (tests); default from the clock.
 * @throws AppError `not_found`; `precondition_failed` before the retention date (details name the
 *   date); `conflict` when that kind was already destroyed.
 */
export async function destroyArchiveRecords(options: {
  actor: Actor;
  archiveId: string;
  retentionKind: RetentionKind;
  reason: string;
  approvalReference: string;
  today?: CalendarDate;
}): Promise<ArchiveRecord> {
  const { actor, retentionKind } = options;
  const archive = await loadArchive(actor, options.archiveId);
  const retentionUntil = archive.retentionDates[retentionKind];
  const today = options.today ?? calendarDateInChina(new Date());
  if (!isRetentionOver(retentionUntil, today)) {
    throw new AppError(
      'precondition_failed',
      `Archive of batch ${archive.batchCode}: ${retentionKind} records are kept until ${retentionUntil} (R16); destruction refused on ${today}`,
      { retentionKind, retentionUntil, today },
    );
  }
  if (archive.destructions.some((entry) => entry.retentionKind === retentionKind)) {
    throw new AppError('conflict', `Archive of batch ${archive.batchCode}: the ${retentionKind} records were already destroyed`);
  }
  const paths =
    retentionKind === 'electronic'
      ? archive.files.map((file) => file.path)
      : retentionKind === 'paper'
        ? archive.paperRecords.map((record) => record.document)
        : archive.missing.filter((entry) => entry.retentionKind === 'video').map((entry) => entry.document);
  const at = new Date();
  await runInTransaction(async (session) => {
    const audit = await recordAudit(
      {
        actor,
        action: 'archive.records_destroyed',
        target: { kind: 'archive', id: String(archive._id), label: archive.batchCode },
        payload: {
          batchId: String(archive.batchId),
          version: archive.version,
          retentionKind,
          retentionUntil,
          destroyedOn: today,
          reason: options.reason,
          approvalReference: options.approvalReference,
          paths,
          zipSha256: archive.zipSha256,
        },
      },
      session,
    );
    const entry: ArchiveDestructionRecord = {
      at,
      destroyedOn: today,
      byUserId: new Types.ObjectId(actor.userId),
      byName: actor.name,
      retentionKind,
      reason: options.reason,
      approvalReference: options.approvalReference,
      paths,
      auditSeq: audit.seq,
      auditHash: audit.hash,
    };
    const set: Record<string, unknown> = {};
    if (retentionKind === 'electronic') {
      set.fileId = null;
      set.files = archive.files.map((file) => ({ ...file, destroyedAt: at }));
    }
    if (retentionKind === 'paper') set.paperRecords = archive.paperRecords.map((record) => ({ ...record, destroyedAt: at }));
    const updated = await ArchiveModel.updateOne(
      { _id: archive._id, 'destructions.retentionKind': { $ne: retentionKind } },
      { $push: { destructions: entry }, ...(Object.keys(set).length > 0 ? { $set: set } : {}) },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `Archive of batch ${archive.batchCode}: destroyed meanwhile`);
  });
  if (retentionKind === 'electronic' && archive.fileId) await openArchiveBucket().delete(archive.fileId).catch(() => undefined);
  return loadArchive(actor, options.archiveId);
}
