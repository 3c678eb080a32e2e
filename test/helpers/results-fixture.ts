/**
 * Builds a scored batch directly through the models — batch with one scope, room and theory
 * session, a draft announcement with contacts, candidates, registrations and committee-approved
 * results — for the publication, certificate and archive suites (R11-R16), without running the
 * exam and scoring flows.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Actor } from '@skillcert/server/domain/identity/actor';
import { UserModel } from '@skillcert/server/domain/identity/user.model';
import { AnnouncementModel } from '@skillcert/server/domain/plans/announcement.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import { makeResidentIdNumber } from './app';

/** A candidate of the fixture. */
export interface FixtureCandidate {
  id: string;
  name: string;
  idNumber: string;
  department: string;
}

/** One result of the fixture. */
export interface FixtureResult {
  resultId: string;
  registrationId: string;
  candidate: FixtureCandidate;
  isPass: boolean;
  totalScore: number;
}

/** What {@link createScoredBatch} made. */
export interface ScoredBatch {
  batchId: string;
  batchCode: string;
  scopeId: string;
  results: FixtureResult[];
}

/** Options of {@link createScoredBatch}. */
export interface ScoredBatchOptions {
  organisationId: string;
  /** Staff user recorded as creator and approver. */
  createdBy: string;
  /** Number of candidates created when `candidates` is not given; default 3. */
  candidateCount?: number;
  /** Existing candidates (e.g. a signed-in candidate) used first, in order. */
  candidates?: { id: string; name: string; idNumber: string }[];
  level?: 1 | 2 | 3 | 4 | 5;
  /** Indexes of results that fail (total below 60); default none. */
  failingIndexes?: number[];
  /** When the committee approved the results (ms epoch or Date); default 2026-09-29 10:00 China. */
  approvedAt?: Date;
  assessmentDate?: string;
  /** Result status; default `approved`. */
  status?: 'computed' | 'approved';
  /** Departments cycled over the candidates; default 运维部, 检修部. */
  departments?: string[];
  /** Overrides the name of candidate `index` (e.g. a formula-injection probe). */
  nameOverrides?: Record<number, string>;
  /** Announcement contacts; `[]` for none (no announcement). */
  contacts?: { name: string; department?: string; phone?: string; email?: string }[];
}

let sequence = 0;

/** An actor for calling use cases directly in tests. */
export function staffActor(organisationId: string, userId: string, roles: Actor['roles'] = ['admin'], name = '测试管理员'): Actor {
  return { userId, organisationId, roles, name };
}

/**
 * Creates a batch with approved results (R11 precondition) straight through the models.
 * Components: theory 30% and practical 70% (R4), pass marks 60.
 */
export async function createScoredBatch(options: ScoredBatchOptions): Promise<ScoredBatch> {
  sequence += 1;
  const suffix = `${sequence}${randomBytes(3).toString('hex')}`;
  const organisationId = new Types.ObjectId(options.organisationId);
  const createdBy = new Types.ObjectId(options.createdBy);
  const level = options.level ?? 4;
  const scopeId = new Types.ObjectId();
  const roomId = new Types.ObjectId();
  const sessionId = new Types.ObjectId();
  const batchId = new Types.ObjectId();
  const batchCode = `2026-电工-${suffix}`;
  await BatchModel.create({
    _id: batchId,
    organisationId,
    code: batchCode,
    name: `电工认定批次 ${suffix}`,
    mode: 'promotion',
    scopes: [{ scopeId, occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level, weights: { theory: 0.3, practical: 0.7 } }],
    rooms: [{ _id: roomId, name: '第一考场', seats: 60, workstations: 12, proctorIds: [] }],
    sessions: [{ _id: sessionId, kind: 'theory', scopeId, roomId, startsAt: new Date('2026-09-20T01:00:00Z'), durationMinutes: 90, status: 'closed' }],
    staff: [],
    filingDate: '2026-09-01',
    // As after the committee's approval (scoring's approveResults), or still scoring.
    status: options.status === 'computed' ? 'scoring' : 'results_approved',
    createdBy,
  });
  const contacts = options.contacts ?? [{ name: '王老师', department: '人力资源部', phone: '0750-1234567' }];
  if (contacts.length > 0) {
    await AnnouncementModel.create({
      organisationId,
      batchId,
      status: 'draft',
      fields: { title: '电工认定公告', places: [], materials: [], contacts, process: [] },
      createdBy,
      updatedBy: createdBy,
    });
  }
  const departments = options.departments ?? ['运维部', '检修部'];
  const count = Math.max(options.candidateCount ?? 3, options.candidates?.length ?? 0);
  const results: FixtureResult[] = [];
  for (let index = 0; index < count; index += 1) {
    const given = options.candidates?.[index];
    let candidate: FixtureCandidate;
    const department = departments[index % departments.length];
    if (given) {
      candidate = { ...given, department };
    } else {
      const idNumber = makeResidentIdNumber();
      const name = options.nameOverrides?.[index] ?? `考生${suffix}-${index + 1}`;
      const user = await UserModel.create({
        organisationId,
        name,
        roles: ['candidate'],
        passwordHash: 'not-a-login',
        idType: 'resident_identity_card',
        idNumber,
        admissionTicketNumbers: [],
      });
      candidate = { id: String(user._id), name, idNumber, department };
    }
    const registrationId = new Types.ObjectId();
    await RegistrationModel.create({
      _id: registrationId,
      organisationId,
      batchId,
      candidateId: new Types.ObjectId(candidate.id),
      scopeId,
      level,
      admissionTicketNumber: `FX${suffix}${String(index + 1).padStart(4, '0')}`,
      roomId,
      seatNumber: index + 1,
      theorySessionId: sessionId,
      candidateName: candidate.name,
      department,
    });
    const isPass = !(options.failingIndexes ?? []).includes(index);
    const theory = isPass ? 80 : 40;
    const practical = isPass ? 75 : 50;
    const totalScore = Math.round((0.3 * theory + 0.7 * practical) * 10) / 10;
    const result = await ResultModel.create({
      organisationId,
      batchId,
      registrationId,
      candidateId: new Types.ObjectId(candidate.id),
      scopeId,
      level,
      mode: 'promotion',
      components: [
        { key: 'theory', score: theory, weight: 0.3, passMark: 60, isPass: theory >= 60 },
        { key: 'practical', score: practical, weight: 0.7, passMark: 60, isPass: practical >= 60 },
      ],
      totalScore,
      isPass,
      status: options.status ?? 'approved',
      ...(options.status === 'computed' ? {} : { approvedBy: createdBy, approvedAt: options.approvedAt ?? new Date('2026-09-29T02:00:00Z') }),
      assessmentDate: options.assessmentDate ?? '2026-09-20',
      revisions: [],
    });
    results.push({ resultId: String(result._id), registrationId: String(registrationId), candidate, isPass, totalScore });
  }
  return { batchId: String(batchId), batchCode, scopeId: String(scopeId), results };
}
