/**
 * The batches a report covers (issue 12; R20 indicators over batches): one batch, or every batch of
 * the organisation past the draft stage whose date falls in an optional range. A batch's date is its
 * first session's day in China, else the day it was created.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { calendarDateInChina } from '../calendar/calendar-date';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { firstSessionDate, loadBatch } from '../plans/load-batch';

/** A batch with its report date. */
export interface ReportBatch {
  batch: BatchRecord;
  /** YYYY-MM-DD (China). */
  startsOn: string;
}

/** Filters of {@link selectReportBatches}. */
export interface ReportBatchFilter {
  batchId?: string;
  /** YYYY-MM-DD inclusive. */
  from?: string;
  /** YYYY-MM-DD inclusive. */
  to?: string;
}

function startsOnOf(batch: BatchRecord): string {
  return firstSessionDate(batch) ?? calendarDateInChina(new Date(batch.createdAt));
}

/**
 * The batches of the organisation matching `filter`, oldest first (by date, then code).
 * @throws AppError `not_found` for an unknown `batchId`; `validation_failed` (field `query.from`)
 *   when `from` is after `to`
 */
export async function selectReportBatches(organisationId: string, filter: ReportBatchFilter): Promise<ReportBatch[]> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('validation_failed', `query.from: ${filter.from} is after query.to ${filter.to}`, {
      issues: [{ field: 'query.from', message: 'must not be after query.to' }],
    });
  }
  const batches = filter.batchId
    ? [await loadBatch(organisationId, filter.batchId)]
    : await BatchModel.find({ organisationId: new Types.ObjectId(organisationId), status: { $ne: 'draft' } }).lean<BatchRecord[]>();
  return batches
    .map((batch) => ({ batch, startsOn: startsOnOf(batch) }))
    .filter((entry) => (!filter.from || entry.startsOn >= filter.from) && (!filter.to || entry.startsOn <= filter.to))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.batch.code.localeCompare(b.batch.code));
}

/** Rounds a rate to 6 decimals; null when the denominator is 0. */
export function toRate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1e6) / 1e6 : null;
}
