/**
 * Reads the organisation's calendar setting (extra rest/working days, supplementary years) and the
 * range of dates its working-day calendar covers (R7, R11-R13).
 */
import type { OrganisationCalendarView } from './plans.contracts';
import { buildWorkingDayCalendar, emptyCalendarSettings, loadPlanSettings } from './load-plan-settings';

/** The calendar setting of `organisationId` with the covered range (empty additions when never set). */
export async function getOrganisationCalendar(organisationId: string): Promise<OrganisationCalendarView> {
  const settings = await loadPlanSettings(organisationId);
  const calendarSettings = settings?.calendar ?? emptyCalendarSettings;
  const calendar = buildWorkingDayCalendar(calendarSettings);
  return {
    extraRestDays: [...calendarSettings.extraRestDays],
    extraWorkingDays: [...calendarSettings.extraWorkingDays],
    supplementaryYears: calendarSettings.supplementaryYears.map((year) => ({
      year: year.year,
      restDays: [...year.restDays],
      workingDays: [...year.workingDays],
      source: year.source,
    })),
    coveredRange: { first: calendar.coveredRange.first, last: calendar.coveredRange.last },
    ...(settings ? { updatedAt: new Date(settings.updatedAt).toISOString() } : {}),
  };
}
