/**
 * Effectiveness indicators (R20) per batch and over the selection, oldest batch first (the trend):
 * - participation rate = attended / registered, where a registration attended when it was marked
 *   present at any session (R10), started a theory attempt, or has a result;
 * - pass rate = passed / results counted (committee-approved results, as in the pass-rate report);
 * - complaint rate = objections (complaints and re-scoring requests, R11) / results counted, with
 *   complaints and re-scoring requests also counted apart;
 * - participant, staff and department feedback: count, mean rating (1..5) and the count per rating.
 */
import { Types } from 'mongoose';
import { AttemptModel } from '../attempts/attempt.model';
import type { Actor } from '../identity/actor';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { ObjectionModel } from '../publication/objection.model';
import { ResultModel } from '../scoring/result.model';
import { FeedbackModel, type FeedbackRecord } from './feedback.model';
import { loadCountedResults } from './compute-pass-rates';
import { feedbackKinds, type FeedbackKind, type IndicatorsQuery } from './reports.contracts';
import { selectReportBatches, toRate } from './select-report-batches';

/** Feedback summary of one kind. */
export interface FeedbackSummary {
  count: number;
  /** Mean rating 1..5, 2 decimals; null without feedback. */
  meanRating: number | null;
  /** Count of ratings 1, 2, 3, 4, 5 (index 0 = rating 1). */
  distribution: [number, number, number, number, number];
}

/** The R20 figures of a set of batches. */
export interface IndicatorFigures {
  registeredCount: number;
  attendedCount: number;
  participationRate: number | null;
  resultCount: number;
  passedCount: number;
  passRate: number | null;
  objectionCount: number;
  complaintCount: number;
  rescoringCount: number;
  /** objections / results counted, 0..1. */
  complaintRate: number | null;
  feedback: Record<FeedbackKind, FeedbackSummary>;
}

/** Indicators of one batch. */
export interface BatchIndicators extends IndicatorFigures {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  /** YYYY-MM-DD (China): first session or creation day. */
  startsOn: string;
}

/** The indicator report: per batch (the trend, oldest first) and the totals. */
export interface IndicatorReport {
  batches: BatchIndicators[];
  total: IndicatorFigures;
}

interface Tally {
  registered: number;
  attended: number;
  results: number;
  passed: number;
  objections: number;
  complaints: number;
  rescorings: number;
  feedback: FeedbackRecord[];
}

function summariseFeedback(entries: readonly FeedbackRecord[]): Record<FeedbackKind, FeedbackSummary> {
  const summary = {} as Record<FeedbackKind, FeedbackSummary>;
  for (const kind of feedbackKinds) {
    const ratings = entries.filter((entry) => entry.kind === kind).map((entry) => entry.rating);
    const distribution: FeedbackSummary['distribution'] = [0, 0, 0, 0, 0];
    for (const rating of ratings) distribution[rating - 1] += 1;
    summary[kind] = {
      count: ratings.length,
      meanRating: ratings.length > 0 ? Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 100) / 100 : null,
      distribution,
    };
  }
  return summary;
}

function toFigures(tally: Tally): IndicatorFigures {
  return {
    registeredCount: tally.registered,
    attendedCount: tally.attended,
    participationRate: toRate(tally.attended, tally.registered),
    resultCount: tally.results,
    passedCount: tally.passed,
    passRate: toRate(tally.passed, tally.results),
    objectionCount: tally.objections,
    complaintCount: tally.complaints,
    rescoringCount: tally.rescorings,
    complaintRate: toRate(tally.objections, tally.results),
    feedback: summariseFeedback(tally.feedback),
  };
}

function isPresent(registration: Pick<RegistrationRecord, 'attendance' | 'attendanceBySession'>): boolean {
  return registration.attendance?.status === 'present' || (registration.attendanceBySession ?? []).some((entry) => entry.status === 'present');
}

/**
 * R20 indicators of the selected batches (see the module comment).
 * @throws AppError `not_found` for an unknown `batchId`; `validation_failed` for from > to
 */
export async function computeIndicators(options: { actor: Actor; query: IndicatorsQuery }): Promise<IndicatorReport> {
  const { actor, query } = options;
  const organisationId = new Types.ObjectId(actor.organisationId);
  const batches = await selectReportBatches(actor.organisationId, query);
  const batchIds = batches.map((entry) => entry.batch._id);
  const [registrations, started, anyResults, counted, objections, feedback] = await Promise.all([
    RegistrationModel.find({ organisationId, batchId: { $in: batchIds } }, { batchId: 1, attendance: 1, attendanceBySession: 1 }).lean(),
    AttemptModel.find({ organisationId, batchId: { $in: batchIds }, startedAt: { $exists: true } }, { registrationId: 1 }).lean(),
    ResultModel.find({ organisationId, batchId: { $in: batchIds } }, { registrationId: 1 }).lean(),
    loadCountedResults(actor.organisationId, batches, false),
    ObjectionModel.find({ organisationId, batchId: { $in: batchIds } }, { batchId: 1, kind: 1 }).lean(),
    FeedbackModel.find({ organisationId, batchId: { $in: batchIds } }).lean<FeedbackRecord[]>(),
  ]);
  const participated = new Set([...started, ...anyResults].map((entry) => String(entry.registrationId)));

  const tallies = new Map<string, Tally>(
    batches.map((entry) => [String(entry.batch._id), { registered: 0, attended: 0, results: 0, passed: 0, objections: 0, complaints: 0, rescorings: 0, feedback: [] }]),
  );
  for (const registration of registrations) {
    const tally = tallies.get(String(registration.batchId));
    if (!tally) continue;
    tally.registered += 1;
    if (isPresent(registration) || participated.has(String(registration._id))) tally.attended += 1;
  }
  for (const result of counted) {
    const tally = tallies.get(String(result.batchId))!;
    tally.results += 1;
    if (result.isPass) tally.passed += 1;
  }
  for (const objection of objections) {
    const tally = tallies.get(String(objection.batchId))!;
    tally.objections += 1;
    if (objection.kind === 'complaint') tally.complaints += 1;
    else tally.rescorings += 1;
  }
  for (const entry of feedback) tallies.get(String(entry.batchId))!.feedback.push(entry);

  const total: Tally = { registered: 0, attended: 0, results: 0, passed: 0, objections: 0, complaints: 0, rescorings: 0, feedback: [] };
  const rows = batches.map((entry): BatchIndicators => {
    const tally = tallies.get(String(entry.batch._id))!;
    total.registered += tally.registered;
    total.attended += tally.attended;
    total.results += tally.results;
    total.passed += tally.passed;
    total.objections += tally.objections;
    total.complaints += tally.complaints;
    total.rescorings += tally.rescorings;
    total.feedback.push(...tally.feedback);
    return {
      batchId: String(entry.batch._id),
      batchCode: entry.batch.code,
      batchName: entry.batch.name,
      status: entry.batch.status,
      startsOn: entry.startsOn,
      ...toFigures(tally),
    };
  });
  return { batches: rows, total: toFigures(total) };
}
