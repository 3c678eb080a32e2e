/**
 * The exam room end to end over real socket.io on 127.0.0.1 (issue 7): handshake, join, start,
 * durable saves with seq guards, foreign slots and attempts, closed attempts, reconnect with outbox
 * replay, pause/resume/extend, warning, held second login and approval, telemetry, rate limit.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  examEvents,
  type AnswerSaved,
  type AttemptJoinResult,
  type AttemptState,
  type DeadlineChange,
  type SessionSuperseded,
  type SubmitResult,
} from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { approveDeviceChange } from '@skillcert/server/domain/attempts/approve-device-change';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { extendAttempt } from '@skillcert/server/domain/attempts/extend-attempt';
import { pauseAttempt } from '@skillcert/server/domain/attempts/pause-attempt';
import { resumeAttempt } from '@skillcert/server/domain/attempts/resume-attempt';
import { saveAnswer } from '@skillcert/server/domain/attempts/save-answer';
import { warnCandidate } from '@skillcert/server/domain/attempts/warn-candidate';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { domainEvents, type DomainEventMap } from '@skillcert/server/domain/events';
import { createExamFixture, type CandidateHandle, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer } from './exam-test-kit';

let database: TestDatabase;
let app: ExamTestServer;
let fixture: ExamFixture;
const sessionSecret = randomBytes(32).toString('hex');
const clients: CandidateClient[] = [];

/** Logs in through the real HTTP route and returns the Cookie header value. */
async function loginOverHttp(candidate: CandidateHandle): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/candidate-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('skillcert_session='));
  return cookie!.split(';')[0];
}

async function connect(cookie: string | null): Promise<CandidateClient> {
  const client = await connectCandidate(app.url, cookie);
  clients.push(client);
  return client;
}

/** Connects, joins and starts; returns the client and the started state. */
async function startAs(candidate: CandidateHandle, cookie?: string): Promise<{ client: CandidateClient; state: AttemptState; cookie: string }> {
  const sessionCookie = cookie ?? (await fixture.createSessionCookie(candidate, sessionSecret));
  const client = await connect(sessionCookie);
  const joined = await client.call<AttemptJoinResult>(examEvents.join);
  expect(joined.connection).toBe('active');
  const state = await client.call<AttemptState>(examEvents.start);
  return { client, state, cookie: sessionCookie };
}

/** A valid response for a slot's type (displayed indexes). */
function validResponse(state: AttemptState, slot: number, variant = 0): number[] {
  const item = state.form.items[slot - 1];
  if (item.type === 'multiple') return variant % 2 === 0 ? [0, 2] : [1];
  return [variant % item.options.length];
}

function recordEvents<Name extends keyof DomainEventMap>(name: Name): { events: DomainEventMap[Name][]; stop(): void } {
  const events: DomainEventMap[Name][] = [];
  const stop = domainEvents.on(name, (event) => events.push(event));
  return { events, stop };
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret });
  fixture = await createExamFixture({ candidateCount: 10 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  await database?.stop();
});

describe('exam room handshake', () => {
  it('R17: refuses a connection without a session cookie', async () => {
    await expect(connectCandidate(app.url, null)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
  });

  it('R17: refuses a staff login on the candidate namespace', async () => {
    const response = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: fixture.proctor.username, password: fixture.proctor.password }),
    });
    const cookie = response.headers.getSetCookie()[0].split(';')[0];
    await expect(connectCandidate(app.url, cookie)).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });
});

