/**
 * Arrangement helpers of the plans API suites: bank scopes created through the bank's model and
 * made ready (R1 sizes, R2 coverage) by storing approved items and active papers directly — the
 * bank and paper workflows that normally produce them are tested by their own suites.
 */
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import { computeResidentIdCheckCharacter } from '@skillcert/server/contracts/identity';
import { BankScopeModel } from '@skillcert/server/domain/bank/bank-scope.model';
import { ItemModel } from '@skillcert/server/domain/bank/item.model';
import { PaperLibraryModel } from '@skillcert/server/domain/papers/paper-library.model';
import { PaperModel } from '@skillcert/server/domain/papers/paper.model';
import type { SignedInAgent } from '../helpers/app';

let scopeCounter = 0;

/** Creates a bank scope of the organisation (not ready) and returns its id. */
export async function createBankScope(organisationId: string, level: Level, workType = '维修电工'): Promise<string> {
  scopeCounter += 1;
  const scope = await BankScopeModel.create({
    organisationId: new Types.ObjectId(organisationId),
    occupationCode: `6-31-01-${String(scopeCounter % 100).padStart(2, '0')}`,
    occupationName: '电工',
    workType: `${workType}${scopeCounter}`,
    level,
    practicalTasksPerPaper: 2,
  });
  return String(scope._id);
}

/**
 * Makes a scope pass the bank readiness gate (R1, R2): a one-point blueprint (20 judge items per
 * paper), 500 approved theory items and 50 approved practical items on it, a theory and a practical
 * library of 5 active papers each.
 */
export async function makeScopeReady(organisationId: string, scopeId: string, authorId: string): Promise<void> {
  const organisation = new Types.ObjectId(organisationId);
  const scope = new Types.ObjectId(scopeId);
  const author = new Types.ObjectId(authorId);
  await BankScopeModel.updateOne(
    { _id: scope },
    { $set: { blueprint: { nodes: [{ code: 'K1', name: '基础知识', weight: 1 }], structure: [{ type: 'judge', count: 20, pointsEach: 5 }] } } },
  );
  const theory = Array.from({ length: 500 }, (_, index) => ({
    organisationId: organisation,
    scopeId: scope,
    kind: 'theory' as const,
    type: 'judge' as const,
    status: 'approved' as const,
    version: 1,
    knowledgePoint: 'K1',
    current: { kind: 'theory', type: 'judge', stem: `判断题 ${scopeId} 第${index + 1}题`, options: ['正确', '错误'], answer: [index % 2], knowledgePoint: 'K1' },
    authorId: author,
  }));
  const practical = Array.from({ length: 50 }, (_, index) => ({
    organisationId: organisation,
    scopeId: scope,
    kind: 'practical' as const,
    status: 'approved' as const,
    version: 1,
    current: { kind: 'practical', task: `操作任务 ${index + 1}`, materials: [], timeLimitMinutes: 60, criteria: [], vetoItems: [] },
    authorId: author,
  }));
  const items = await ItemModel.insertMany([...theory, ...practical]);
  for (const kind of ['theory', 'practical'] as const) {
    const library = await PaperLibraryModel.create({
      organisationId: organisation,
      scopeId: scope,
      kind,
      seed: `plans-test-${kind}`,
      snapshotHash: 'test',
      maxOverlap: 0.1,
      paperIds: [],
      overlapMatrix: [],
      difficulty: { meanByPaper: [], spread: 0 },
      status: 'active',
      createdBy: author,
    });
    const pool = items.filter((item) => item.kind === kind);
    const papers = await PaperModel.insertMany(
      Array.from({ length: 5 }, (_, index) => ({
        organisationId: organisation,
        scopeId: scope,
        libraryId: library._id,
        kind,
        index,
        code: `${kind === 'theory' ? 'T' : 'P'}-${index + 1}`,
        slots: pool.slice(index * 2, index * 2 + 2).map((item) => ({ itemId: item._id, version: 1, type: kind === 'theory' ? 'judge' : 'practical', points: 50 })),
        totalPoints: 100,
        status: 'active',
        createdBy: author,
      })),
    );
    await PaperLibraryModel.updateOne({ _id: library._id }, { $set: { paperIds: papers.map((paper) => paper._id) } });
  }
}

