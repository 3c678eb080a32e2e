/**
 * Pure helpers of the plan screens: live R6 role-conflict hints while staff are picked, R4 weight
 * checks, China-time conversions of session starts, and the roster's R9 counts. The server re-checks everything; these only
 * warn early.
 */
import type { ApplicationView, BatchStaffRole } from './plans-types';

/** One person picked for two or more batch roles (R6). */
export interface PickedConflict {
  userId: string;
  roles: BatchStaffRole[];
}

/** People appearing under more than one role in `staff` (R6: nobody holds two roles in a batch). */
export function findPickedConflicts(staff: readonly { userId: string; role: BatchStaffRole }[]): PickedConflict[] {
  const roles = new Map<string, BatchStaffRole[]>();
  for (const entry of staff) {
    const list = roles.get(entry.userId) ?? [];
    if (!list.includes(entry.role)) list.push(entry.role);
    roles.set(entry.userId, list);
  }
  return [...roles].filter(([, list]) => list.length > 1).map(([userId, list]) => ({ userId, roles: list }));
}

/** Component weights of a scope as percentages (0..100). */
export interface WeightPercents {
  theory: number;
  practical: number;
  review?: number;
}

/** Problems with a scope's weights: the sum is not 100% (R4), practical below the minimum share (R4). */
export function checkWeights(weights: WeightPercents, minimumPracticalShare: number): ('sum' | 'practical')[] {
  const problems: ('sum' | 'practical')[] = [];
  const sum = weights.theory + weights.practical + (weights.review ?? 0);
  if (Math.abs(sum - 100) > 0.01) problems.push('sum');
  if (weights.practical / 100 + 1e-9 < minimumPracticalShare) problems.push('practical');
  return problems;
}

/** Converts a China-time date `YYYY-MM-DD` and time `HH:mm` to ISO 8601 with the +08:00 offset. */
export function toChinaDateTime(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}

/** The China-time `HH:mm` of an ISO instant. */
export function chinaTimeOf(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** The roster's application counts as the screen states them (R9). */
export interface RosterCounts {
  /** Every application of the batch. */
  total: number;
  /** Eligible under R9: admitted ones included (only eligible applications are admitted). */
  eligible: number;
  /** Eligible and holding an admission ticket. */
  admitted: number;
  /** Eligible, not admitted yet. */
  awaitingAdmission: number;
  /** Refused under R9 (`rejected`). */
  notEligible: number;
}

/**
 * Reads the server's per-status counts (`eligible` = eligible and not yet admitted, `admitted`,
 * `rejected`; a missing status counts 0) so admitted applications count as eligible: 30 admitted
 * and 2 rejected give 30 eligible (30 admitted, 0 awaiting admission) and 2 not eligible (R9).
 */
export function summariseRosterCounts(counts: Partial<Record<ApplicationView['status'], number>>): RosterCounts {
  const awaitingAdmission = counts.eligible ?? 0;
  const admitted = counts.admitted ?? 0;
  const notEligible = counts.rejected ?? 0;
  return { total: awaitingAdmission + admitted + notEligible, eligible: awaitingAdmission + admitted, admitted, awaitingAdmission, notEligible };
}
