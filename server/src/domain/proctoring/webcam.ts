/**
 * Optional webcam snapshots (R10 video monitoring, R16 video kept >= 5 years): off by default (an
 * organisation setting); the candidate sees the consent text and answers before any frame is
 * accepted; the exam client then uploads a small JPEG every `intervalMs`. Frames are stored in the
 * GridFS bucket `webcam_snapshots` of the database (the embedded store supports what GridFS needs:
 * inserts, the unique `files_id`/`n` index, sorted finds, deletes), with metadata naming the attempt
 * and the retention date. Proctor consoles show them as thumbnails.
 */
import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { AppError } from '../../errors';
import { computeRetentionUntil } from '../archive/retention';
import type { CalendarDate } from '../calendar/calendar-date';
import { loadOwnAttempt } from '../attempts/attempt-access';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { sessionDate } from '../plans/load-batch';
import type { WebcamSettingsView, WebcamSnapshotView } from './proctoring.contracts';
import { loadProctoringSettings } from './proctoring-settings';
import { WebcamConsentModel } from './webcam-consent.model';
import './proctoring-events';

/** GridFS bucket of webcam snapshots. */
export const webcamBucketName = 'webcam_snapshots';
/** Largest accepted snapshot, bytes (a 320 × 240 JPEG is about 10-30 KB). */
export const maximumSnapshotBytes = 300 * 1024;

/** Metadata stored with each snapshot. */
export interface WebcamSnapshotMetadata {
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  attemptId: Types.ObjectId;
  candidateId: Types.ObjectId;
  takenAt: Date;
  retentionKind: 'video';
  /** R16: first day the frame may be destroyed (YYYY-MM-DD). */
  retentionUntil: string;
}

/** The GridFS bucket of snapshots on the default connection. */
export function openWebcamBucket(): mongoose.mongo.GridFSBucket {
  const database = mongoose.connection.db;
  if (!database) throw new AppError('database_unavailable', 'The database is not connected');
  return new mongoose.mongo.GridFSBucket(database, { bucketName: webcamBucketName });
}

let indexesReady: Promise<void> | null = null;

/** Creates the lookup indexes of the snapshot files once per process (attempt, room, batch). */
function ensureWebcamIndexes(): Promise<void> {
  indexesReady ??= (async () => {
    const database = mongoose.connection.db;
    if (!database) return;
    const files = database.collection(`${webcamBucketName}.files`);
    await files.createIndexes([
      { key: { 'metadata.attemptId': 1, uploadDate: -1 } },
      { key: { 'metadata.sessionId': 1, 'metadata.roomId': 1 } },
      { key: { 'metadata.batchId': 1 } },
    ]);
  })().catch((error: unknown) => {
    indexesReady = null;
    throw error;
  });
  return indexesReady;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * R16 video retention of a frame: 5 years from the batch's end (publication's last day) when known,
 * else from the day it was taken (a lower bound; {@link listWebcamSnapshotsForBatch} recomputes).
 */
export function computeSnapshotRetention(batch: Pick<BatchRecord, 'milestones'> | null, takenAt: Date): string {
  const base = batch?.milestones?.publicationEndDate ?? sessionDate(takenAt);
  return computeRetentionUntil(base as CalendarDate, 'video');
}

/** Webcam settings as the exam client and consoles need them. */
export async function getWebcamSettingsView(organisationId: string): Promise<WebcamSettingsView> {
  const { webcam } = await loadProctoringSettings(organisationId);
  return { isEnabled: webcam.isEnabled, intervalMs: webcam.intervalMs, consentText: webcam.consentText, consentTextSha256: sha256Hex(webcam.consentText) };
}

/**
 * Records the candidate's answer to the consent text for their attempt (audited `webcam.consent_recorded`).
 * @throws AppError `not_found` (not the candidate's attempt), `precondition_failed` (snapshots are
 *   off), `conflict` (the text changed since it was shown: `consentTextSha256` differs).
 */
