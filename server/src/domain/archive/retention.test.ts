import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../calendar/calendar-date';
import { computeRetentionDates, computeRetentionUntil, isRetentionOver } from './retention';

const date = (text: string) => parseCalendarDate(text);

describe('computeRetentionUntil', () => {
  it('R16: keeps paper 3 years, electronic records and video 5 years from the batch end', () => {
    expect(computeRetentionDates(date('2026-10-13'))).toEqual({ paper: '2029-10-13', electronic: '2031-10-13', video: '2031-10-13' });
  });

  it('R16: moves 29 February to 28 February in a common year', () => {
    expect(computeRetentionUntil(date('2028-02-29'), 'paper')).toBe('2031-02-28');
  });
});

describe('isRetentionOver', () => {
  it('R16: refuses destruction before the retention date and allows it from that day', () => {
    expect(isRetentionOver('2029-10-13', date('2029-10-12'))).toBe(false);
    expect(isRetentionOver('2029-10-13', date('2029-10-13'))).toBe(true);
  });
});