describe('saveAnswer over attempt:answer', () => {
  it('R10: joins the ticket attempt (waiting, no items before the start), starts it and acknowledges a durable save', async () => {
    const candidate = fixture.candidates[0];
    const cookie = await loginOverHttp(candidate);
    const client = await connect(cookie);
    const joined = await client.call<AttemptJoinResult>(examEvents.join);
    expect(joined.connection).toBe('active');
    expect(joined.attempt?.status).toBe('waiting');
    expect(joined.attempt?.form.items).toEqual([]);
    expect(joined.session.status).toBe('open');

    const state = await client.call<AttemptState>(examEvents.start);
    expect(state.status).toBe('in_progress');
    expect(state.form.items).toHaveLength(state.form.totalCount);
    expect(state.form.items.map((item) => item.slot)).toEqual(state.form.items.map((_, index) => index + 1));
    expect(state.deadlineAt! - state.startedAt!).toBe(60 * 60_000);

    const ack = await client.call<AnswerSaved>(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 });
    expect(ack).toMatchObject({ slot: 1, seq: 1, storedSeq: 1, isDuplicate: false, isStale: false });
    const stored = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(stored?.answers['1']).toMatchObject({ response: validResponse(state, 1), seq: 1 });
  });

  it('R10: never lets an older seq overwrite a newer one and acknowledges a repeated seq without writing', async () => {
    const { client, state } = await startAs(fixture.candidates[1]);
    const slot = state.form.items.findIndex((item) => item.type === 'single') + 1;
    await client.call(examEvents.answer, { slot, response: [2], seq: 5 });
    const stale = await client.call<AnswerSaved>(examEvents.answer, { slot, response: [1], seq: 3 });
    expect(stale).toMatchObject({ isStale: true, isDuplicate: false, storedSeq: 5 });
    const before = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    const duplicate = await client.call<AnswerSaved>(examEvents.answer, { slot, response: [2], seq: 5 });
    expect(duplicate).toMatchObject({ isDuplicate: true, isStale: false, storedSeq: 5 });
    const after = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(after?.answers[String(slot)]).toMatchObject({ response: [2], seq: 5 });
    expect(after?.answersVersion).toBe(before?.answersVersion);

    const newer = await client.call<AnswerSaved>(examEvents.answer, { slot, response: [], seq: 6 });
    expect(newer).toMatchObject({ isStale: false, storedSeq: 6 });
    const cleared = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(cleared?.answers[String(slot)]).toMatchObject({ response: [], seq: 6 });
  });

  it('R3: refuses a slot not on the form and responses of the wrong shape for the item type', async () => {
    const { client, state } = await startAs(fixture.candidates[2]);
    const single = state.form.items.find((item) => item.type === 'single')!;
    const multiple = state.form.items.find((item) => item.type === 'multiple')!;
    const judge = state.form.items.find((item) => item.type === 'judge')!;
    const cases: Array<[string, unknown]> = [
      ['slot not on the form', { slot: state.form.totalCount + 1, response: [0], seq: 1 }],
      ['two options on a single-choice item', { slot: single.slot, response: [0, 1], seq: 2 }],
      ['two options on a judge item', { slot: judge.slot, response: [0, 1], seq: 3 }],
      ['an option outside the item', { slot: single.slot, response: [single.options.length], seq: 4 }],
      ['a repeated option', { slot: multiple.slot, response: [1, 1], seq: 5 }],
      ['a negative index', { slot: multiple.slot, response: [-1], seq: 6 }],
      ['no seq', { slot: single.slot, response: [0] }],
      ['an unknown field', { slot: single.slot, response: [0], seq: 7, itemId: 'x' }],
    ];
    for (const [name, payload] of cases) {
      const ack = await client.request(examEvents.answer, payload);
      expect(ack.ok, name).toBe(false);
      if (!ack.ok) expect(ack.error.code, name).toBe('validation_failed');
    }
    const stored = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(stored?.answers).toEqual({});
  });

  it('R17: treats another candidate’s attempt as missing, over the socket and in the use case', async () => {
    const owner = await fixture.attemptOf(fixture.candidates[0]);
    const intruder = fixture.candidates[3];
    const client = await connect(await fixture.createSessionCookie(intruder, sessionSecret));
    const joined = await client.request(examEvents.join, { attemptId: String(owner!._id) });
    expect(joined).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(
      saveAnswer({ attemptId: String(owner!._id), slot: 1, response: [0], seq: 99, actor: intruder.actor, authSessionId: 'whatever' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const answer = await client.request(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
  });

  it('R10: refuses answers once the attempt is submitted and answers a repeated submit with the same counts', async () => {
    const { client, state } = await startAs(fixture.candidates[3]);
    await client.call(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 });
    await client.call(examEvents.flag, { slot: 2, isFlagged: true });
    const submittedEvent = client.next<SubmitResult>(examEvents.submitted);
    const result = await client.call<SubmitResult>(examEvents.submit);
    expect(result).toMatchObject({ status: 'submitted', submitReason: 'candidate', answeredCount: 1, flaggedCount: 1, totalCount: state.form.totalCount });
    expect(result.unansweredCount).toBe(state.form.totalCount - 1);
    expect(await submittedEvent).toMatchObject({ attemptId: state.attemptId, submitReason: 'candidate' });
    const closed = await client.request(examEvents.answer, { slot: 2, response: validResponse(state, 2), seq: 2 });
    expect(closed).toMatchObject({ ok: false, error: { code: 'attempt_closed' } });
    const again = await client.call<SubmitResult>(examEvents.submit);
    expect(again).toEqual(result);
    const audit = await AuditEntryModel.find({ 'target.id': state.attemptId }).lean();
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['attempt.started', 'attempt.submitted']));
  });
});

