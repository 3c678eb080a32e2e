/**
 * Test fixture of the reports suites (test/api/reports*.test.ts), written straight through the
 * models on the connected database: a bank scope with hand-made theory items, a paper library, a
 * batch with one theory session, registrations, submitted attempts whose answers are stored as
 * displayed option indexes under a per-candidate option permutation, and results. The responses are
 * given in bank option indexes so tests can compute every statistic by hand. Not used by the server.
 */
import { mapBankToDisplayed } from '@skillcert/bank-tools/assembly/index';
import type { Level, TheoryItem, TheoryItemType } from '@skillcert/bank-tools/types';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { AttemptModel } from '../attempts/attempt.model';
import { BankScopeModel } from '../bank/bank-scope.model';
import { ItemVersionModel } from '../bank/item-version.model';
import { ItemModel } from '../bank/item.model';
import { UserModel } from '../identity/user.model';
import { PaperLibraryModel } from '../papers/paper-library.model';
import { PaperModel } from '../papers/paper.model';
import { BatchModel, type BatchStatus } from '../plans/batch.model';
import { RegistrationModel } from '../plans/registration.model';
import { ResultModel, type ResultStatus } from '../scoring/result.model';

/** An item of a fixture paper. */
export interface FixtureItem {
  type: TheoryItemType;
  optionCount: number;
  /** Key in bank option indexes. */
  answer: number[];
  points: number;
  knowledgePoint?: string;
}

/** One candidate sitting a fixture paper. */
export interface FixtureSitting {
  /** Choices per item of the paper, in bank option indexes; null or [] = omitted. */
  responses: Array<number[] | null>;
  department?: string;
  /** Attempt status; default `submitted`. */
  status?: 'submitted' | 'in_progress' | 'voided';
  /** A result for this registration; none when omitted. */
  result?: { isPass: boolean; totalScore: number; status?: ResultStatus };
  /** Use an existing candidate account (e.g. one signed in through the API). */
  candidate?: { id: string; name: string; admissionTicketNumber: string };
}

/** A fixture paper and who sat it. */
export interface FixturePaper {
  items: FixtureItem[];
  sittings: FixtureSitting[];
}

/** Options of {@link createReportBatch}. */
export interface ReportBatchOptions {
  organisationId: string;
  createdBy: string;
  scope?: { occupationCode?: string; occupationName?: string; workType?: string; level?: Level };
  papers: FixturePaper[];
  /** Registrations that never came (attendance absent, no attempt). */
  absentees?: Array<{ department?: string }>;
  /** Registrations that came without an attempt (e.g. grading mode) with a result. */
  resultOnly?: Array<{ department?: string; result: { isPass: boolean; totalScore: number; status?: ResultStatus }; isMarkedPresent?: boolean }>;
  startsAt?: Date;
  status?: BatchStatus;
  code?: string;
}

/** What {@link createReportBatch} made. */
export interface ReportBatchFixture {
  batchId: string;
  batchCode: string;
  scopeId: string;
  libraryId: string;
  paperIds: string[];
  paperCodes: string[];
  /** itemIds[paper][item] */
  itemIds: string[][];
  /** attemptIds[paper][sitting] */
  attemptIds: string[][];
  /** registrationIds[paper][sitting] */
  registrationIds: string[][];
}

let sequence = 0;

/** Option order of candidate `index` for an item: a rotation by the index (judge items keep bank order). */
export function fixturePermutation(type: TheoryItemType, optionCount: number, index: number): number[] {
  const identity = Array.from({ length: optionCount }, (_, option) => option);
  if (type === 'judge') return identity;
  const shift = (index + 1) % optionCount;
  return identity.map((option) => (option + shift) % optionCount);
}

function itemContent(item: FixtureItem, serial: string): TheoryItem {
  return {
    kind: 'theory',
    type: item.type,
    stem: `报表测试题 ${serial}：下列说法哪项正确？`,
    options: item.type === 'judge' ? ['正确', '错误'] : Array.from({ length: item.optionCount }, (_, index) => `备选 ${serial}-${index + 1}`),
    answer: [...item.answer],
    knowledgePoint: item.knowledgePoint ?? 'K1',
  };
}

/**
 * Creates the batch described by `options` (see the module comment); every registration carries
 * its department and a present/absent mark on the theory session (R10).
 */
