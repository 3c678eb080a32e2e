import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { BatchRecord } from './batch.model';
import { computeBatchWarnings, countWorkstationsByWorkType, findMissingComponents } from './batch-warnings';

const electrician = new Types.ObjectId();
const welder = new Types.ObjectId();
const workshop = new Types.ObjectId();
const lab = new Types.ObjectId();

function batch(overrides: Partial<BatchRecord> = {}): BatchRecord {
  return {
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(),
    code: 'B',
    name: 'B',
    mode: 'promotion',
    scopes: [
      { scopeId: electrician, occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 2, weights: { theory: 0.2, practical: 0.6, review: 0.2 } },
      { scopeId: welder, occupationCode: '6-18-02-04', occupationName: '焊工', workType: '电焊工', level: 4, weights: { theory: 0.3, practical: 0.7 } },
    ],
    rooms: [
      { _id: workshop, name: '车间', seats: 30, workstations: 12, proctorIds: [] },
      { _id: lab, name: '实验室', seats: 20, workstations: 4, proctorIds: [] },
    ],
    sessions: [],
    staff: [],
    status: 'draft',
    createdBy: new Types.ObjectId(),
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

const session = (kind: 'theory' | 'practical' | 'review', scopeId: Types.ObjectId, roomId: Types.ObjectId) => ({
  _id: new Types.ObjectId(),
  kind,
  scopeId,
  roomId,
  startsAt: new Date('2026-10-20T01:00:00Z'),
  durationMinutes: 60,
  status: 'scheduled' as const,
});

describe('countWorkstationsByWorkType', () => {
  it('R21: counts the rooms of each work type’s practical sessions, or all rooms before any is scheduled', () => {
    expect(countWorkstationsByWorkType(batch())).toEqual([
      { workType: '维修电工', workstationCount: 16 },
      { workType: '电焊工', workstationCount: 16 },
    ]);
    const scheduled = batch({ sessions: [session('practical', electrician, workshop), session('practical', welder, lab)] });
    expect(countWorkstationsByWorkType(scheduled)).toEqual([
      { workType: '维修电工', workstationCount: 12 },
      { workType: '电焊工', workstationCount: 4 },
    ]);
    expect(computeBatchWarnings(scheduled).filter((warning) => warning.ruleId === 'R21')).toEqual([
      { ruleId: 'R21', workType: '电焊工', message: 'R21: work type 电焊工 has 4 workstations; at least 10 are required' },
    ]);
  });
});

describe('findMissingComponents', () => {
  it('R4: names scopes without theory or practical sessions and level 2 without a review', () => {
    const partial = batch({ sessions: [session('theory', electrician, workshop), session('practical', electrician, workshop), session('theory', welder, lab)] });
    expect(findMissingComponents(partial)).toEqual([
      'R4: 电工 维修电工 level 2 (level 2) has no comprehensive review session',
      'R4: 焊工 电焊工 level 4 has no practical session',
    ]);
  });
});
