/**
 * An exam ready to sit, created directly through the models and use cases on the connected
 * database (mongoose's default connection, e.g. after `startTestApp()`): an organisation (or the
 * given one), an exam administrator and a proctor, a bank scope with approved synthetic theory items
 * (bank-tools' seeded synthetic bank plus own generated text; no real bank text), a theory paper
 * library of 5 papers from `assemblePaperLibrary` (R1, R2), a batch with one room and one theory
 * session, and N registered candidates with passwords and admission tickets. The session is opened
 * through `openTheorySession` unless asked not to.
 *
 * Candidates share one password hash (argon2id is computed once) so fixtures of thousands of
 * candidates stay fast; `createSessionCookie` opens a login without the HTTP round trip.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { assemblePaperLibrary, generateSyntheticBank, type AssemblyItem } from '@skillcert/bank-tools/assembly/index';
import type { Blueprint, PaperStructureEntry, TheoryItem, TheoryItemType } from '@skillcert/bank-tools/types';
import { computeResidentIdCheckCharacter } from '@skillcert/server/contracts/identity';
import type { OpenSessionResult } from '@skillcert/server/contracts/exam-room';
import { systemActor } from '@skillcert/server/domain/audit/record-audit';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { openTheorySession } from '@skillcert/server/domain/attempts/open-theory-session';
import { BankScopeModel } from '@skillcert/server/domain/bank/bank-scope.model';
import { ItemVersionModel } from '@skillcert/server/domain/bank/item-version.model';
import { ItemModel } from '@skillcert/server/domain/bank/item.model';
import type { Actor } from '@skillcert/server/domain/identity/actor';
import { createOrganisation } from '@skillcert/server/domain/identity/create-organisation';
import { createUser } from '@skillcert/server/domain/identity/create-user';
import { hashPassword } from '@skillcert/server/domain/identity/passwords';
import { openSession, sessionCookieName } from '@skillcert/server/domain/identity/session-tokens';
import { UserModel } from '@skillcert/server/domain/identity/user.model';
import { PaperLibraryModel } from '@skillcert/server/domain/papers/paper-library.model';
import { PaperModel } from '@skillcert/server/domain/papers/paper.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';

/** Options of {@link createExamFixture}. */
export interface ExamFixtureOptions {
  candidateCount: number;
  /** Organisation to create everything in; a new one by default. */
  organisationId?: string;
  /** Attempt duration in minutes (default 60). */
  durationMinutes?: number;
  /** Open the session with `openTheorySession` (default true). */
  shouldOpenSession?: boolean;
  /** Seed of the synthetic bank and the library (default random). */
  seed?: string;
  /** Paper structure (default judge 5 x 1, single 8 x 1, multiple 5 x 2 points). */
  structure?: PaperStructureEntry[];
  /** Bank size per type (default judge 40, single 60, multiple 40). */
  itemsPerType?: Partial<Record<TheoryItemType, number>>;
}

/** A staff member with credentials and the actor use cases take. */
export interface StaffHandle {
  userId: string;
  username: string;
  password: string;
  actor: Actor;
}

/** A registered candidate. */
export interface CandidateHandle {
  userId: string;
  name: string;
  idNumber: string;
  admissionTicketNumber: string;
  password: string;
  registrationId: string;
  seatNumber: number;
  /** Actor as a candidate session bound to the admission ticket. */
  actor: Actor;
}

/** Everything a candidate must never see (for leak scans). */
export interface BankSecrets {
  scopeId: string;
  libraryId: string;
  paperIds: string[];
  itemIds: string[];
  itemVersionIds: string[];
  /** Bank content per item id (stem, options in bank order, answer key). */
  contentByItemId: Map<string, TheoryItem>;
}

/** The created exam. */
export interface ExamFixture {
  organisationId: string;
  batchId: string;
  batchCode: string;
  sessionId: string;
  roomId: string;
  examAdmin: StaffHandle;
  proctor: StaffHandle;
  candidates: CandidateHandle[];
  secrets: BankSecrets;
  /** Result of opening the session (null when `shouldOpenSession` was false). */
  opened: OpenSessionResult | null;
  /** Opens the session (when created closed). */
  openSession(): Promise<OpenSessionResult>;
  /** The stored attempt of a candidate, null before the session opens. */
  attemptOf(candidate: CandidateHandle): Promise<AttemptRecord | null>;
  /**
   * Opens a login for `candidate` without HTTP (as candidate login does) and returns the Cookie
   * header value `skillcert_session=<token>`.
   */
  createSessionCookie(candidate: CandidateHandle, sessionSecret: string): Promise<string>;
}

