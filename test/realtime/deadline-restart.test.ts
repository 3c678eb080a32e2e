/**
 * Auto-submit at the deadline (R10 server-authoritative timer): by the sweep while the candidate is
 * connected, and after a server restart when the deadline passed while the server was down.
 * Audit outbox (R10, R17): a submission's audit entry that a stopped process left in the attempt is
 * appended once after a restart, never twice.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examEvents, type AttemptState, type SubmitResult } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { toPendingAudit } from '@skillcert/server/domain/attempts/attempt-audit-outbox';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer } from './exam-test-kit';

let database: TestDatabase;
let app: ExamTestServer | undefined;
let fixture: ExamFixture;
const sessionSecret = randomBytes(32).toString('hex');
const clients: CandidateClient[] = [];

async function startCandidate(index: number): Promise<{ client: CandidateClient; state: AttemptState }> {
  const client = await connectCandidate(app!.url, await fixture.createSessionCookie(fixture.candidates[index], sessionSecret));
  clients.push(client);
  await client.call(examEvents.join);
  const state = await client.call<AttemptState>(examEvents.start);
  return { client, state };
}

/** Arrange: moves the stored deadline (the session's shortest duration is a minute). */
async function setDeadline(attemptId: string, deadlineAt: Date): Promise<void> {
  await AttemptModel.updateOne({ _id: attemptId }, { $set: { deadlineAt } });
}

