/**
 * Retention of archive records (R16): paper kept >= 3 years, electronic records >= 5 years,
 * monitoring video >= 5 years, counted from the batch's end (the publication's last day). Records
 * may be destroyed only on or after their retention date, and only through a ledger entry.
 * Pure functions.
 */
import { addYears, type CalendarDate } from '../calendar/calendar-date';

/** What a record is kept as (R16). */
export const retentionKinds = ['paper', 'electronic', 'video'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/** Minimum retention in years per kind (R16). */
export const retentionYearsByKind: Readonly<Record<RetentionKind, number>> = Object.freeze({ paper: 3, electronic: 5, video: 5 });

/**
 * The first day a record of `kind` may be destroyed: `baseDate` plus the kind's years
 * (29 February → 28 February in a common year) (R16).
 */
export function computeRetentionUntil(baseDate: CalendarDate, kind: RetentionKind): CalendarDate {
  return addYears(baseDate, retentionYearsByKind[kind]);
}

/** Retention dates of every kind from `baseDate` (R16). */
export function computeRetentionDates(baseDate: CalendarDate): Record<RetentionKind, CalendarDate> {
  return {
    paper: computeRetentionUntil(baseDate, 'paper'),
    electronic: computeRetentionUntil(baseDate, 'electronic'),
    video: computeRetentionUntil(baseDate, 'video'),
  };
}

/** Whether a record kept until `retentionUntil` may be destroyed on `today` (on or after the date) (R16). */
export function isRetentionOver(retentionUntil: CalendarDate | string, today: CalendarDate): boolean {
  return today >= retentionUntil;
}
