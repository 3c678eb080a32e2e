/**
 * Time passing in the journey: the server runs in this process, so moving this process's clock
 * forward is the whole platform living through the working days of the publication 公示 (R11) —
 * every use case reads "today" from `new Date()`. Only `Date` is replaced (timers, the performance
 * clock and I/O are real) and the moved clock keeps running at real speed.
 */
import { vi } from 'vitest';
import { calendarDateInChina, type CalendarDate } from '@skillcert/server/domain/calendar/calendar-date';

/** Moves this process's `Date` to `instant` (and on from there in real time). */
export function advanceClockTo(instant: Date): void {
  if (instant.getTime() <= Date.now()) throw new RangeError(`advanceClockTo: ${instant.toISOString()} is not in the future`);
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, advanceTimeDelta: 5 });
  vi.setSystemTime(instant);
}

/** Puts the real clock back. */
export function restoreClock(): void {
  vi.useRealTimers();
}

/** 10:00 China time (02:00 UTC) on `date`. */
export function chinaMorning(date: string): Date {
  return new Date(`${date}T10:00:00+08:00`);
}

/** Today in China on this process's clock. */
export function todayInChina(): CalendarDate {
  return calendarDateInChina(new Date());
}
