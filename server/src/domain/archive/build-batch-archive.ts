/**
 * Builds, stores and serves the archive of a batch (R16).
 */
import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { RenderPool } from '../../render/render-pool';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import { BatchModel } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import {
  ArchiveModel,
  archiveBucketName,
  type ArchiveFileRecord,
  type ArchiveMissingRecord,
  type ArchivePaperRecord,
  type ArchiveRecord,
} from './archive.model';
import { archiveCatalogue, collectArchiveDocuments } from './collect-archive-documents';
import { computeRetentionDates, retentionYearsByKind } from './retention';
import { zipFiles } from './zip-files';
import { runInTransaction } from '../../db/run-in-transaction';

/** Name of the manifest inside the zip (not listed in itself). */
export const manifestFileName = 'manifest.json';

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The GridFS bucket of archive zips on the default connection. */
export function openArchiveBucket(): mongoose.mongo.GridFSBucket {
  const database = mongoose.connection.db;
  if (!database) throw new AppError('database_unavailable', 'The database is not connected');
  return new mongoose.mongo.GridFSBucket(database, { bucketName: archiveBucketName });
}

async function storeZip(fileName: string, zip: Buffer, metadata: Record<string, unknown>): Promise<Types.ObjectId> {
  const bucket = openArchiveBucket();
  const upload = bucket.openUploadStream(fileName, { metadata });
  await new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(zip);
  });
  return upload.id as Types.ObjectId;
}

/**
 * Builds the archive of batch `batchId` (R16) from what the database holds now and stores it: a zip
 * with every document of the R16 list that exists (see `archiveCatalogue`) plus `manifest.json`
 * listing every other file with its sha256, size and retention date, the paper originals kept
 * outside the platform (3 years), and the documents missing with the reason (monitoring video kept
 * by the video system: 5 years). Retention counts from the publication's last day (batch milestone
 * `publicationEndDate`). The audit chain is verified and the batch's excerpt included. A rebuild
 * creates version n+1 and supersedes the previous one (kept). Batch status becomes `archived`.
 * Audited `archive.built`.
 *
 * @param options.renderPool renders the PDFs (announcement, sign-in sheets, notice, certificate
 *   table); without it they are listed as missing and the HTML/JSON is kept.
 * @throws AppError `not_found`; `precondition_failed` before the publication closed.
 */
export async function buildBatchArchive(options: { actor: Actor; batchId: string; renderPool?: RenderPool; today?: CalendarDate }): Promise<ArchiveRecord> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  if (batch.status !== 'closed' && batch.status !== 'archived') {
    throw new AppError('precondition_failed', `Batch ${batch.code} is ${batch.status}; it is archived after the publication closed (R16)`, { status: batch.status });
  }
  const today = options.today ?? calendarDateInChina(new Date());
  const retentionBaseDate = batch.milestones?.publicationEndDate ? parseCalendarDate(batch.milestones.publicationEndDate, 'publicationEndDate') : today;
  const retentionDates = computeRetentionDates(retentionBaseDate);
  const collected = await collectArchiveDocuments({ batch, ...(options.renderPool ? { renderPool: options.renderPool } : {}) });
  const previous = await ArchiveModel.findOne({ batchId: batch._id }, { version: 1 }).sort({ version: -1 }).lean();
  const version = (previous?.version ?? 0) + 1;
  const builtAt = new Date();
  const organisation = await OrganisationModel.findById(batch.organisationId, { name: 1 }).lean();

  const files: ArchiveFileRecord[] = collected.files.map((file) => ({
    path: file.path,
    document: file.document,
    retentionKind: 'electronic',
    retentionUntil: retentionDates.electronic,
    sha256: sha256(file.content),
    bytes: file.content.length,
  }));
  const paperRecords: ArchivePaperRecord[] = archiveCatalogue
    .filter((spec) => spec.hasPaperOriginal)
    .map((spec) => ({
      document: spec.key,
      title: spec.title,
      retentionKind: 'paper',
      retentionUntil: retentionDates.paper,
      electronicCopies: files.filter((file) => file.document === spec.key).map((file) => file.path),
    }));
  const missing: ArchiveMissingRecord[] = collected.missing.map((entry) => {
    const spec = archiveCatalogue.find((candidate) => candidate.key === entry.document)!;
    return { document: entry.document, title: spec.title, retentionKind: spec.retentionKind, retentionUntil: retentionDates[spec.retentionKind], reason: entry.reason };
  });
  const manifest = {
    format: 'skillcert.batch-archive.v1',
    rule: 'R16',
    organisation: { id: String(batch.organisationId), name: organisation?.name ?? '' },
    batch: { id: String(batch._id), code: batch.code, name: batch.name },
    version,
    builtAt: builtAt.toISOString(),
    builtBy: { userId: actor.userId, name: actor.name },
    retention: { baseDate: retentionBaseDate, yearsByKind: retentionYearsByKind, untilByKind: retentionDates },
    documents: archiveCatalogue.map((spec) => ({
      key: spec.key,
      title: spec.title,
      files: files.filter((file) => file.document === spec.key).map((file) => file.path),
      isMissing: missing.some((entry) => entry.document === spec.key) && !files.some((file) => file.document === spec.key),
    })),
    files: files.map((file) => ({ ...file })),
    paperRecords,
    missing,
    auditCheck: collected.audit,
    note: `${manifestFileName} is not listed in itself; each file's sha256 is of its bytes in this zip`,
  };
  const manifestContent = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const zip = await zipFiles([{ path: manifestFileName, content: manifestContent, date: builtAt }, ...collected.files.map((file) => ({ path: file.path, content: file.content, date: builtAt }))]);
  const zipSha256 = sha256(zip);
  const fileName = `archive-${batch.code}-v${version}.zip`.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_');
  const fileId = await storeZip(fileName, zip, { organisationId: String(batch.organisationId), batchId: String(batch._id), version, sha256: zipSha256 });

  const archiveId = new Types.ObjectId();
  try {
    await runInTransaction(async (session) => {
      await ArchiveModel.updateMany({ batchId: batch._id, status: 'current' }, { $set: { status: 'superseded' } }, { session });
      await ArchiveModel.create(
        [
          {
            _id: archiveId,
            organisationId: batch.organisationId,
            batchId: batch._id,
            batchCode: batch.code,
            version,
            status: 'current',
            builtAt,
            builtBy: new Types.ObjectId(actor.userId),
            retentionBaseDate,
            retentionDates,
            fileId,
            fileName,
            zipSha256,
            zipBytes: zip.length,
            files,
            paperRecords,
            missing,
            auditCheck: collected.audit,
            destructions: [],
          },
        ],
        { session },
      );
      await BatchModel.updateOne({ _id: batch._id, status: 'closed' }, { $set: { status: 'archived' } }, { session });
      await recordAudit(
        {
          actor,
          action: 'archive.built',
          target: { kind: 'archive', id: String(archiveId), label: batch.code },
          payload: {
            batchId: String(batch._id),
            version,
            zipSha256,
            fileCount: files.length,
            missingDocuments: missing.map((entry) => entry.document),
            retentionDates,
            auditChainIntact: collected.audit.isIntact,
          },
        },
        session,
      );
    });
  } catch (error) {
    await openArchiveBucket().delete(fileId).catch(() => undefined);
    throw error;
  }
  return (await ArchiveModel.findById(archiveId).lean<ArchiveRecord>())!;
}

