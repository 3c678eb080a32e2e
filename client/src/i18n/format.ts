/**
 * Locale formatting of dates, times, numbers and fractions. Dates are shown in China time
 * (Asia/Shanghai) whatever the browser's zone: zh-CN `2026年11月20日`, English `November 20, 2026`.
 */

/** The zone every date of the platform is shown in. */
export const chinaTimeZone = 'Asia/Shanghai';

const calendarDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO date-time or a calendar date `YYYY-MM-DD` (read as midnight in China). */
export function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  if (calendarDatePattern.test(value)) return new Date(`${value}T00:00:00+08:00`);
  return new Date(value);
}

function isValid(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** `2026年11月20日` (zh-CN) or `November 20, 2026` (en); the input unchanged when unparsable. */
export function formatDate(value: string | Date | undefined | null, language: string): string {
  if (value === undefined || value === null || value === '') return '';
  const date = toDate(value);
  if (!isValid(date)) return String(value);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: chinaTimeZone }).format(date);
}

/** `2026年11月20日 09:05` (zh-CN) or `November 20, 2026 at 09:05` (en), 24-hour clock, China time. */
export function formatDateTime(value: string | Date | undefined | null, language: string): string {
  if (value === undefined || value === null || value === '') return '';
  const date = toDate(value);
  if (!isValid(date)) return String(value);
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: chinaTimeZone,
  }).format(date);
}

/** `2026年11月` (zh-CN) or `November 2026` (en) for the month holding `value`. */
export function formatMonth(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: chinaTimeZone }).format(toDate(value));
}

/** A fraction 0..1 as a percentage with `digits` decimals, e.g. 0.1 → `10%`. */
export function formatPercent(fraction: number | undefined | null, language: string, digits = 0): string {
  if (fraction === undefined || fraction === null || Number.isNaN(fraction)) return '';
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** A number with grouping, e.g. 12345 → `12,345`. */
export function formatNumber(value: number | undefined | null, language: string, digits = 0): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A size in bytes as `12.3 KB` / `1.2 MB`. */
export function formatBytes(bytes: number, language: string): string {
  if (bytes < 1024) return `${formatNumber(bytes, language)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, language, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), language, 1)} MB`;
}

/** Today's calendar date in China, `YYYY-MM-DD`. */
export function todayInChina(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: chinaTimeZone }).format(now);
  return parts;
}

/** Adds `days` natural days to a calendar date `YYYY-MM-DD`. */
export function addDays(calendarDate: string, days: number): string {
  const date = new Date(`${calendarDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