export async function createReportBatch(options: ReportBatchOptions): Promise<ReportBatchFixture> {
  sequence += 1;
  const suffix = `${sequence}${randomBytes(3).toString('hex')}`;
  const organisationId = new Types.ObjectId(options.organisationId);
  const createdBy = new Types.ObjectId(options.createdBy);
  const level = options.scope?.level ?? 4;
  const scope = await BankScopeModel.create({
    organisationId,
    occupationCode: options.scope?.occupationCode ?? '6-31-01-03',
    occupationName: options.scope?.occupationName ?? '电工',
    workType: options.scope?.workType ?? `维修电工${suffix}`,
    level,
  });
  const libraryId = new Types.ObjectId();
  const itemIds: string[][] = [];
  const paperIds: Types.ObjectId[] = [];
  const paperCodes: string[] = [];
  for (const [paperIndex, paper] of options.papers.entries()) {
    const ids: string[] = [];
    const slots = [];
    for (const [itemIndex, item] of paper.items.entries()) {
      const itemId = new Types.ObjectId();
      const content = itemContent(item, `${suffix}-${paperIndex + 1}-${itemIndex + 1}`);
      await ItemModel.collection.insertOne({
        _id: itemId,
        organisationId,
        scopeId: scope._id,
        kind: 'theory',
        type: item.type,
        status: 'approved',
        version: 1,
        current: content,
        knowledgePoint: content.knowledgePoint,
        distinctFrom: [],
        authorId: createdBy,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await ItemVersionModel.collection.insertOne({
        _id: new Types.ObjectId(),
        organisationId,
        itemId,
        scopeId: scope._id,
        version: 1,
        content,
        contentHash: randomBytes(16).toString('hex'),
        createdBy,
        createdAt: new Date(),
      });
      ids.push(String(itemId));
      slots.push({ itemId, version: 1, type: item.type, points: item.points, knowledgePoint: content.knowledgePoint });
    }
    itemIds.push(ids);
    const code = `R-${suffix}-${paperIndex + 1}`;
    const created = await PaperModel.create({
      organisationId,
      scopeId: scope._id,
      libraryId,
      kind: 'theory',
      index: paperIndex,
      code,
      slots,
      totalPoints: paper.items.reduce((sum, item) => sum + item.points, 0),
      status: 'active',
      createdBy,
    });
    paperIds.push(created._id);
    paperCodes.push(code);
  }
  if (paperIds.length > 0) await PaperLibraryModel.create({
    _id: libraryId,
    organisationId,
    scopeId: scope._id,
    kind: 'theory',
    seed: `reports-${suffix}`,
    snapshotHash: randomBytes(16).toString('hex'),
    maxOverlap: 0.1,
    paperIds,
    overlapMatrix: paperIds.map((_, row) => paperIds.map((__, column) => (row === column ? 1 : 0))),
    difficulty: { meanByPaper: paperIds.map(() => 0.5), spread: 0 },
    status: 'active',
    createdBy,
  });

  const roomId = new Types.ObjectId();
  const sessionId = new Types.ObjectId();
  const startsAt = options.startsAt ?? new Date('2026-09-20T01:00:00Z');
  const batchCode = options.code ?? `2026-报表-${suffix}`;
  const batch = await BatchModel.create({
    organisationId,
    code: batchCode,
    name: `报表测试批次 ${suffix}`,
    mode: 'promotion',
    scopes: [
      {
        scopeId: scope._id,
        occupationCode: scope.occupationCode,
        occupationName: scope.occupationName,
        workType: scope.workType,
        level,
        ...(paperIds.length > 0 ? { theoryLibraryId: libraryId } : {}),
        weights: { theory: 0.3, practical: 0.7 },
      },
    ],
    rooms: [{ _id: roomId, name: '第一考场', seats: 200, workstations: 12, proctorIds: [] }],
    sessions: [{ _id: sessionId, kind: 'theory', scopeId: scope._id, roomId, startsAt, durationMinutes: 90, status: 'closed' }],
    staff: [],
    filingDate: '2026-09-01',
    status: options.status ?? 'scoring',
    createdBy,
  });

  let seat = 0;
  const register = async (department: string | undefined, isPresent: boolean, candidate?: FixtureSitting['candidate']) => {
    seat += 1;
    const candidateId = candidate ? new Types.ObjectId(candidate.id) : new Types.ObjectId();
    const name = candidate?.name ?? `报表考生${suffix}-${seat}`;
    if (!candidate) {
      await UserModel.collection.insertOne({
        _id: candidateId,
        organisationId,
        name,
        roles: ['candidate'],
        passwordHash: 'not-a-login',
        idType: 'resident_identity_card',
        idNumber: `R${suffix}${seat}`,
        admissionTicketNumbers: [],
        isActive: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    const registrationId = new Types.ObjectId();
    const mark = { sessionId, status: isPresent ? 'present' : 'absent', markedAt: startsAt, markedBy: createdBy };
    await RegistrationModel.collection.insertOne({
      _id: registrationId,
      organisationId,
      batchId: batch._id,
      candidateId,
      scopeId: scope._id,
      level,
      admissionTicketNumber: candidate?.admissionTicketNumber ?? `RT${suffix}${String(seat).padStart(4, '0')}`,
      roomId,
      seatNumber: seat,
      theorySessionId: sessionId,
      attendance: { status: mark.status, markedAt: startsAt, markedBy: createdBy },
      attendanceBySession: [mark],
      candidateName: name,
      ...(department !== undefined ? { department } : {}),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    return { registrationId, candidateId };
  };
  const storeResult = async (registrationId: Types.ObjectId, candidateId: Types.ObjectId, result: NonNullable<FixtureSitting['result']>) => {
    await ResultModel.create({
      organisationId,
      batchId: batch._id,
      registrationId,
      candidateId,
      scopeId: scope._id,
      level,
      mode: 'promotion',
      components: [
        { key: 'theory', score: result.totalScore, weight: 0.3, passMark: 60, isPass: result.isPass },
        { key: 'practical', score: 80, weight: 0.7, passMark: 60, isPass: true },
      ],
      totalScore: result.totalScore,
      isPass: result.isPass,
      status: result.status ?? 'approved',
      assessmentDate: '2026-09-20',
    });
  };

  const attemptIds: string[][] = [];
  const registrationIds: string[][] = [];
  for (const [paperIndex, paper] of options.papers.entries()) {
    const paperAttempts: string[] = [];
    const paperRegistrations: string[] = [];
    for (const [sittingIndex, sitting] of paper.sittings.entries()) {
      const { registrationId, candidateId } = await register(sitting.department, true, sitting.candidate);
      const slots = paper.items.map((item, itemIndex) => ({
        slot: itemIndex + 1,
        paperSlotIndex: itemIndex,
        itemId: new Types.ObjectId(itemIds[paperIndex][itemIndex]),
        version: 1,
        type: item.type,
        points: item.points,
        optionCount: item.optionCount,
        optionOrder: fixturePermutation(item.type, item.optionCount, sittingIndex),
      }));
      const answers: Record<string, { response: number[]; seq: number; savedAt: Date }> = {};
      sitting.responses.forEach((bank, itemIndex) => {
        if (!bank || bank.length === 0) return;
        answers[String(itemIndex + 1)] = { response: mapBankToDisplayed(slots[itemIndex].optionOrder, bank), seq: itemIndex + 1, savedAt: startsAt };
      });
      const status = sitting.status ?? 'submitted';
      const attempt = await AttemptModel.create({
        organisationId,
        batchId: batch._id,
        sessionId,
        roomId,
        registrationId,
        candidateId,
        scopeId: scope._id,
        libraryId,
        paperId: paperIds[paperIndex],
        paperIndex,
        candidateIndex: sittingIndex,
        assignmentSeed: `assign-${suffix}`,
        seed: `form-${suffix}-${sittingIndex}`,
        form: { slots, totalCount: slots.length, totalPoints: paper.items.reduce((sum, item) => sum + item.points, 0) },
        status,
        durationMs: 90 * 60_000,
        startedAt: startsAt,
        deadlineAt: new Date(startsAt.getTime() + 90 * 60_000),
        answers,
        ...(status === 'submitted' ? { submittedAt: new Date(startsAt.getTime() + 30 * 60_000), submitReason: 'candidate' } : {}),
      });
      paperAttempts.push(String(attempt._id));
      paperRegistrations.push(String(registrationId));
      if (sitting.result) await storeResult(registrationId, candidateId, sitting.result);
    }
    attemptIds.push(paperAttempts);
    registrationIds.push(paperRegistrations);
  }
  for (const absentee of options.absentees ?? []) await register(absentee.department, false);
  for (const entry of options.resultOnly ?? []) {
    const { registrationId, candidateId } = await register(entry.department, entry.isMarkedPresent ?? true);
    await storeResult(registrationId, candidateId, entry.result);
  }
  return {
    batchId: String(batch._id),
    batchCode,
    scopeId: String(scope._id),
    libraryId: String(libraryId),
    paperIds: paperIds.map(String),
    paperCodes,
    itemIds,
    attemptIds,
    registrationIds,
  };
}
