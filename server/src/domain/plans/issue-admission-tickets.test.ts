import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { ApplicationRecord } from './application.model';
import type { BatchRecord } from './batch.model';
import { allocateSeats, generateInitialPassword } from './issue-admission-tickets';
import type { RegistrationRecord } from './registration.model';

const scopeId = new Types.ObjectId();
const roomA = new Types.ObjectId();
const roomB = new Types.ObjectId();
const theoryMorning = new Types.ObjectId();
const theoryAfternoon = new Types.ObjectId();
const practical = new Types.ObjectId();

function batchWith(options: { seatsA: number; seatsB: number; workstations: number }): BatchRecord {
  return {
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(),
    code: 'B-1',
    name: 'B',
    mode: 'promotion',
    scopes: [{ scopeId, occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 4, weights: { theory: 0.3, practical: 0.7 } }],
    rooms: [
      { _id: roomA, name: 'A', seats: options.seatsA, workstations: 0, proctorIds: [] },
      { _id: roomB, name: 'B', seats: options.seatsB, workstations: options.workstations, proctorIds: [] },
    ],
    sessions: [
      { _id: theoryAfternoon, kind: 'theory', scopeId, roomId: roomB, startsAt: new Date('2026-10-20T06:00:00Z'), durationMinutes: 90, status: 'scheduled' },
      { _id: theoryMorning, kind: 'theory', scopeId, roomId: roomA, startsAt: new Date('2026-10-20T01:00:00Z'), durationMinutes: 90, status: 'scheduled' },
      { _id: practical, kind: 'practical', scopeId, roomId: roomB, startsAt: new Date('2026-10-21T01:00:00Z'), durationMinutes: 120, status: 'scheduled' },
    ],
    staff: [],
    status: 'filed',
    createdBy: new Types.ObjectId(),
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

function applications(count: number): ApplicationRecord[] {
  return Array.from({ length: count }, (_, index) => ({ _id: new Types.ObjectId(), scopeId, level: 4, name: `考生${index}` }) as unknown as ApplicationRecord);
}

describe('allocateSeats', () => {
  it('R21: fills the earliest theory session first, then the next, with a workstation each', () => {
    const allocations = allocateSeats(batchWith({ seatsA: 2, seatsB: 3, workstations: 10 }), applications(4), []);
    expect(allocations.map((allocation) => [String(allocation.theorySessionId), allocation.seatNumber, allocation.workstationNumber])).toEqual([
      [String(theoryMorning), 1, 1],
      [String(theoryMorning), 2, 2],
      [String(theoryAfternoon), 1, 3],
      [String(theoryAfternoon), 2, 4],
    ]);
    expect(String(allocations[2].roomId)).toBe(String(roomB));
  });

  it('skips seats and workstations already taken by earlier registrations', () => {
    const existing = [{ theorySessionId: theoryMorning, seatNumber: 1, practicalSessionId: practical, workstationNumber: 2 }] as unknown as RegistrationRecord[];
    const [allocation] = allocateSeats(batchWith({ seatsA: 2, seatsB: 0, workstations: 10 }), applications(1), existing);
    expect([allocation.seatNumber, allocation.workstationNumber]).toEqual([2, 1]);
  });

  it('R21: refuses with infeasible, counting the missing seats and workstations', () => {
    let error: unknown;
    try {
      allocateSeats(batchWith({ seatsA: 1, seatsB: 1, workstations: 1 }), applications(3), []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('infeasible');
    expect((error as AppError).message).toContain('电工 维修电工 level 4: 1 more theory seat(s) needed');
    expect((error as AppError).message).toContain('2 more practical workstation(s) needed (R21)');
  });
});

describe('generateInitialPassword', () => {
  it('makes 12 characters without look-alikes, different each time', () => {
    const passwords = Array.from({ length: 20 }, generateInitialPassword);
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
    expect(new Set(passwords).size).toBe(20);
  });
});