/** A resident ID number with a correct check character for a birth date `YYYYMMDD` and serial 0-999. */
export function residentIdNumber(birth: string, serial: number, addressCode = '440703'): string {
  const first17 = `${addressCode}${birth}${String(serial).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckCharacter(first17);
}

/** The staff users of a planned batch. */
export interface BatchStaffUsers {
  examAdmin: { id: string; name: string };
  assessor: { id: string; name: string };
  supervisor: { id: string; name: string };
}

/**
 * Creates a promotion batch over `scopeIds` (weights 0.3/0.7, review 0.2 for levels 2/1), one room
 * with `seats` seats and `workstations` workstations proctored by a new exam administrator, theory
 * and practical sessions on `sessionDate` (review too for levels 2/1), and assigns staff.
 * @returns the batch id, the room and session ids and the staff users.
 */
export async function planBatch(
  planner: SignedInAgent,
  options: {
    code: string;
    scopes: { scopeId: string; level: Level }[];
    sessionDate: string;
    seats?: number;
    workstations?: number;
    staff: BatchStaffUsers;
  },
): Promise<{ batchId: string; roomId: string; sessionIds: Record<string, string> }> {
  const created = await planner.post('/api/batches').send({
    code: options.code,
    name: `${options.code} 评价批次`,
    mode: 'promotion',
    scopes: options.scopes.map((scope) => ({
      scopeId: scope.scopeId,
      weights: scope.level <= 2 ? { theory: 0.2, practical: 0.6, review: 0.2 } : { theory: 0.3, practical: 0.7 },
    })),
  });
  if (created.status !== 201) throw new Error(`create batch: ${created.status} ${JSON.stringify(created.body)}`);
  const batchId = created.body.id as string;
  const staff = await planner.put(`/api/batches/${batchId}/staff`).send({
    staff: [
      { userId: options.staff.examAdmin.id, role: 'exam_admin' },
      { userId: options.staff.assessor.id, role: 'assessor' },
      { userId: options.staff.supervisor.id, role: 'supervisor' },
    ],
  });
  if (staff.status !== 200) throw new Error(`staff: ${staff.status} ${JSON.stringify(staff.body)}`);
  const rooms = await planner.put(`/api/batches/${batchId}/rooms`).send({
    rooms: [{ name: '第一考场', seats: options.seats ?? 30, workstations: options.workstations ?? 12, proctorIds: [options.staff.examAdmin.id] }],
  });
  if (rooms.status !== 200) throw new Error(`rooms: ${rooms.status} ${JSON.stringify(rooms.body)}`);
  const roomId = rooms.body.rooms[0].id as string;
  const sessions = options.scopes.flatMap((scope) => [
    { kind: 'theory', scopeId: scope.scopeId, roomId, startsAt: `${options.sessionDate}T09:00:00+08:00`, durationMinutes: 90 },
    { kind: 'practical', scopeId: scope.scopeId, roomId, startsAt: `${options.sessionDate}T14:00:00+08:00`, durationMinutes: 120 },
    ...(scope.level <= 2 ? [{ kind: 'review', scopeId: scope.scopeId, roomId, startsAt: `${options.sessionDate}T16:30:00+08:00`, durationMinutes: 60 }] : []),
  ]);
  const scheduled = await planner.put(`/api/batches/${batchId}/sessions`).send({ sessions });
  if (scheduled.status !== 200) throw new Error(`sessions: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  const sessionIds: Record<string, string> = {};
  for (const session of scheduled.body.sessions as { id: string; kind: string; scopeId: string }[]) {
    sessionIds[`${session.scopeId}:${session.kind}`] = session.id;
  }
  return { batchId, roomId, sessionIds };
}
