import { describe, expect, it } from 'vitest';
import { addDate, calendarFieldOfDate, checkUnitNames, nextSupplementaryYear, normaliseFieldPath, placeServerProblems, problemAt } from './organisation-settings-rules';

describe('addDate', () => {
  it('R7 R11-R13: adds a date and keeps the list sorted', () => {
    expect(addDate(['2026-10-10', '2026-05-06'].sort(), '2026-06-01')).toEqual({ dates: ['2026-05-06', '2026-06-01', '2026-10-10'] });
  });

  it('R7 R11-R13: refuses an empty, malformed or already listed date', () => {
    expect(addDate([], '')).toEqual({ problem: 'empty' });
    expect(addDate([], '2026/06/01')).toEqual({ problem: 'invalid' });
    expect(addDate(['2026-06-01'], '2026-06-01')).toEqual({ problem: 'duplicate' });
  });

  it('R7 R11-R13: refuses a date already on the opposite list (rest day and working day at once)', () => {
    expect(addDate([], '2026-06-01', ['2026-06-01'])).toEqual({ problem: 'conflict' });
  });
});

describe('checkUnitNames', () => {
  it('R9: marks blank names and later duplicates (compared trimmed), leaves the first of a pair alone', () => {
    expect(checkUnitNames(['湘电集团', ' ', '湘电股份', '湘电集团 '])).toEqual([null, { kind: 'empty' }, null, { kind: 'duplicate', duplicateOf: 0 }]);
  });

  it('R9: accepts distinct names', () => {
    expect(checkUnitNames(['湘电集团', '湘电股份'])).toEqual([null, null]);
  });
});

describe('nextSupplementaryYear', () => {
  const stored = { coveredRange: { first: '2004-01-01', last: '2027-12-31' }, supplementaryYears: [{ year: 2027, restDays: [], workingDays: [], source: 'x' }] };

  it('R7 R11-R13: follows the last year being edited', () => {
    expect(nextSupplementaryYear(stored, [{ year: 2027 }])).toBe(2028);
  });

  it('R7 R11-R13: follows the holiday data’s own last year when every supplementary year was removed', () => {
    expect(nextSupplementaryYear(stored, [])).toBe(2027);
    expect(nextSupplementaryYear({ coveredRange: { first: '2004-01-01', last: '2026-12-31' }, supplementaryYears: [] }, [])).toBe(2027);
  });
});

describe('placeServerProblems', () => {
  it('places zod issues under the body prefix on dotted fields', () => {
    const problems = placeServerProblems({ code: 'validation_failed', message: 'x', details: { issues: [{ field: 'body.supplementaryYears.0.source', message: 'is required' }] } });
    expect(problems).toEqual([{ field: 'supplementaryYears.0.source', message: 'is required' }]);
    expect(problemAt(problems, 'supplementaryYears.0.source')).toBe('is required');
    expect(problemAt(problems, 'supplementaryYears.0.restDays')).toBeUndefined();
  });

  it('places a use-case error naming a bracketed field with the server message', () => {
    const message = 'supplementaryYears[0].restDays holds 2028-01-01, outside the year 2027';
    const problems = placeServerProblems({ code: 'validation_failed', message, details: { field: 'supplementaryYears[0].restDays', value: '2028-01-01' } });
    expect(problemAt(problems, 'supplementaryYears.0.restDays')).toBe(message);
    expect(problemAt(problems, 'supplementaryYears.1.restDays')).toBeUndefined();
  });

  it('R7: places calendar_out_of_range on the list holding the date', () => {
    const setting = { extraRestDays: [], extraWorkingDays: ['2030-01-05'], supplementaryYears: [] };
    const problems = placeServerProblems({ code: 'calendar_out_of_range', message: '2030-01-05 is outside', details: { date: '2030-01-05' } }, (date) => calendarFieldOfDate(setting, date));
    expect(problems).toEqual([{ field: 'extraWorkingDays', message: '2030-01-05 is outside' }]);
  });

  it('places nothing for an error naming no field', () => {
    expect(placeServerProblems({ code: 'forbidden', message: 'no' })).toEqual([]);
    expect(placeServerProblems(null)).toEqual([]);
  });
});

describe('normaliseFieldPath', () => {
  it('reads brackets and the body prefix alike', () => {
    expect(normaliseFieldPath('supplementaryYears[1].year')).toBe('supplementaryYears.1.year');
    expect(normaliseFieldPath('body.enterpriseUnits.2')).toBe('enterpriseUnits.2');
  });
});

describe('calendarFieldOfDate', () => {
  it('R7 R11-R13: finds a date in a supplementary year list', () => {
    const setting = { extraRestDays: [], extraWorkingDays: [], supplementaryYears: [{ year: 2027, restDays: ['2027-02-10'], workingDays: ['2027-02-07'], source: 's' }] };
    expect(calendarFieldOfDate(setting, '2027-02-07')).toBe('supplementaryYears.0.workingDays');
    expect(calendarFieldOfDate(setting, '2027-03-01')).toBeUndefined();
  });
});
