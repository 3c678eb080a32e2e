/**
 * Eligibility of applications (R9, R19, R5): the reference date of a batch and the verdict stored
 * with each application.
 */
import type { Level } from '@skillcert/bank-tools/types';
import { type CalendarDate, calendarDateInChina } from '../calendar/calendar-date';
import { AnnouncementModel } from './announcement.model';
import type { ApplicationEligibility } from './application.model';
import type { BatchRecord, EvaluationMode } from './batch.model';
import { type CandidateProfile, evaluateEligibility } from './eligibility';
import { firstSessionDate } from './load-batch';
import type { AnnouncementFields } from './plans.contracts';

/**
 * R9 reference date of a batch's applications: the close of the announcement's application period,
 * else the first session date, else today in China.
 */
export async function findEligibilityReferenceDate(batch: Pick<BatchRecord, '_id' | 'sessions'>): Promise<CalendarDate> {
  const announcement = await AnnouncementModel.findOne({ batchId: batch._id }, { fields: 1, status: 1, published: 1 }).lean();
  const fields = (announcement?.status === 'published' ? announcement.published?.page : announcement?.fields) as
    | Pick<AnnouncementFields, 'applicationPeriod'>
    | undefined;
  const closesOn = fields?.applicationPeriod?.closesOn as CalendarDate | undefined;
  return closesOn ?? firstSessionDate(batch) ?? calendarDateInChina(new Date());
}

/**
 * R9: the stored verdict of `profile` applying for `level` in `mode` on `asOf` with the
 * organisation's `enterpriseUnits`; never throws (every failed condition is a reason).
 */
export function evaluateApplication(options: {
  profile: CandidateProfile;
  level: Level;
  mode: EvaluationMode;
  asOf: CalendarDate;
  enterpriseUnits: readonly string[];
}): ApplicationEligibility {
  const result = evaluateEligibility(options.profile, { level: options.level, mode: options.mode }, {
    asOf: options.asOf,
    enterpriseUnits: options.enterpriseUnits,
  });
  return {
    isEligible: result.isEligible,
    ...(result.pathId ? { pathId: result.pathId } : {}),
    ...(result.path ? { path: result.path } : {}),
    reasons: result.reasons,
    notes: result.notes,
    asOf: options.asOf,
    evaluatedAt: new Date(),
  };
}