export async function recordWebcamConsent(options: { actor: Actor; attemptId: string; isGiven: boolean; consentTextSha256?: string; now?: Date }): Promise<{ attemptId: string; isGiven: boolean; decidedAt: number }> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  const settings = await getWebcamSettingsView(String(attempt.organisationId));
  if (!settings.isEnabled) throw new AppError('precondition_failed', 'Webcam snapshots are not enabled for this organisation');
  if (options.consentTextSha256 && options.consentTextSha256 !== settings.consentTextSha256) {
    throw new AppError('conflict', 'consentTextSha256: the consent text changed; show the current text and ask again', { consentTextSha256: settings.consentTextSha256 });
  }
  const decidedAt = options.now ?? new Date();
  await WebcamConsentModel.updateOne(
    { attemptId: attempt._id },
    {
      $set: {
        organisationId: attempt.organisationId,
        batchId: attempt.batchId,
        candidateId: attempt.candidateId,
        isGiven: options.isGiven,
        consentTextSha256: settings.consentTextSha256,
        decidedAt,
      },
    },
    { upsert: true },
  );
  await recordAudit({
    actor: options.actor,
    action: 'webcam.consent_recorded',
    target: { kind: 'attempt', id: String(attempt._id) },
    payload: { isGiven: options.isGiven, consentTextSha256: settings.consentTextSha256 },
  });
  return { attemptId: String(attempt._id), isGiven: options.isGiven, decidedAt: decidedAt.getTime() };
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Stores one webcam frame of the candidate's own attempt and emits `proctoring.webcam_snapshot_stored`.
 * Frames closer together than half the interval are refused.
 * @throws AppError `not_found`, `precondition_failed` (snapshots off, not started, no consent given),
 *   `attempt_closed` (submitted or voided), `validation_failed` (not a JPEG, too large),
 *   `rate_limited` (too soon after the previous frame, `details.retryAfterMs`).
 */
export async function storeWebcamSnapshot(options: { actor: Actor; attemptId: string; bytes: Buffer; now?: Date }): Promise<WebcamSnapshotView> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  const settings = await getWebcamSettingsView(String(attempt.organisationId));
  if (!settings.isEnabled) throw new AppError('precondition_failed', 'Webcam snapshots are not enabled for this organisation');
  if (attempt.status === 'waiting') throw new AppError('precondition_failed', 'The attempt has not started; snapshots are taken while it runs', { status: attempt.status });
  if (attempt.status !== 'in_progress' && attempt.status !== 'paused') throw new AppError('attempt_closed', `The attempt is ${attempt.status}; no snapshots are taken`, { status: attempt.status });
  const consent = await WebcamConsentModel.findOne({ attemptId: attempt._id }).lean();
  if (!consent?.isGiven) throw new AppError('precondition_failed', 'The candidate has not agreed to webcam snapshots (POST …/consent first)');
  if (options.bytes.length > maximumSnapshotBytes) {
    throw new AppError('validation_failed', `body: the snapshot has ${options.bytes.length} bytes; at most ${maximumSnapshotBytes} are accepted`);
  }
  if (!isJpeg(options.bytes)) throw new AppError('validation_failed', 'body: the snapshot must be a JPEG image');
  const now = options.now ?? new Date();
  await ensureWebcamIndexes();
  const bucket = openWebcamBucket();
  const [previous] = await bucket.find({ 'metadata.attemptId': attempt._id }, { sort: { uploadDate: -1 }, limit: 1 }).toArray();
  const minimumGapMs = Math.floor(settings.intervalMs / 2);
  if (previous && now.getTime() - new Date(previous.uploadDate).getTime() < minimumGapMs) {
    const retryAfterMs = minimumGapMs - (now.getTime() - new Date(previous.uploadDate).getTime());
    throw new AppError('rate_limited', `A snapshot was stored less than ${minimumGapMs} ms ago; retry in ${retryAfterMs} ms`, { retryAfterMs });
  }
  const batch = await BatchModel.findById(attempt.batchId, { milestones: 1 }).lean<Pick<BatchRecord, 'milestones'>>();
  const metadata: WebcamSnapshotMetadata = {
    organisationId: attempt.organisationId,
    batchId: attempt.batchId,
    sessionId: attempt.sessionId,
    roomId: attempt.roomId,
    attemptId: attempt._id,
    candidateId: attempt.candidateId,
    takenAt: now,
    retentionKind: 'video',
    retentionUntil: computeSnapshotRetention(batch, now),
  };
  const upload = bucket.openUploadStream(`${String(attempt._id)}-${now.getTime()}.jpg`, { metadata });
  await new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(options.bytes);
  });
  const snapshotId = String(upload.id);
  domainEvents.emit('proctoring.webcam_snapshot_stored', {
    attemptId: String(attempt._id),
    organisationId: String(attempt.organisationId),
    batchId: String(attempt.batchId),
    sessionId: String(attempt.sessionId),
    roomId: String(attempt.roomId),
    candidateId: String(attempt.candidateId),
    at: now.getTime(),
    snapshotId,
    takenAt: now.getTime(),
  });
  return { id: snapshotId, attemptId: String(attempt._id), takenAt: now.getTime(), byteLength: options.bytes.length, retentionUntil: metadata.retentionUntil };
}

