/**
 * Pure helpers of the plan screens: live R6 role-conflict hints while staff are picked, R4 weight
 * checks, and China-time conversions of session starts. The server re-checks everything; these only
 * warn early.
 */
import type { BatchStaffRole } from './plans-types';

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
