import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { checkWorkstations } from './workstations';

describe('checkWorkstations', () => {
  it('R21: warns for a work type with fewer than 10 workstations and not for one with 10', () => {
    expect(
      checkWorkstations([
        { workType: '电工', workstationCount: 10 },
        { workType: '焊工', workstationCount: 8 },
      ]),
    ).toEqual([
      { ruleId: 'R21', workType: '焊工', workstationCount: 8, minimum: 10, message: 'R21: work type 焊工 has 8 workstations; at least 10 are required' },
    ]);
  });

  it('R21: uses an organisation minimum when set', () => {
    expect(checkWorkstations([{ workType: '电工', workstationCount: 10 }], 12)[0].message).toContain('at least 12');
  });

  it('refuses a count that is not a whole number >= 0, naming the work type', () => {
    expect(() => checkWorkstations([{ workType: '钳工', workstationCount: -1 }])).toThrow(AppError);
    expect(() => checkWorkstations([{ workType: '钳工', workstationCount: 2.5 }])).toThrow(/workTypes\[0\] \(钳工\)/);
  });
});
