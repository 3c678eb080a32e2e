/**
 * Sets the organisation's calendar: its own rest days and working days and supplementary years of
 * the State Council's holiday schedule (e.g. the 2027 notice before chinese-days ships it), so that
 * deadlines past the package's last year work (R7, R11, R12, R13).
 */
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { getOrganisationCalendar } from './get-organisation-calendar';
import { buildWorkingDayCalendar } from './load-plan-settings';
import { PlanSettingsModel } from './plan-settings.model';
import type { OrganisationCalendarRequest, OrganisationCalendarView } from './plans.contracts';

/**
 * Replaces the calendar setting of the actor's organisation after building the calendar from it
 * (so an invalid setting is never stored), and audits `organisation.calendar_updated` with the
 * previous and new setting.
 * @returns the stored setting and the covered range.
 * @throws AppError `validation_failed` naming the field (e.g. `supplementaryYears[0].year must be
 *   2027 …`, a date both rest and working day); `calendar_out_of_range` for an extra day outside
 *   the covered years.
 */
export async function updateOrganisationCalendar(options: {
  request: OrganisationCalendarRequest;
  actor: Actor;
}): Promise<OrganisationCalendarView> {
  const { request, actor } = options;
  const unique = (dates: readonly string[]) => [...new Set(dates)].sort();
  const calendar = {
    extraRestDays: unique(request.extraRestDays),
    extraWorkingDays: unique(request.extraWorkingDays),
    supplementaryYears: [...request.supplementaryYears]
      .sort((a, b) => a.year - b.year)
      .map((year) => ({ year: year.year, restDays: unique(year.restDays), workingDays: unique(year.workingDays), source: year.source })),
  };
  buildWorkingDayCalendar(calendar);
  const before = await getOrganisationCalendar(actor.organisationId);
  await PlanSettingsModel.updateOne(
    { organisationId: new Types.ObjectId(actor.organisationId) },
    { $set: { calendar }, $setOnInsert: { enterpriseUnits: [] } },
    { upsert: true },
  );
  const after = await getOrganisationCalendar(actor.organisationId);
  await recordAudit({
    actor,
    action: 'organisation.calendar_updated',
    target: { kind: 'organisation', id: actor.organisationId },
    payload: {
      before: { extraRestDays: before.extraRestDays, extraWorkingDays: before.extraWorkingDays, supplementaryYears: before.supplementaryYears },
      after: calendar,
    },
  });
  return after;
}
