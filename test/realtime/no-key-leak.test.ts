/**
 * R17: a candidate never receives answer keys, bank item ids or other candidates' data. Records
 * EVERY message one candidate receives during a whole exam (HTTP summary, socket events and
 * acknowledgements, across a reconnect, proctor actions and the submit) and scans it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examEvents, type AttemptJoinResult, type AttemptState } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { mapAnswersToBank } from '@skillcert/server/domain/attempts/build-attempt-form';
import { extendAttempt } from '@skillcert/server/domain/attempts/extend-attempt';
import { pauseAttempt } from '@skillcert/server/domain/attempts/pause-attempt';
import { resumeAttempt } from '@skillcert/server/domain/attempts/resume-attempt';
import { warnCandidate } from '@skillcert/server/domain/attempts/warn-candidate';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer, type ReceivedMessage } from './exam-test-kit';

/** Field names that would carry keys, bank references or seeds. */
const forbiddenKeys = new Set([
  'answer',
  'answerKey',
  'key',
  'correct',
  'isCorrect',
  'correctOptions',
  'itemId',
  'itemVersionId',
  'version',
  'paperId',
  'paperIndex',
  'paperSlotIndex',
  'libraryId',
  'scopeId',
  'optionOrder',
  'knowledgePoint',
  'difficulty',
  'seed',
  'assignmentSeed',
  'candidateId',
  'registrationId',
  'idNumber',
  'authSessionId',
  'source',
  'category',
  'chapter',
]);

function collectKeys(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const member of value) collectKeys(member, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      into.add(key);
      collectKeys(member, into);
    }
  }
  return into;
}

let database: TestDatabase;
let app: ExamTestServer;
let fixture: ExamFixture;
const sessionSecret = randomBytes(32).toString('hex');
const clients: CandidateClient[] = [];

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret });
  fixture = await createExamFixture({ candidateCount: 4 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  await database?.stop();
});

describe('what a candidate receives during a whole exam', () => {
  it('R17: holds no answer key, bank id, seed or other candidate’s data, and maps back to the bank correctly', async () => {
    const [candidate, ...others] = fixture.candidates;
    const received: ReceivedMessage[] = [];

    const login = await fetch(`${app.url}/api/auth/candidate-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const summary = await fetch(`${app.url}/api/exam/attempts/current`, { headers: { cookie } });
    expect(summary.status).toBe(200);
    received.push({ kind: 'ack', name: 'GET /api/exam/attempts/current', payload: await summary.json() });

    // Another candidate sits at the same time in the same room.
    const neighbour = await connectCandidate(app.url, await fixture.createSessionCookie(others[0], sessionSecret));
    clients.push(neighbour);
    await neighbour.call(examEvents.join);
    const neighbourState = await neighbour.call<AttemptState>(examEvents.start);
    await neighbour.call(examEvents.answer, { slot: 1, response: [0], seq: 1 });

    let client = await connectCandidate(app.url, cookie);
    clients.push(client);
    await client.call<AttemptJoinResult>(examEvents.join);
    const state = await client.call<AttemptState>(examEvents.start);
    const chosen = new Map<number, number[]>();
    let seq = 0;
    for (const item of state.form.items.slice(0, Math.ceil(state.form.items.length / 2))) {
      const response = item.type === 'multiple' ? [0, item.options.length - 1] : [item.slot % item.options.length];
      seq += 1;
      await client.call(examEvents.answer, { slot: item.slot, response, seq });
      chosen.set(item.slot, response);
    }
    await client.call(examEvents.flag, { slot: 2, isFlagged: true });
    await client.call(examEvents.position, { slot: 3 });
    await client.call(examEvents.telemetry, { type: 'visibility_hidden', at: Date.now() });
    await pauseAttempt({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '网络中断' });
    await extendAttempt({ attemptId: state.attemptId, actor: fixture.proctor.actor, extraMs: 30_000, reason: '补偿时间' });
    await resumeAttempt({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '网络恢复' });
    await warnCandidate({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '提醒', message: '请勿切换窗口' });
    await extendAttempt({ attemptId: neighbourState.attemptId, actor: fixture.proctor.actor, extraMs: 10_000, reason: '邻座补时' });

    // Reload, then finish the paper and hand in.
    await new Promise((resolve) => setTimeout(resolve, 100));
    received.push(...client.received);
    client.close();
    client = await connectCandidate(app.url, cookie);
    clients.push(client);
    const rejoined = await client.call<AttemptJoinResult>(examEvents.join);
    for (const item of state.form.items.slice(Math.ceil(state.form.items.length / 2))) {
      const response = item.type === 'multiple' ? [1] : [0];
      seq += 1;
      await client.call(examEvents.answer, { slot: item.slot, response, seq });
      chosen.set(item.slot, response);
    }
    const submitted = client.next(examEvents.submitted);
    await client.call(examEvents.submit);
    await submitted;
    await client.call(examEvents.join);
    await new Promise((resolve) => setTimeout(resolve, 100));
    received.push(...client.received);

    const names = received.map((message) => `${message.kind}:${message.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['event:attempt:deadline', 'event:attempt:warning', 'event:attempt:submitted', 'ack:attempt:answer', 'ack:attempt:join']),
    );
    expect(rejoined.attempt?.answers).not.toEqual({});

    // 1. No forbidden field anywhere.
    const keys = collectKeys(received.map((message) => message.payload), new Set());
    expect([...keys].filter((key) => forbiddenKeys.has(key))).toEqual([]);

    // 2. No bank id, no other candidate's identity or attempt.
    const text = JSON.stringify(received);
    const secrets = [
      fixture.secrets.scopeId,
      fixture.secrets.libraryId,
      ...fixture.secrets.paperIds,
      ...fixture.secrets.itemIds,
      ...fixture.secrets.itemVersionIds,
      candidate.registrationId,
      neighbourState.attemptId,
      ...others.flatMap((other) => [other.userId, other.name, other.admissionTicketNumber, other.idNumber, other.registrationId]),
    ];
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);

    // 3. The shown content is the bank's, options in the candidate's order; answers map back to the bank.
    const stored = await AttemptModel.findById(state.attemptId).lean<AttemptRecord>();
    const bankRows = mapAnswersToBank(stored!.form.slots, stored!.answers);
    for (const row of bankRows) {
      const content = fixture.secrets.contentByItemId.get(row.itemId)!;
      const shown = state.form.items[row.slot - 1];
      expect(shown.stem).toBe(content.stem);
      expect([...shown.options].sort()).toEqual([...content.options].sort());
      if (content.type === 'judge') expect(shown.options).toEqual(['正确', '错误']);
      const expected = chosen.get(row.slot)!.map((displayed) => content.options.indexOf(shown.options[displayed])).sort((a, b) => a - b);
      expect(row.selected).toEqual(expected);
    }
  });
});