describe('resume after a dropped connection', () => {
  it('R10: restores answers, flags, position and time after a reconnect and accepts the replayed outbox', async () => {
    const candidate = fixture.candidates[4];
    const { client, state, cookie } = await startAs(candidate);
    const outbox = new Map<number, { slot: number; response: number[]; seq: number }>();
    let seq = 0;
    const queue = (slot: number, variant: number) => {
      seq += 1;
      outbox.set(seq, { slot, response: validResponse(state, slot, variant), seq });
    };
    const flush = async (target: CandidateClient) => {
      for (const save of [...outbox.values()]) {
        const ack = await target.request<AnswerSaved>(examEvents.answer, save);
        if (ack.ok) outbox.delete(save.seq);
      }
    };
    queue(1, 0);
    queue(2, 1);
    await flush(client);
    expect(outbox.size).toBe(0);
    await client.call(examEvents.flag, { slot: 3, isFlagged: true });
    await client.call(examEvents.position, { slot: 4 });

    // Changes made while the link drops: emitted, never acknowledged.
    queue(1, 1);
    queue(5, 0);
    queue(6, 1);
    for (const save of outbox.values()) client.socket.emit(examEvents.answer, save);
    client.socket.disconnect();

    const again = await connect(cookie);
    const joined = await again.call<AttemptJoinResult>(examEvents.join);
    expect(joined.connection).toBe('active');
    const resumed = joined.attempt!;
    expect(resumed.status).toBe('in_progress');
    expect(resumed.flaggedSlots).toEqual([3]);
    expect(resumed.position).toBe(4);
    expect(resumed.deadlineAt).toBe(state.deadlineAt);
    expect(resumed.remainingMs).toBeGreaterThan(0);
    expect(resumed.remainingMs).toBeLessThanOrEqual(resumed.deadlineAt! - resumed.startedAt!);
    expect(resumed.form.items).toEqual(state.form.items);
    expect(resumed.answers['2']).toMatchObject({ seq: 2 });

    await flush(again);
    expect(outbox.size).toBe(0);
    const final = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    expect(final?.answers['1']).toMatchObject({ seq: 3, response: validResponse(state, 1, 1) });
    expect(final?.answers['5']).toMatchObject({ seq: 4 });
    expect(final?.answers['6']).toMatchObject({ seq: 5, response: validResponse(state, 6, 1) });
  });

  it('R17: a reload with the same login takes over at once and supersedes the older socket', async () => {
    const { client: first, cookie, state } = await startAs(fixture.candidates[5]);
    const superseded = first.next<SessionSuperseded>(examEvents.superseded);
    const second = await connect(cookie);
    const joined = await second.call<AttemptJoinResult>(examEvents.join);
    expect(joined.connection).toBe('active');
    expect(await superseded).toMatchObject({ attemptId: state.attemptId, reason: 'replaced_by_same_login' });
    const refused = await first.request(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 }, 2_000).catch(() => null);
    if (refused) expect(refused.ok).toBe(false);
    await expect(second.call(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 })).resolves.toMatchObject({ seq: 1 });
  });
});