/**
 * Archive `archiveId` of the actor's organisation.
 * @throws AppError `not_found`.
 */
export async function loadArchive(actor: Pick<Actor, 'organisationId'>, archiveId: string): Promise<ArchiveRecord> {
  if (!Types.ObjectId.isValid(archiveId)) throw new AppError('not_found', `Archive ${archiveId} does not exist`);
  const archive = await ArchiveModel.findOne({ _id: new Types.ObjectId(archiveId), organisationId: new Types.ObjectId(actor.organisationId) }).lean<ArchiveRecord>();
  if (!archive) throw new AppError('not_found', `Archive ${archiveId} does not exist`);
  return archive;
}

/** Archive builds of batch `batchId`, newest first (R16). @throws AppError `not_found` (batch). */
export async function listBatchArchives(options: { actor: Actor; batchId: string }): Promise<ArchiveRecord[]> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  return ArchiveModel.find({ batchId: batch._id }).sort({ version: -1 }).lean<ArchiveRecord[]>();
}

/**
 * The zip bytes of archive `archiveId` (R16), checked against the stored sha256. Audited
 * `archive.downloaded` (the archive holds personal data).
 * @throws AppError `not_found`; `conflict` when its electronic records were destroyed;
 *   `internal` when the stored bytes no longer match their sha256.
 */
export async function readArchiveZip(options: { actor: Actor; archiveId: string }): Promise<{ zip: Buffer; fileName: string; sha256: string }> {
  const archive = await loadArchive(options.actor, options.archiveId);
  if (!archive.fileId) throw new AppError('conflict', `Archive ${options.archiveId}: its electronic records were destroyed`);
  const chunks: Buffer[] = [];
  for await (const chunk of openArchiveBucket().openDownloadStream(archive.fileId)) chunks.push(chunk as Buffer);
  const zip = Buffer.concat(chunks);
  if (sha256(zip) !== archive.zipSha256) throw new AppError('internal', `Archive ${options.archiveId}: stored bytes do not match their sha256`);
  await recordAudit({
    actor: options.actor,
    action: 'archive.downloaded',
    target: { kind: 'archive', id: String(archive._id), label: archive.batchCode },
    payload: { batchId: String(archive.batchId), version: archive.version, zipSha256: archive.zipSha256 },
  });
  return { zip, fileName: archive.fileName, sha256: archive.zipSha256 };
}
