/**
 * Reads what the plan use cases need about an organisation: its working-day calendar (statutory
 * data + supplementary years + own rest/working days), its enterprise units (R9) and its
 * jurisdiction settings (R4, R7, R11-R13).
 */
import { Types } from 'mongoose';
import type { JurisdictionSettings } from '../../contracts/identity';
import { AppError } from '../../errors';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-days';
import { OrganisationModel } from '../identity/organisation.model';
import { PlanSettingsModel, type PlanSettingsRecord } from './plan-settings.model';

/** Calendar part of the plan settings as stored. */
export type CalendarSettings = PlanSettingsRecord['calendar'];

/** Empty calendar additions. */
export const emptyCalendarSettings: CalendarSettings = Object.freeze({ extraRestDays: [], extraWorkingDays: [], supplementaryYears: [] }) as CalendarSettings;

/** The stored plan settings of an organisation, or null when it has none yet. */
export async function loadPlanSettings(organisationId: string): Promise<PlanSettingsRecord | null> {
  return PlanSettingsModel.findOne({ organisationId: new Types.ObjectId(organisationId) }).lean();
}

/**
 * Builds the working-day calendar of calendar settings: supplementary years are applied in year
 * order. Used for every deadline of the organisation (R7, R11, R12, R13).
 * @throws AppError `validation_failed` / `calendar_out_of_range` as `createWorkingDayCalendar`.
 */
export function buildWorkingDayCalendar(settings: CalendarSettings): WorkingDayCalendar {
  return createWorkingDayCalendar({
    extraRestDays: settings.extraRestDays,
    extraWorkingDays: settings.extraWorkingDays,
    supplementaryYears: [...settings.supplementaryYears].sort((a, b) => a.year - b.year),
  });
}

const calendarCache = new Map<string, { stamp: string; calendar: WorkingDayCalendar }>();

/**
 * The organisation's working-day calendar (cached until its settings change).
 * @throws AppError from {@link buildWorkingDayCalendar} when stored settings became invalid.
 */
export async function loadWorkingDayCalendar(organisationId: string): Promise<WorkingDayCalendar> {
  const settings = await loadPlanSettings(organisationId);
  const stamp = settings ? new Date(settings.updatedAt).toISOString() : 'none';
  const cached = calendarCache.get(organisationId);
  if (cached && cached.stamp === stamp) return cached.calendar;
  const calendar = buildWorkingDayCalendar(settings?.calendar ?? emptyCalendarSettings);
  calendarCache.set(organisationId, { stamp, calendar });
  return calendar;
}

/** Organisation name and settings needed by plans. */
export interface PlanOrganisation {
  id: string;
  name: string;
  jurisdiction: JurisdictionSettings;
}

/**
 * The organisation's name and jurisdiction settings.
 * @throws AppError `not_found` when the organisation does not exist.
 */
export async function loadPlanOrganisation(organisationId: string): Promise<PlanOrganisation> {
  const organisation = await OrganisationModel.findById(organisationId).lean();
  if (!organisation) throw new AppError('not_found', `Organisation ${organisationId} does not exist`);
  return { id: organisationId, name: organisation.name, jurisdiction: organisation.settings.jurisdiction };
}

/**
 * R9: names of the enterprise and its subsidiaries an applicant's employer must match: the stored
 * list, or the organisation's own name when none is stored.
 */
export async function loadEnterpriseUnits(organisationId: string): Promise<string[]> {
  const settings = await loadPlanSettings(organisationId);
  if (settings && settings.enterpriseUnits.length > 0) return [...settings.enterpriseUnits];
  return [(await loadPlanOrganisation(organisationId)).name];
}