describe('proctor timer actions', () => {
  it('R10: pause freezes the time and refuses saves, resume moves the deadline by the pause, extend adds time', async () => {
    const candidate = fixture.candidates[6];
    const { client, state } = await startAs(candidate);
    const proctor = fixture.proctor.actor;

    const pausedEvent = client.next<DeadlineChange>(examEvents.deadline);
    const paused = await pauseAttempt({ attemptId: state.attemptId, actor: proctor, reason: '考场停电' });
    expect(paused.remainingMs).toBe(state.deadlineAt! - paused.pausedAt);
    expect(await pausedEvent).toMatchObject({ status: 'paused', cause: 'paused', remainingMs: paused.remainingMs });
    const refused = await client.request(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', details: { status: 'paused' } } });
    const rejoined = await client.call<AttemptJoinResult>(examEvents.join);
    expect(rejoined.attempt).toMatchObject({ status: 'paused', remainingMs: paused.remainingMs });

    const extendedWhilePaused = await extendAttempt({ attemptId: state.attemptId, actor: proctor, extraMs: 120_000, reason: '补时' });
    expect(extendedWhilePaused.deadlineAt).toBe(state.deadlineAt! + 120_000);

    await new Promise((resolve) => setTimeout(resolve, 50));
    const resumedEvent = client.next<DeadlineChange>(examEvents.deadline);
    const resumed = await resumeAttempt({ attemptId: state.attemptId, actor: proctor, reason: '恢复供电' });
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(50);
    expect(resumed.deadlineAt).toBe(state.deadlineAt! + 120_000 + resumed.pausedMs);
    expect(resumed.remainingMs).toBe(paused.remainingMs + 120_000);
    expect(await resumedEvent).toMatchObject({ status: 'in_progress', cause: 'resumed', deadlineAt: resumed.deadlineAt });

    const extendedEvent = client.next<DeadlineChange>(examEvents.deadline);
    const extended = await extendAttempt({ attemptId: state.attemptId, actor: proctor, extraMs: 60_000, reason: '设备故障补时' });
    expect(extended.deadlineAt).toBe(resumed.deadlineAt + 60_000);
    expect(await extendedEvent).toMatchObject({ cause: 'extended', extraMs: 60_000, deadlineAt: extended.deadlineAt });
    await expect(client.call(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 })).resolves.toMatchObject({ seq: 1 });

    const warning = client.next(examEvents.warning);
    await warnCandidate({ attemptId: state.attemptId, actor: proctor, reason: '东张西望', message: '请保持目光在本人屏幕' });
    expect(await warning).toMatchObject({ attemptId: state.attemptId, message: '请保持目光在本人屏幕' });

    const actions = (await AuditEntryModel.find({ 'target.id': state.attemptId }).lean()).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['attempt.paused', 'attempt.resumed', 'attempt.extended', 'attempt.warned']));
  });

  it('R6 R10: refuses timer actions of a proctor not assigned to the batch or room, and without a reason', async () => {
    const attempt = await fixture.attemptOf(fixture.candidates[6]);
    const stranger = { ...fixture.proctor.actor, userId: new Types.ObjectId().toHexString() };
    await expect(pauseAttempt({ attemptId: String(attempt!._id), actor: stranger, reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pauseAttempt({ attemptId: String(attempt!._id), actor: fixture.proctor.actor, reason: ' ' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(extendAttempt({ attemptId: String(attempt!._id), actor: fixture.examAdmin.actor, extraMs: 0, reason: 'x' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('one active session per candidate', () => {
  it('R10 R17: holds a second login until a proctor approves, then closes the first with session:superseded', async () => {
    const candidate = fixture.candidates[7];
    const requested = recordEvents('attempt.device_change_requested');
    const approved = recordEvents('attempt.device_change_approved');
    const telemetry = recordEvents('attempt.telemetry');
    try {
      const { client: first, state } = await startAs(candidate);
      await first.call(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 });

      const second = await connect(await loginOverHttp(candidate));
      const heldEvent = second.next(examEvents.held);
      const joined = await second.call<AttemptJoinResult>(examEvents.join);
      expect(joined).toMatchObject({ connection: 'held', attempt: null });
      expect(await heldEvent).toMatchObject({ attemptId: state.attemptId });
      expect(await second.request(examEvents.answer, { slot: 2, response: validResponse(state, 2), seq: 2 })).toMatchObject({
        ok: false,
        error: { code: 'precondition_failed', details: { connection: 'held' } },
      });
      await expect(first.call(examEvents.answer, { slot: 2, response: validResponse(state, 2), seq: 2 })).resolves.toMatchObject({ seq: 2 });
      expect(requested.events.map((event) => event.attemptId)).toContain(state.attemptId);
      expect(telemetry.events.some((event) => event.attemptId === state.attemptId && event.event.type === 'second_login_attempt')).toBe(true);

      const superseded = first.next<SessionSuperseded>(examEvents.superseded);
      const firstClosed = new Promise<void>((resolve) => first.socket.once('disconnect', () => resolve()));
      const promotedState = second.next<AttemptState>(examEvents.state);
      await approveDeviceChange({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '考生电脑死机，换机' });
      expect(await superseded).toMatchObject({ attemptId: state.attemptId, reason: 'device_change_approved' });
      await firstClosed;
      const promoted = await promotedState;
      expect(promoted.answers['2']).toMatchObject({ seq: 2 });
      expect(promoted.lastSeq).toBe(2);
      await expect(second.call(examEvents.answer, { slot: 3, response: validResponse(state, 3), seq: 3 })).resolves.toMatchObject({ seq: 3 });
      expect(approved.events.map((event) => event.attemptId)).toContain(state.attemptId);
      // Proctoring sees the approved device online: its connection is the attempt's latest.
      const connectionEvents = () =>
        telemetry.events.filter((event) => event.attemptId === state.attemptId && (event.event.type === 'connection' || event.event.type === 'disconnect'));
      const until = Date.now() + 5_000;
      while (connectionEvents().length < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(connectionEvents().map((event) => event.event.type)).toEqual(['connection', 'connection']);

      const actions = (await AuditEntryModel.find({ 'target.id': state.attemptId }).lean()).map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['attempt.device_change_requested', 'attempt.device_change_approved']));
    } finally {
      requested.stop();
      approved.stop();
      telemetry.stop();
    }
  });
});

describe('telemetry and rate limit', () => {
  it('R10: validates client telemetry with the proctoring schema and emits it on the bus without blocking', async () => {
    const telemetry = recordEvents('attempt.telemetry');
    try {
      const { client, state } = await startAs(fixture.candidates[8]);
      const at = Date.now();
      await expect(client.call(examEvents.telemetry, { type: 'focus_lost', at })).resolves.toEqual({ accepted: true });
      await expect(client.call(examEvents.telemetry, { type: 'paste', at: at + 1 })).resolves.toEqual({ accepted: true });
      const refused = await client.request(examEvents.telemetry, { type: 'answer_saved', at });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      const mine = telemetry.events.filter((event) => event.attemptId === state.attemptId).map((event) => event.event.type);
      expect(mine).toEqual(expect.arrayContaining(['connection', 'focus_lost', 'paste']));
      await expect(client.call(examEvents.answer, { slot: 1, response: validResponse(state, 1), seq: 1 })).resolves.toMatchObject({ seq: 1 });
    } finally {
      telemetry.stop();
    }
  });

  it('passes a replay burst of 20 and 20 saves per second, refuses most of 200 per second', async () => {
    const { client, state } = await startAs(fixture.candidates[9]);
    let seq = 0;
    const save = () => {
      seq += 1;
      const slot = (seq % state.form.totalCount) + 1;
      return client.request<AnswerSaved>(examEvents.answer, { slot, response: validResponse(state, slot, seq), seq }, 30_000);
    };
    const burst = await Promise.all(Array.from({ length: 20 }, () => save()));
    expect(burst.every((ack) => ack.ok)).toBe(true);
    const paced: Promise<Awaited<ReturnType<typeof save>>>[] = [];
    for (let index = 0; index < 40; index += 1) {
      paced.push(save());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await Promise.all(paced)).every((ack) => ack.ok)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const flood = await Promise.all(Array.from({ length: 200 }, () => save()));
    const limited = flood.filter((ack) => !ack.ok && ack.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(100);
    expect(flood.filter((ack) => !ack.ok && ack.error.code !== 'rate_limited')).toEqual([]);
  });
});