async function waitForStatus(attemptId: string, status: string, timeoutMs = 15_000): Promise<AttemptRecord> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const attempt = await AttemptModel.findById(attemptId).lean<AttemptRecord>();
    if (attempt?.status === status) return attempt;
    if (Date.now() > until) throw new Error(`attempt ${attemptId} is ${attempt?.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
  fixture = await createExamFixture({ candidateCount: 5 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  await database?.stop();
});

describe('submitAttemptAtDeadline', () => {
  it('R10: refuses answers once time is up and the sweep submits with reason deadline, telling the candidate', async () => {
    const { client, state } = await startCandidate(0);
    await client.call(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    await setDeadline(state.attemptId, new Date(Date.now() - 1));

    const late = await client.request(examEvents.answer, { slot: 2, response: [0], seq: 2 });
    expect(late).toMatchObject({ ok: false, error: { code: 'attempt_closed' } });

    const submittedEvent = client.next<SubmitResult>(examEvents.submitted);
    expect(await app!.examRoom.scheduler.sweep()).toBeGreaterThanOrEqual(1);
    expect(await submittedEvent).toMatchObject({ attemptId: state.attemptId, submitReason: 'deadline', answeredCount: 1 });
    const stored = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(stored).toMatchObject({ status: 'submitted', submitReason: 'deadline' });
    expect(await app!.examRoom.scheduler.sweep()).toBe(0);
  });

  it('R10: submits an attempt whose deadline passed while the server was down, on the same database after a restart', async () => {
    const { client, state } = await startCandidate(1);
    await client.call(examEvents.answer, { slot: 1, response: [1], seq: 1 });
    await client.call(examEvents.flag, { slot: 1, isFlagged: true });
    const { state: running } = await startCandidate(2);
    await setDeadline(state.attemptId, new Date(Date.now() + 1_000));
    client.close();

    await app!.stop();
    app = undefined;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const direct = new MongoClient(database.uri);
    try {
      const whileDown = await direct.db().collection('attempts').findOne({ _id: new ObjectId(state.attemptId) });
      expect(whileDown?.status).toBe('in_progress');
      expect(whileDown!.deadlineAt.getTime()).toBeLessThan(Date.now());
    } finally {
      await direct.close();
    }

    app = await startExamTestServer({ database, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
    const submitted = await waitForStatus(state.attemptId, 'submitted');
    expect(submitted.submitReason).toBe('deadline');
    expect(submitted.answers['1']).toMatchObject({ response: [1], seq: 1 });
    expect(submitted.flaggedSlots).toEqual([1]);
    expect(app.examRoom.scheduler.scheduledCount).toBeGreaterThanOrEqual(1);
    const other = await AttemptModel.findById(running.attemptId).lean<AttemptRecord>();
    expect(other?.status).toBe('in_progress');

    const audit = await AuditEntryModel.findOne({ 'target.id': state.attemptId, action: 'attempt.submitted' }).lean();
    expect(audit?.actor).toMatchObject({ name: 'system', userId: null });
    expect(JSON.parse(audit!.payloadJson)).toMatchObject({ reason: 'deadline', answeredCount: 1, flaggedCount: 1 });

    // The candidate comes back: the state says submitted; no more answers.
    const back = await connectCandidate(app.url, await fixture.createSessionCookie(fixture.candidates[1], sessionSecret));
    clients.push(back);
    const joined = await back.call<{ attempt: AttemptState }>(examEvents.join);
    expect(joined.attempt).toMatchObject({ status: 'submitted', submitReason: 'deadline', remainingMs: 0 });
  });

  it('R10/R17: a submission writes its audit entry through the outbox and leaves nothing pending', async () => {
    const { client, state } = await startCandidate(3);
    await client.call(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    await client.call(examEvents.submit);
    const stored = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(stored?.status).toBe('submitted');
    expect(stored?.pendingAudit).toBeUndefined();
    const entries = await AuditEntryModel.find({ 'target.id': state.attemptId, action: 'attempt.submitted' }).lean();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].payloadJson)).toMatchObject({ reason: 'candidate', answeredCount: 1 });
    expect(JSON.parse(entries[0].payloadJson)).not.toHaveProperty('appendedLate');
  });

  it('R10/R17: an audit entry a killed process left behind is appended once after a restart, and never twice', async () => {
    const { client, state } = await startCandidate(4);
    await client.call(examEvents.answer, { slot: 1, response: [1], seq: 1 });
    await client.call(examEvents.answer, { slot: 2, response: [0], seq: 2 });
    client.close();
    const attempt = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    await app!.stop();
    app = undefined;
    // What a process killed between the submitting update and the audit append leaves: the attempt
    // submitted with its entry still in the outbox, and no entry in the log.
    const submittedAt = new Date(Date.now() - 120_000);
    const pendingAudit = toPendingAudit({
      action: 'attempt.submitted',
      at: submittedAt,
      actor: { userId: String(attempt!.candidateId), organisationId: String(attempt!.organisationId), name: 'candidate', roles: ['candidate'] },
      organisationId: String(attempt!.organisationId),
      target: { kind: 'attempt', id: state.attemptId, label: `candidate ${String(attempt!.candidateId)}` },
      payload: { reason: 'candidate', submittedAt: submittedAt.toISOString() },
    });
    const direct = new MongoClient(database.uri);
    try {
      const db = direct.db();
      await db.collection('attempts').updateOne({ _id: new ObjectId(state.attemptId) }, { $set: { status: 'submitted', submittedAt, submitReason: 'candidate', pendingAudit } });
      expect(await db.collection('audit_entries').countDocuments({ 'target.id': state.attemptId, action: 'attempt.submitted' })).toBe(0);
    } finally {
      await direct.close();
    }

    app = await startExamTestServer({ database, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
    const until = Date.now() + 15_000;
    while ((await AttemptModel.exists({ _id: state.attemptId, pendingAudit: { $exists: true } })) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const entries = await AuditEntryModel.find({ 'target.id': state.attemptId, action: 'attempt.submitted' }).lean();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].payloadJson)).toMatchObject({ reason: 'candidate', answeredCount: 2, totalCount: attempt!.form.totalCount, appendedLate: true });
    expect((await AttemptModel.findById(state.attemptId).lean<AttemptRecord>())?.pendingAudit).toBeUndefined();

    // Killed after the append but before the outbox was cleared: the entry is not appended again.
    await AttemptModel.updateOne({ _id: state.attemptId }, { $set: { pendingAudit } });
    await app.examRoom.scheduler.sweep();
    expect(await AuditEntryModel.countDocuments({ 'target.id': state.attemptId, action: 'attempt.submitted' })).toBe(1);
    expect((await AttemptModel.findById(state.attemptId).lean<AttemptRecord>())?.pendingAudit).toBeUndefined();
  });
});
