import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { parseCalendarDate } from '../calendar/calendar-date';
import {
  computeCertificateDataDeadline,
  computePlanFilingDeadline,
  computePublicationEnd,
  computeResultsSubmissionDeadline,
  deadlineWarnings,
  defaultDeadlineSettings,
} from './deadlines';

const date = (text: string) => parseCalendarDate(text);

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

// chinese-days 1.5.7: 2025 holidays 10-01..10-08, adjusted working days Sun 09-28 and Sat 10-11;
// 2026 Labour Day 05-01..05-05 with adjusted working Sat 05-09.

describe('deadlines', () => {
  it('ships the strictest defaults: R7 10, R11 5 working days, R12 15, R13 30', () => {
    expect(defaultDeadlineSettings).toEqual({
      planLeadTimeWorkingDays: 10,
      publicationPeriod: { length: 5, unit: 'working' },
      resultsSubmissionWorkingDays: 15,
      certificateDataWorkingDays: 30,
    });
  });

  it('R7: the plan filing deadline is the 11th working day before the first session', () => {
    expect(computePlanFilingDeadline(date('2025-10-17'))).toMatchObject({
      ruleId: 'R7',
      kind: 'plan_filing',
      direction: 'due_by',
      date: '2025-09-26',
    });
  });

  it('R11: publication started 2025-09-30 ends 5 working days later on 2025-10-14 (over the holiday and Sat 10-11)', () => {
    // After 09-30: [10-01..10-08], 10-09 1, 10-10 2, 10-11 (Sat, adjusted) 3, 10-13 4, 10-14 5.
    const end = computePublicationEnd(date('2025-09-30'));
    expect(end).toMatchObject({ ruleId: 'R11', kind: 'publication_end', direction: 'not_before', date: '2025-10-14' });
  });

  it('R11: the natural-day setting (Hunan 5 natural days) ignores holidays', () => {
    expect(computePublicationEnd(date('2025-09-30'), { length: 5, unit: 'natural' }).date).toBe('2025-10-05');
  });

  it('R12: results are due 15 working days after publication ends (20 when set)', () => {
    // After Thu 2026-04-30: [05-01..05-05], 05-06 1, 05-07 2, 05-08 3, 05-09 (Sat, adjusted) 4, 05-11..15 5-9,
    // 05-18..22 10-14, 05-25 15.
    expect(computeResultsSubmissionDeadline(date('2026-04-30'))).toMatchObject({ ruleId: 'R12', date: '2026-05-25' });
    expect(computeResultsSubmissionDeadline(date('2026-04-30'), 20).date).toBe('2026-06-01');
  });

  it('R13: certificate data are due 30 working days from the issue date', () => {
    expect(computeCertificateDataDeadline(date('2026-03-02'))).toMatchObject({ ruleId: 'R13', date: '2026-04-14' });
  });

  it('R13: refuses a deadline that falls in a year without published holidays', () => {
    const error = caught(() => computeCertificateDataDeadline(date('2026-12-01')));
    expect(error.code).toBe('calendar_out_of_range');
    expect(error.message).toContain('2027-01-01');
  });

  it('refuses day counts that are not whole numbers >= 1', () => {
    expect(caught(() => computeResultsSubmissionDeadline(date('2026-04-30'), 0)).message).toContain('resultsSubmissionWorkingDays');
    expect(caught(() => computePublicationEnd(date('2026-04-30'), { length: 2.5, unit: 'natural' })).code).toBe('validation_failed');
  });
});

describe('deadlineWarnings', () => {
  const filing = computePlanFilingDeadline(date('2025-10-17')); // due 2025-09-26
  const results = computeResultsSubmissionDeadline(date('2026-04-30')); // due 2026-05-25
  const publication = computePublicationEnd(date('2025-09-30')); // not before 2025-10-14

  it('R12: warns when 3 working days or fewer are left, counting the adjusted Saturday', () => {
    // From Wed 2026-05-20: 05-21 1, 05-22 2, 05-25 3.
    expect(deadlineWarnings(date('2026-05-20'), [results])).toMatchObject([
      { ruleId: 'R12', level: 'approaching', workingDaysLeft: 3, date: '2026-05-25' },
    ]);
    expect(deadlineWarnings(date('2026-05-19'), [results])).toEqual([]);
  });

  it('R12: says due today on the day and overdue after it', () => {
    expect(deadlineWarnings(date('2026-05-25'), [results])[0]).toMatchObject({ level: 'due_today', workingDaysLeft: 0 });
    const [overdue] = deadlineWarnings(date('2026-05-27'), [results]);
    expect(overdue).toMatchObject({ level: 'overdue', workingDaysLeft: -2 });
    expect(overdue.message).toContain('overdue since 2026-05-25 (2 days late)');
  });

  it('R7: warns before the filing deadline across the adjusted Sunday 2025-09-28', () => {
    // From Thu 2025-09-25 to Fri 09-26: one working day left.
    expect(deadlineWarnings(date('2025-09-25'), [filing, publication])).toMatchObject([
      { ruleId: 'R7', level: 'approaching', workingDaysLeft: 1 },
    ]);
  });

  it('R11: never warns about the publication end (a not-before date), and sorts by date', () => {
    const warnings = deadlineWarnings(date('2026-05-27'), [results, filing, publication]);
    expect(warnings.map((warning) => warning.ruleId)).toEqual(['R7', 'R12']);
  });
});
