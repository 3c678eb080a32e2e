/**
 * Opening a theory session and starting attempts (R1-R3, R6, R10): balanced seeded paper assignment,
 * reproducible forms, idempotent opening, who may open, the HTTP routes, `session:opened` for
 * candidates waiting in `exam:<batchId>`, late registrations and late entry.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examEvents, type AttemptJoinResult, type AttemptState, type CurrentAttempt, type OpenSessionResult } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AttemptFormModel } from '@skillcert/server/domain/attempts/attempt-form.model';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { buildAttemptForm } from '@skillcert/server/domain/attempts/build-attempt-form';
import { openTheorySession } from '@skillcert/server/domain/attempts/open-theory-session';
import { startAttempt } from '@skillcert/server/domain/attempts/start-attempt';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { PaperLibraryModel } from '@skillcert/server/domain/papers/paper-library.model';
import { PaperModel, type PaperRecord } from '@skillcert/server/domain/papers/paper.model';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';
import { UserModel } from '@skillcert/server/domain/identity/user.model';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer } from './exam-test-kit';

let database: TestDatabase;
let app: ExamTestServer;
const sessionSecret = randomBytes(32).toString('hex');
const clients: CandidateClient[] = [];

async function staffCookie(username: string, password: string): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0].split(';')[0];
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  await database?.stop();
});

describe('openTheorySession', () => {
  let fixture: ExamFixture;

  beforeAll(async () => {
    fixture = await createExamFixture({ candidateCount: 13, shouldOpenSession: false });
  });

  it('R6: refuses a proctor not assigned to the room and a role that may not proctor', async () => {
    const stranger = { ...fixture.proctor.actor, userId: new Types.ObjectId().toHexString() };
    await expect(openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: stranger })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: { ...fixture.examAdmin.actor, roles: ['assessor'] } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: { ...fixture.proctor.actor, organisationId: new Types.ObjectId().toHexString() } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('R10: before the opening a candidate waits in exam:<batchId> and cannot start; session:opened then lets them join', async () => {
    const candidate = fixture.candidates[0];
    const client = await connectCandidate(app.url, await fixture.createSessionCookie(candidate, sessionSecret));
    clients.push(client);
    const waiting = await client.call<AttemptJoinResult>(examEvents.join);
    expect(waiting).toMatchObject({ connection: 'none', attempt: null, session: { status: 'scheduled', sessionId: fixture.sessionId } });
    expect(await client.request(examEvents.start)).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });

    const opened = client.next(examEvents.sessionOpened);
    const response = await fetch(`${app.url}/api/exam/batches/${fixture.batchId}/sessions/${fixture.sessionId}/open`, {
      method: 'POST',
      headers: { cookie: await staffCookie(fixture.examAdmin.username, fixture.examAdmin.password) },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as OpenSessionResult;
    expect(result).toMatchObject({ status: 'open', attemptsCreated: 13, attemptCount: 13 });
    expect(await opened).toEqual({ batchId: fixture.batchId, sessionId: fixture.sessionId, at: expect.any(Number) });

    const joined = await client.call<AttemptJoinResult>(examEvents.join);
    expect(joined).toMatchObject({ connection: 'active', attempt: { status: 'waiting' } });
    const batch = await BatchModel.findById(fixture.batchId).lean();
    expect(batch?.sessions[0].status).toBe('open');
  });

  it('R1 R2: assigns the library’s papers balanced (counts differ by at most 1) with stored, reproducible seeds', async () => {
    const attempts = await AttemptModel.find({ sessionId: fixture.sessionId }).sort({ candidateIndex: 1 }).lean<AttemptRecord[]>();
    expect(attempts).toHaveLength(13);
    const counts = new Map<string, number>();
    for (const attempt of attempts) counts.set(String(attempt.paperId), (counts.get(String(attempt.paperId)) ?? 0) + 1);
    expect(counts.size).toBe(5);
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
    expect(new Set(attempts.map((attempt) => attempt.seed)).size).toBe(13);
    expect(attempts.map((attempt) => attempt.candidateIndex)).toEqual(attempts.map((_, index) => index));

    // Reproduce one form from the stored seed and the pinned bank versions.
    const attempt = attempts[5];
    const paper = await PaperModel.findById(attempt.paperId).lean<PaperRecord>();
    const rebuilt = buildAttemptForm({
      candidateSeed: attempt.seed,
      paperItems: paper!.slots.map((slot) => ({ itemId: String(slot.itemId), version: slot.version, points: slot.points, content: fixture.secrets.contentByItemId.get(String(slot.itemId))! as never })),
    });
    expect(rebuilt.slots.map((slot) => [slot.itemId, slot.optionOrder])).toEqual(attempt.form.slots.map((slot) => [String(slot.itemId), slot.optionOrder]));
    const form = await AttemptFormModel.findById(attempt._id).lean();
    expect(form?.items).toEqual(rebuilt.items);
    expect(attempt.form.totalPoints).toBe(paper!.totalPoints);
  });

  it('R10: opening again creates nothing and writes no second audit entry', async () => {
    const before = await AuditEntryModel.countDocuments({ 'target.id': fixture.sessionId });
    const again = await openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: fixture.proctor.actor });
    expect(again).toMatchObject({ attemptsCreated: 0, attemptCount: 13 });
    expect(await AuditEntryModel.countDocuments({ 'target.id': fixture.sessionId })).toBe(before);
    const opened = await AuditEntryModel.findOne({ 'target.id': fixture.sessionId, action: 'session.opened' }).lean();
    expect(opened?.actor.name).toBe(fixture.examAdmin.actor.name);
  });

  it('R3: prepares the attempt of a candidate registered after the opening when they join', async () => {
    const late = fixture.candidates[12];
    const userId = new Types.ObjectId();
    const ticket = `${late.admissionTicketNumber}L`;
    const user = await UserModel.findById(late.userId).lean();
    await UserModel.collection.insertOne({ ...user!, _id: userId, idNumber: undefined, admissionTicketNumbers: [ticket], name: '迟报考生' });
    const registration = await RegistrationModel.findById(late.registrationId).lean();
    const registrationId = new Types.ObjectId();
    await RegistrationModel.collection.insertOne({ ...registration!, _id: registrationId, candidateId: userId, admissionTicketNumber: ticket, seatNumber: 99 });
    const latecomer = { ...late, userId: String(userId), admissionTicketNumber: ticket, registrationId: String(registrationId) };
    const client = await connectCandidate(app.url, await fixture.createSessionCookie(latecomer, sessionSecret));
    clients.push(client);
    const joined = await client.call<AttemptJoinResult>(examEvents.join);
    expect(joined).toMatchObject({ connection: 'active', attempt: { status: 'waiting' } });
    const state = await client.call<AttemptState>(examEvents.start);
    expect(state.form.items.length).toBeGreaterThan(0);
    expect(await AttemptModel.countDocuments({ sessionId: fixture.sessionId })).toBe(14);
  });

  it('answers GET /api/exam/attempts/current for the signed-in ticket', async () => {
    const candidate = fixture.candidates[1];
    const cookie = await fixture.createSessionCookie(candidate, sessionSecret);
    const response = await fetch(`${app.url}/api/exam/attempts/current`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CurrentAttempt;
    expect(body).toMatchObject({ session: { batchId: fixture.batchId, status: 'open' }, attempt: { status: 'waiting', deadlineAt: null } });
    const proctorResponse = await fetch(`${app.url}/api/exam/attempts/current`, { headers: { cookie: await staffCookie(fixture.proctor.username, fixture.proctor.password) } });
    expect(proctorResponse.status).toBe(403);
  });
});

describe('startAttempt', () => {
  it('R10: refuses a start after the late-entry window', async () => {
    const fixture = await createExamFixture({ candidateCount: 1 });
    await BatchModel.updateOne({ _id: fixture.batchId }, { $set: { 'sessions.0.lateEntryUntil': new Date(Date.now() - 1000) } });
    const attempt = await fixture.attemptOf(fixture.candidates[0]);
    await expect(startAttempt({ attemptId: String(attempt!._id), actor: fixture.candidates[0].actor })).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('Late entry closed'),
    });
  });
});

describe('the batch at the opening (R1 R3, batch life cycle)', () => {
  /** Arrange: a later assembly superseded the batch's pinned library (as assemblePaperLibrary does). */
  async function supersedeLibrary(fixture: ExamFixture): Promise<string> {
    const batch = await BatchModel.findById(fixture.batchId).lean();
    const pinnedId = batch!.scopes[0].theoryLibraryId!;
    const pinned = await PaperLibraryModel.findById(pinnedId).lean();
    const successorId = new Types.ObjectId();
    const papers = await PaperModel.find({ libraryId: pinnedId }).lean();
    const copies = papers.map((paper) => ({ ...paper, _id: new Types.ObjectId(), libraryId: successorId, code: `${paper.code}-B` }));
    await PaperModel.insertMany(copies);
    const { _id: _pinned, ...libraryFields } = pinned!;
    await PaperLibraryModel.create({ ...libraryFields, _id: successorId, paperIds: copies.map((paper) => paper._id), status: 'active' });
    await PaperLibraryModel.updateOne({ _id: pinnedId }, { $set: { status: 'retired', retiredReason: `superseded by paper library ${String(successorId)}`, supersededBy: successorId } });
    await PaperModel.updateMany({ libraryId: pinnedId }, { $set: { status: 'retired' } });
    return String(successorId);
  }

  it('R3: draws from the library that superseded the pinned one, and moves an announced batch to in_progress (audited)', async () => {
    const fixture = await createExamFixture({ candidateCount: 2, shouldOpenSession: false });
    await BatchModel.updateOne({ _id: fixture.batchId }, { $set: { status: 'announced' } });
    const successorId = await supersedeLibrary(fixture);

    const opened = await openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: fixture.examAdmin.actor });
    expect(opened).toMatchObject({ status: 'open', attemptsCreated: 2 });
    const attempts = await AttemptModel.find({ batchId: fixture.batchId }).lean<AttemptRecord[]>();
    expect(attempts.map((attempt) => String(attempt.libraryId))).toEqual([successorId, successorId]);
    const batch = await BatchModel.findById(fixture.batchId).lean();
    expect(batch).toMatchObject({ status: 'in_progress' });
    expect(batch!.sessions[0].status).toBe('open');
    const audit = await AuditEntryModel.findOne({ 'target.id': fixture.sessionId, action: 'session.opened' }).lean();
    expect(JSON.parse(audit!.payloadJson)).toMatchObject({ libraryId: successorId, batchStatus: { from: 'announced', to: 'in_progress' } });
  });

  it('R1: refuses to open when the pinned library was retired without a successor, naming it and its reason', async () => {
    const fixture = await createExamFixture({ candidateCount: 1, shouldOpenSession: false });
    const batch = await BatchModel.findById(fixture.batchId).lean();
    const pinnedId = String(batch!.scopes[0].theoryLibraryId);
    await PaperLibraryModel.updateOne({ _id: pinnedId }, { $set: { status: 'retired', retiredReason: 'leaked to candidates' } });
    await expect(openTheorySession({ batchId: fixture.batchId, sessionId: fixture.sessionId, actor: fixture.examAdmin.actor })).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringMatching(new RegExp(`library ${pinnedId} was retired \\(leaked to candidates\\)`)),
    });
    expect((await BatchModel.findById(fixture.batchId).lean())!.sessions[0].status).toBe('scheduled');
  });
});