const defaultStructure: PaperStructureEntry[] = [
  { type: 'judge', count: 5, pointsEach: 1 },
  { type: 'single', count: 8, pointsEach: 1 },
  { type: 'multiple', count: 5, pointsEach: 2 },
];

let fixtureCounter = 0;

/** A valid, unique-per-index 18-character resident ID number. */
function residentIdNumber(index: number, salt: number): string {
  const day = String(1 + ((Math.floor(index / 1000) + salt) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(index / 28_000) % 12)).padStart(2, '0');
  const first17 = `440703${1980 + (salt % 20)}${month}${day}${String(index % 1000).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckCharacter(first17);
}

/** Seeded text for a synthetic item: own wording, key at a seeded position. */
function makeItemContent(item: AssemblyItem, serial: number, random: () => number): TheoryItem {
  const base = { kind: 'theory' as const, knowledgePoint: item.knowledgePoint, difficulty: 1 + Math.round(item.difficulty * 4) };
  if (item.type === 'judge') {
    return { ...base, type: 'judge', stem: `合成判断题 ${serial}：关于要素 ${item.knowledgePoint} 的陈述第 ${serial} 条。`, options: ['正确', '错误'], answer: [random() < 0.5 ? 0 : 1] };
  }
  if (item.type === 'single') {
    const options = Array.from({ length: 4 }, (_, index) => `单选 ${serial} 备选内容 ${String.fromCharCode(0x7532 + index)}`);
    return { ...base, type: 'single', stem: `合成单选题 ${serial}：要素 ${item.knowledgePoint} 下哪一项成立？`, options, answer: [Math.floor(random() * 4)] };
  }
  const options = Array.from({ length: 5 }, (_, index) => `多选 ${serial} 备选内容 ${String.fromCharCode(0x7532 + index)}`);
  const answer = [0, 1, 2, 3, 4].filter(() => random() < 0.5);
  if (answer.length < 2) answer.splice(0, answer.length, 1, 3);
  return { ...base, type: 'multiple', stem: `合成多选题 ${serial}：要素 ${item.knowledgePoint} 下哪些项成立？`, options, answer };
}

/** A small seeded generator (tests only). */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function contentHash(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

async function createStaff(organisationId: string, role: 'exam_admin' | 'proctor', suffix: string): Promise<StaffHandle> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const username = `${role.replace('_', '.')}.${suffix}`;
  const created = await createUser({
    organisationId,
    actor: systemActor(organisationId),
    request: { name: `${role} ${suffix}`, roles: [role], username, password },
  });
  return { userId: created.id, username, password, actor: { userId: created.id, organisationId, roles: [role], name: created.name } };
}

/**
 * Creates the exam described in the module comment.
 * @throws Error when the synthetic bank cannot be assembled into a library (bad options).
 */
export async function createExamFixture(options: ExamFixtureOptions): Promise<ExamFixture> {
  fixtureCounter += 1;
  const suffix = `${fixtureCounter}${randomBytes(3).toString('hex')}`;
  const seed = options.seed ?? `exam-fixture-${suffix}`;
  const random = seededRandom(seed);
  const organisationId =
    options.organisationId ??
    (
      await createOrganisation({
        name: `考试测试企业 ${suffix}`,
        certificateCode: { organisationClass: 'Y', organisationCode: '0000', provinceCode: '44', cityCode: '07', ownershipType: 2, siteSequence: '001' },
        actor: systemActor(),
      })
    ).id;
  const examAdmin = await createStaff(organisationId, 'exam_admin', suffix);
  const proctor = await createStaff(organisationId, 'proctor', suffix);

  // Bank scope with approved items.
  const structure = options.structure ?? defaultStructure;
  const synthetic = generateSyntheticBank({
    seed,
    itemsPerType: options.itemsPerType ?? { judge: 40, single: 60, multiple: 40 },
    chapters: 2,
    pointsPerChapter: 2,
    duplicateRate: 0,
    structure,
  });
  const blueprint: Blueprint = synthetic.blueprint;
  const scope = await BankScopeModel.create({
    organisationId,
    occupationCode: '6-31-01-03',
    occupationName: '电工',
    workType: `电工测试${suffix}`,
    level: 4,
    blueprint,
  });
  const itemIdBySynthetic = new Map<string, Types.ObjectId>();
  const contentByItemId = new Map<string, TheoryItem>();
  const itemDocs: Record<string, unknown>[] = [];
  const versionDocs: Record<string, unknown>[] = [];
  synthetic.items.forEach((item, index) => {
    const itemId = new Types.ObjectId();
    itemIdBySynthetic.set(item.id, itemId);
    const content = makeItemContent(item, index + 1, random);
    contentByItemId.set(String(itemId), content);
    itemDocs.push({
      _id: itemId,
      organisationId: new Types.ObjectId(organisationId),
      scopeId: scope._id,
      kind: 'theory',
      type: item.type,
      status: 'approved',
      version: 1,
      current: content,
      knowledgePoint: item.knowledgePoint,
      distinctFrom: [],
      authorId: new Types.ObjectId(examAdmin.userId),
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    versionDocs.push({
      _id: new Types.ObjectId(),
      organisationId: new Types.ObjectId(organisationId),
      itemId,
      scopeId: scope._id,
      version: 1,
      content,
      contentHash: contentHash(content),
      createdBy: new Types.ObjectId(examAdmin.userId),
      createdAt: new Date(),
    });
  });
  await ItemModel.collection.insertMany(itemDocs);
  await ItemVersionModel.collection.insertMany(versionDocs);

  // Paper library (R1 5 papers, R2 overlap <= 10%).
  const assembled = assemblePaperLibrary({ items: synthetic.items, blueprint, paperCount: 5, seed });
  if (!assembled.ok) throw new Error(`exam fixture: the synthetic bank cannot be assembled: ${assembled.infeasibility.map((entry) => entry.message).join('; ')}`);
  const library = assembled.library;
  const libraryId = new Types.ObjectId();
  const pointsByType = new Map(structure.map((entry) => [entry.type, entry.pointsEach]));
  const typeBySynthetic = new Map(synthetic.items.map((item) => [item.id, item]));
  const papers = library.papers.map((paper) => ({
    _id: new Types.ObjectId(),
    organisationId: new Types.ObjectId(organisationId),
    scopeId: scope._id,
    libraryId,
    kind: 'theory' as const,
    index: paper.index,
    code: `T-${suffix}-${paper.index + 1}`,
    slots: paper.itemIds.map((syntheticId) => {
      const item = typeBySynthetic.get(syntheticId)!;
      return { itemId: itemIdBySynthetic.get(syntheticId)!, version: 1, type: item.type, points: pointsByType.get(item.type) ?? 1, knowledgePoint: item.knowledgePoint };
    }),
    totalPoints: paper.totalPoints,
    meanDifficulty: paper.meanDifficulty,
    status: 'active' as const,
    createdBy: new Types.ObjectId(examAdmin.userId),
  }));
  await PaperModel.create(papers);
  await PaperLibraryModel.create({
    _id: libraryId,
    organisationId,
    scopeId: scope._id,
    kind: 'theory',
    seed,
    snapshotHash: contentHash([...itemIdBySynthetic.values()].map(String).sort()),
    maxOverlap: library.maxOverlap,
    paperIds: papers.map((paper) => paper._id),
    overlapMatrix: library.overlapMatrix,
    coverage: library.coverage,
    difficulty: { meanByPaper: library.difficulty.meanPerPaper, spread: library.difficulty.spread },
    status: 'active',
    createdBy: examAdmin.userId,
  });

  // Batch with one room (proctor) and one theory session.
  const roomId = new Types.ObjectId();
  const sessionId = new Types.ObjectId();
  const batchCode = `2026-电工-${suffix}`;
  const batch = await BatchModel.create({
    organisationId,
    code: batchCode,
    name: `测试批次 ${suffix}`,
    mode: 'promotion',
    scopes: [
      {
        scopeId: scope._id,
        occupationCode: scope.occupationCode,
        occupationName: scope.occupationName,
        workType: scope.workType,
        level: 4,
        theoryLibraryId: libraryId,
        weights: { theory: 0.4, practical: 0.6 },
      },
    ],
    rooms: [{ _id: roomId, name: '第一考场', seats: Math.max(1, options.candidateCount), workstations: 0, proctorIds: [new Types.ObjectId(proctor.userId)] }],
    sessions: [{ _id: sessionId, kind: 'theory', scopeId: scope._id, roomId, startsAt: new Date(), durationMinutes: options.durationMinutes ?? 60, status: 'scheduled' }],
    staff: [{ userId: new Types.ObjectId(examAdmin.userId), role: 'exam_admin' }],
    status: 'in_progress',
    createdBy: examAdmin.userId,
  });

  // Candidates and registrations.
  const password = `cand-${randomBytes(6).toString('hex')}`;
  const passwordHash = await hashPassword(password);
  const salt = fixtureCounter + Math.floor(Math.random() * 1000);
  const candidates: CandidateHandle[] = [];
  const userDocs: Record<string, unknown>[] = [];
  const registrationDocs: Record<string, unknown>[] = [];
  for (let index = 0; index < options.candidateCount; index += 1) {
    const userId = new Types.ObjectId();
    const registrationId = new Types.ObjectId();
    const admissionTicketNumber = `Z${suffix}${String(index + 1).padStart(5, '0')}`;
    const idNumber = residentIdNumber(index, salt);
    const name = `考生${suffix}-${index + 1}`;
    userDocs.push({
      _id: userId,
      organisationId: new Types.ObjectId(organisationId),
      name,
      roles: ['candidate'],
      passwordHash,
      idType: 'resident_identity_card',
      idNumber,
      admissionTicketNumbers: [admissionTicketNumber],
      isActive: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    registrationDocs.push({
      _id: registrationId,
      organisationId: new Types.ObjectId(organisationId),
      batchId: batch._id,
      candidateId: userId,
      scopeId: scope._id,
      level: 4,
      admissionTicketNumber,
      roomId,
      seatNumber: index + 1,
      theorySessionId: sessionId,
      candidateName: name,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    candidates.push({
      userId: String(userId),
      name,
      idNumber,
      admissionTicketNumber,
      password,
      registrationId: String(registrationId),
      seatNumber: index + 1,
      actor: { userId: String(userId), organisationId, roles: ['candidate'], name, admissionTicketNumber },
    });
  }
  for (let start = 0; start < userDocs.length; start += 1000) {
    await UserModel.collection.insertMany(userDocs.slice(start, start + 1000));
    await RegistrationModel.collection.insertMany(registrationDocs.slice(start, start + 1000));
  }

  const fixture: ExamFixture = {
    organisationId,
    batchId: String(batch._id),
    batchCode,
    sessionId: String(sessionId),
    roomId: String(roomId),
    examAdmin,
    proctor,
    candidates,
    secrets: {
      scopeId: String(scope._id),
      libraryId: String(libraryId),
      paperIds: papers.map((paper) => String(paper._id)),
      itemIds: [...contentByItemId.keys()],
      itemVersionIds: versionDocs.map((version) => String(version._id)),
      contentByItemId,
    },
    opened: null,
    openSession: () => openTheorySession({ batchId: String(batch._id), sessionId: String(sessionId), actor: proctor.actor }),
    attemptOf: (candidate) => AttemptModel.findOne({ registrationId: new Types.ObjectId(candidate.registrationId) }).lean<AttemptRecord>(),
    async createSessionCookie(candidate, sessionSecret) {
      const { token } = await openSession({
        user: { _id: new Types.ObjectId(candidate.userId), organisationId: new Types.ObjectId(organisationId) },
        kind: 'candidate',
        admissionTicketNumber: candidate.admissionTicketNumber,
        sessionSecret,
      });
      return `${sessionCookieName}=${token}`;
    },
  };
  if (options.shouldOpenSession ?? true) fixture.opened = await fixture.openSession();
  return fixture;
}