interface StoredFile {
  _id: Types.ObjectId;
  length: number;
  uploadDate: Date;
  metadata?: Partial<WebcamSnapshotMetadata>;
}

function presentSnapshot(file: StoredFile): WebcamSnapshotView {
  return {
    id: String(file._id),
    attemptId: String(file.metadata?.attemptId ?? ''),
    takenAt: new Date(file.metadata?.takenAt ?? file.uploadDate).getTime(),
    byteLength: file.length,
    retentionUntil: file.metadata?.retentionUntil ?? '',
  };
}

/** Snapshots of an attempt, oldest first (callers check access). */
export async function listWebcamSnapshots(attemptId: string): Promise<WebcamSnapshotView[]> {
  const files = (await openWebcamBucket()
    .find({ 'metadata.attemptId': new Types.ObjectId(attemptId) }, { sort: { uploadDate: 1 } })
    .toArray()) as unknown as StoredFile[];
  return files.map(presentSnapshot);
}

/** Newest snapshot per attempt of a session's room: attempt id → `{ id, takenAt }`. */
export async function findLatestSnapshots(sessionId: string, roomId: string): Promise<Map<string, { id: string; takenAt: number }>> {
  const files = (await openWebcamBucket()
    .find({ 'metadata.sessionId': new Types.ObjectId(sessionId), 'metadata.roomId': new Types.ObjectId(roomId) }, { sort: { uploadDate: 1 }, projection: { _id: 1, uploadDate: 1, metadata: 1, length: 1 } })
    .toArray()) as unknown as StoredFile[];
  const latest = new Map<string, { id: string; takenAt: number }>();
  for (const file of files) {
    const view = presentSnapshot(file);
    latest.set(view.attemptId, { id: view.id, takenAt: view.takenAt });
  }
  return latest;
}

/**
 * The bytes and metadata of one snapshot (callers check access to `attemptId`).
 * @throws AppError `not_found` when there is no such snapshot.
 */
export async function readWebcamSnapshot(snapshotId: string): Promise<{ view: WebcamSnapshotView; organisationId: string; bytes: Buffer }> {
  const bucket = openWebcamBucket();
  const id = new Types.ObjectId(snapshotId);
  const [file] = (await bucket.find({ _id: id }).toArray()) as unknown as StoredFile[];
  if (!file) throw new AppError('not_found', `Webcam snapshot ${snapshotId} not found`);
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
  return { view: presentSnapshot(file), organisationId: String(file.metadata?.organisationId ?? ''), bytes: Buffer.concat(chunks) };
}

/**
 * Every webcam snapshot of a batch for the archive (R16 video >= 5 years): ids, attempt, time, size
 * and the retention date counted from the batch's publication end when it is known.
 */
export async function listWebcamSnapshotsForBatch(batchId: string): Promise<Array<WebcamSnapshotView & { candidateId: string; retentionKind: 'video' }>> {
  const batch = await BatchModel.findById(batchId, { milestones: 1 }).lean<Pick<BatchRecord, 'milestones'>>();
  const files = (await openWebcamBucket()
    .find({ 'metadata.batchId': new Types.ObjectId(batchId) }, { sort: { uploadDate: 1 } })
    .toArray()) as unknown as StoredFile[];
  return files.map((file) => {
    const view = presentSnapshot(file);
    const takenAt = new Date(view.takenAt);
    const retentionUntil = batch?.milestones?.publicationEndDate ? computeSnapshotRetention(batch, takenAt) : view.retentionUntil;
    return { ...view, retentionUntil, candidateId: String(file.metadata?.candidateId ?? ''), retentionKind: 'video' as const };
  });
}
