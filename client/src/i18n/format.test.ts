import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateTime, formatPercent, todayInChina, toDate } from './format';

describe('formatDate', () => {
  it('writes a calendar date the Chinese way: 2026年11月20日', () => {
    expect(formatDate('2026-11-20', 'zh-CN')).toBe('2026年11月20日');
  });

  it('shows an instant on its China calendar day whatever the zone of the input', () => {
    expect(formatDate('2026-11-20T17:30:00Z', 'zh-CN')).toBe('2026年11月21日');
  });

  it('writes English dates in words', () => {
    expect(formatDate('2026-11-20', 'en')).toBe('November 20, 2026');
  });

  it('leaves an unparsable value as it is and an empty one empty', () => {
    expect(formatDate('not a date', 'zh-CN')).toBe('not a date');
    expect(formatDate(undefined, 'zh-CN')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('adds the 24-hour China time', () => {
    expect(formatDateTime('2026-11-20T01:05:00Z', 'zh-CN')).toBe('2026年11月20日 09:05');
  });
});

describe('formatPercent', () => {
  it('turns a fraction 0..1 into a percentage', () => {
    expect(formatPercent(0.1, 'zh-CN')).toBe('10%');
    expect(formatPercent(0.0667, 'en', 1)).toBe('6.7%');
  });
});

describe('calendar dates', () => {
  it('reads YYYY-MM-DD as midnight in China', () => {
    expect(toDate('2026-11-20').toISOString()).toBe('2026-11-19T16:00:00.000Z');
  });

  it('counts natural days across month ends', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
  });

  it('takes today from the China calendar', () => {
    expect(todayInChina(new Date('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
  });
});
