/**
 * Reads a batch's publication 公示 (R11) with its notice, objection counts and the R11-R13
 * deadlines with warnings (R12, R13).
 */
import { AppError } from '../../errors';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import type { BatchRecord } from '../plans/batch.model';
import { getBatchDeadlines } from '../plans/get-batch-deadlines';
import { loadBatch } from '../plans/load-batch';
import { buildPublicationNoticeRows, loadBatchResults } from './build-publication-notice';
import { ObjectionModel } from './objection.model';
import type { PublicationDeadlineRow, PublicationDeadlineWarning, PublicationView } from './publication.contracts';
import { PublicationModel, type PublicationNoticeRow, type PublicationRecord } from './publication.model';

/**
 * The publication of `batch`.
 * @throws AppError `not_found` when the batch has no publication yet.
 */
export async function loadPublication(batch: Pick<BatchRecord, '_id' | 'code'>): Promise<PublicationRecord> {
  const publication = await PublicationModel.findOne({ batchId: batch._id }).lean<PublicationRecord>();
  if (!publication) throw new AppError('not_found', `Batch ${batch.code} has no publication yet`, { batchId: String(batch._id) });
  return publication;
}

/**
 * The notice rows: the frozen rows once closed, the results as they stand while open (R11).
 */
export async function currentNoticeRows(batch: BatchRecord, publication: PublicationRecord): Promise<PublicationNoticeRow[]> {
  if (publication.status === 'closed' && publication.finalNotice) return publication.finalNotice.rows;
  return buildPublicationNoticeRows(batch, await loadBatchResults(batch._id));
}

/**
 * R11-R13 deadlines of the batch on the organisation calendar and the warnings as of `asOf`
 * (R12 results submission, R13 certificate data). A day outside the calendar data does not fail
 * the read: `deadlineProblem` says why nothing could be computed.
 */
export async function getPublicationDeadlines(options: {
  organisationId: string;
  batchId: string;
  asOf: CalendarDate;
}): Promise<{ deadlines: PublicationDeadlineRow[]; deadlineWarnings: PublicationDeadlineWarning[]; deadlineProblem?: string }> {
  try {
    const view = await getBatchDeadlines({ organisationId: options.organisationId, batchId: options.batchId, asOf: options.asOf });
    return {
      deadlines: view.deadlines.filter((row) => row.ruleId !== 'R7').map((row) => ({ ...row })),
      deadlineWarnings: view.warnings
        .filter((warning) => warning.ruleId !== 'R7')
        .map((warning) => ({ ...warning, level: warning.level as PublicationDeadlineWarning['level'] })),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar_out_of_range') {
      return { deadlines: [], deadlineWarnings: [], deadlineProblem: `${error.message}; add the supplementary year to the organisation calendar` };
    }
    throw error;
  }
}

/**
 * The publication of batch `batchId` for any signed-in member of the organisation (the notice is
 * published inside the enterprise, R11): notice rows with masked ID numbers, channels, objection
 * counts, deadlines and `deadlineWarnings` as of `asOf` (default today in China).
 * @throws AppError `not_found` (batch or publication); `validation_failed` for a malformed `asOf`.
 */
export async function getPublication(options: { actor: Actor; batchId: string; asOf?: string }): Promise<PublicationView> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const publication = await loadPublication(batch);
  const asOf = options.asOf ? parseCalendarDate(options.asOf, 'asOf') : calendarDateInChina(new Date());
  const rows = await currentNoticeRows(batch, publication);
  const counts = await ObjectionModel.aggregate<{ _id: string; count: number }>([
    { $match: { batchId: batch._id } },
    { $group: { _id: '$status', count: { $sum: 1 } } },
  ]);
  const countOf = (status: string) => counts.find((entry) => entry._id === status)?.count ?? 0;
  const organisation = await OrganisationModel.findById(batch.organisationId, { name: 1 }).lean();
  const deadlines = await getPublicationDeadlines({ organisationId: options.actor.organisationId, batchId: options.batchId, asOf });
  return {
    id: String(publication._id),
    batchId: String(batch._id),
    batchCode: batch.code,
    batchName: batch.name,
    organisationName: organisation?.name ?? '',
    status: publication.status,
    startDate: publication.startDate,
    periodWorkingDays: publication.periodWorkingDays,
    earliestEndDate: publication.earliestEndDate,
    ...(publication.endDate ? { endDate: publication.endDate } : {}),
    channels: {
      complaint: publication.channels.complaint,
      rescoring: publication.channels.rescoring,
      source: publication.channels.source,
    },
    ...(publication.remarks ? { remarks: publication.remarks } : {}),
    notice: { rows, totalCount: rows.length, passCount: rows.filter((row) => row.isPass).length },
    objectionCounts: { open: countOf('open'), rejected: countOf('rejected'), upheld: countOf('upheld') },
    ...deadlines,
    asOf,
    openedAt: new Date(publication.openedAt).toISOString(),
    ...(publication.closedAt ? { closedAt: new Date(publication.closedAt).toISOString() } : {}),
    ...(publication.finalNotice ? { finalNoticeHash: publication.finalNotice.contentHash } : {}),
  };
}
