/**
 * Shared reads of the batch use cases: a batch of the actor's organisation, draft-only guards and
 * China-time helpers for session dates.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { type CalendarDate, calendarDateInChina } from '../calendar/calendar-date';
import { BatchModel, type BatchRecord, type BatchStatus } from './batch.model';

/**
 * The batch `batchId` of `organisationId`.
 * @throws AppError `not_found` when it does not exist in that organisation (or the id is malformed).
 */
export async function loadBatch(organisationId: string, batchId: string): Promise<BatchRecord> {
  if (!Types.ObjectId.isValid(batchId)) throw new AppError('not_found', `Batch ${batchId} does not exist`);
  const batch = await BatchModel.findOne({ _id: new Types.ObjectId(batchId), organisationId: new Types.ObjectId(organisationId) }).lean();
  if (!batch) throw new AppError('not_found', `Batch ${batchId} does not exist`);
  return batch;
}

/**
 * Guards wizard edits: the plan may change only while the batch is a draft (before filing, R7).
 * @throws AppError `conflict` naming the batch and its status otherwise.
 */
export function assertBatchStatus(batch: BatchRecord, allowed: readonly BatchStatus[], action: string): void {
  if (!allowed.includes(batch.status)) {
    throw new AppError(
      'conflict',
      `Batch ${batch.code} is ${batch.status}; ${action} is possible only while it is ${allowed.join(' or ')}`,
      { batchId: String(batch._id), status: batch.status, allowed },
    );
  }
}

/** The calendar date in China of a session start. */
export function sessionDate(startsAt: Date): CalendarDate {
  return calendarDateInChina(new Date(startsAt));
}

/** The first session date of a batch in China, or undefined without sessions. */
export function firstSessionDate(batch: Pick<BatchRecord, 'sessions'>): CalendarDate | undefined {
  const dates = batch.sessions.map((session) => sessionDate(session.startsAt)).sort();
  return dates[0];
}

/** `HH:mm` in China of an instant. */
export function timeInChina(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** Level names 等级 (R18). */
export const levelNames: Readonly<Record<number, string>> = Object.freeze({
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
});

/** Session kind names. */
export const sessionKindNames: Readonly<Record<'theory' | 'practical' | 'review', string>> = Object.freeze({
  theory: '理论知识考试',
  practical: '操作技能考核',
  review: '综合评审',
});

/**
 * Applies `update` to `batch` only while it is still a draft (guards against a concurrent filing).
 * @returns the updated batch.
 * @throws AppError `conflict` when the batch is no longer a draft.
 */
export async function updateDraftBatch(batch: BatchRecord, update: Record<string, unknown>, action: string): Promise<BatchRecord> {
  const updated = await BatchModel.findOneAndUpdate({ _id: batch._id, status: 'draft' }, update, {
    returnDocument: 'after',
    runValidators: true,
  }).lean<BatchRecord>();
  if (!updated) {
    throw new AppError('conflict', `Batch ${batch.code} is no longer a draft; ${action} is possible only while it is draft`, {
      batchId: String(batch._id),
    });
  }
  return updated;
}
