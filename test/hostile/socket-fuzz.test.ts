/**
 * Hostile input on the realtime namespaces: fast-check generates payloads for every client → server
 * event (arbitrary JSON, binary attachments, huge strings, near-valid objects with wrong types,
 * out-of-range numbers, extra and prototype-polluting keys) and sends them from a candidate who has
 * started the attempt and from one who has not joined. The server must answer EVERY event with an
 * acknowledgement `{ ok: true, data } | { ok: false, error: { code, message } }` whose error code is
 * a known, non-internal one (a clear error), and stay up: afterwards a fresh candidate sits the exam
 * normally. Malformed frames (over the size limit, events without a callback, unknown events) must
 * not take the server down either.
 *
 * Namespaces covered: `/exam` (a candidate who started the attempt and one who has not joined) and
 * `/proctor` (the room's proctor after `proctor:join` and before). A new client → server event goes
 * into `namespaces` below.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTelemetryTypes, examEvents, examNamespace, type AttemptState } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { attachProctoringRoom } from '@skillcert/server/domain/proctoring/attach-proctoring';
import { errorCodes } from '@skillcert/server/errors';
import { proctorEvents, proctorNamespace } from '@skillcert/proctoring/protocol';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer } from '../realtime/exam-test-kit';

let database: TestDatabase;
let app: ExamTestServer;
let fixture: ExamFixture;
const clients: CandidateClient[] = [];
const sessionSecret = randomBytes(32).toString('hex');
/** Fuzzing sends hundreds of messages in a row; the per-socket limit is tested elsewhere. */
const unlimited = { capacity: 1e12, refillPerSecond: 1e12 };

// ----- arbitraries --------------------------------------------------------------------------

/** Any value a field could be given instead of the right one. */
const wrongField = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -3, max: 30 }),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -0, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(null, true, false, '', '1', '__proto__', '$gt', '{"$ne":null}'),
  fc.array(fc.integer({ min: -5, max: 30 }), { maxLength: 30 }),
  fc.constantFrom({ $gt: 0 }, { $ne: null }, JSON.parse('{"__proto__":{"isAdmin":true}}') as unknown, [[]], [{}]),
);

/** An object with the event's keys holding wrong or right values, plus stray keys. */
function nearValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record = fc.record(
    Object.fromEntries(Object.entries(fields).map(([key, right]) => [key, fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: wrongField })])),
    { requiredKeys: [] },
  );
  const stray = fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'toString')), wrongField, { maxKeys: 3 });
  return fc.tuple(record, stray, fc.integer({ min: 0, max: 3 })).map(([base, extra, roll]) => (roll === 0 ? { ...extra, ...(base as object) } : base));
}

/** Payloads of every shape: JSON, binary, huge text, near-valid objects. */
function hostilePayload(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: nearValid(fields) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.string({ minLength: 10_000, maxLength: 200_000 }) },
    { weight: 1, arbitrary: fc.array(fc.integer(), { minLength: 1_000, maxLength: 20_000 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, '', [], {}, 'attempt:answer') },
  );
}

const slot = fc.integer({ min: 1, max: 20 });
const response = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 6 });
const objectIdText = fc.stringMatching(/^[0-9a-f]{24}$/);

const reason = fc.string({ minLength: 1, maxLength: 60 });

/** The two sockets a namespace is fuzzed from: one that did the set-up (joined), one that did not. */
interface FuzzSockets {
  prepared: Socket;
  bare: Socket;
}

/** Client → server events per namespace, with the right shape of each field. */
const namespaces: { namespace: string; open(): Promise<FuzzSockets>; events: { event: string; fields: Record<string, fc.Arbitrary<unknown>> }[] }[] = [
  {
    namespace: examNamespace,
    open: async () => {
      const { client: started } = await startCandidate(0);
      const notJoined = await connectCandidate(app.url, await fixture.createSessionCookie(fixture.candidates[1], sessionSecret));
      clients.push(notJoined);
      return { prepared: started.socket, bare: notJoined.socket };
    },
    events: [
      { event: examEvents.join, fields: { attemptId: objectIdText } },
      { event: examEvents.start, fields: {} },
      { event: examEvents.answer, fields: { slot, response, seq: fc.integer({ min: 1, max: 1_000_000 }) } },
      { event: examEvents.flag, fields: { slot, isFlagged: fc.boolean() } },
      { event: examEvents.position, fields: { slot } },
      { event: examEvents.telemetry, fields: { type: fc.constantFrom(...clientTelemetryTypes), at: fc.integer({ min: 0, max: 2 ** 42 }) } },
      // Last: a valid submit ends the attempt; later events then meet a closed attempt.
      { event: examEvents.submit, fields: {} },
    ],
  },
  {
    namespace: proctorNamespace,
    open: async () => {
      const cookie = await staffCookie(fixture.proctor.username, fixture.proctor.password);
      const prepared = await connectNamespace(proctorNamespace, cookie);
      const joined = await emitWithAck(prepared, proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
      expect(joined).toMatchObject({ ok: true });
      return { prepared, bare: await connectNamespace(proctorNamespace, cookie) };
    },
    events: [
      { event: proctorEvents.join, fields: { batchId: fc.oneof(fc.constant(''), objectIdText), roomId: objectIdText, sessionId: objectIdText } },
      { event: proctorEvents.resync, fields: { roomKey: fc.oneof(fc.string({ maxLength: 120 }), fc.constant('')) } },
      { event: proctorEvents.resolveIncident, fields: { incidentId: fc.string({ maxLength: 320 }), note: reason } },
      { event: proctorEvents.void, fields: { attemptId: objectIdText, reason, incidentIds: fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }) } },
      { event: proctorEvents.confirmVoid, fields: { requestId: objectIdText, isConfirmed: fc.boolean(), note: fc.string({ maxLength: 50 }) } },
      { event: proctorEvents.leave, fields: { roomKey: fc.string({ maxLength: 120 }) } },
    ],
  },
];

// ----- helpers ------------------------------------------------------------------------------

const knownCodes = new Set<string>(errorCodes);

/** Why an acknowledgement is not a clear answer, or null when it is. */
function describeUnclearAck(ack: unknown): string | null {
  if (typeof ack !== 'object' || ack === null || !('ok' in ack)) return `not an acknowledgement: ${JSON.stringify(ack)}`;
  const { ok } = ack as { ok: unknown };
  if (ok === true) return 'data' in ack ? null : 'ok without data';
  if (ok !== false) return `ok is ${JSON.stringify(ok)}`;
  const error = (ack as { error?: { code?: unknown; message?: unknown } }).error;
  if (!error || typeof error.code !== 'string' || !knownCodes.has(error.code)) return `unknown error code in ${JSON.stringify(ack)}`;
  if (error.code === 'internal') return `internal error (the input was not recognised as invalid): ${JSON.stringify(ack)}`;
  if (typeof error.message !== 'string' || error.message.trim() === '') return `error without a message: ${JSON.stringify(ack)}`;
  return null;
}

function emitWithAck(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: unknown) => resolve(error ? { timeout: error.message } : ack));
  });
}

const staffSockets: Socket[] = [];

/** Connects to `namespace` with `cookie` over websocket; rejects with the handshake error. */
async function connectNamespace(namespace: string, cookie: string): Promise<Socket> {
  const socket = connectSocket(`${app.url}${namespace}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  staffSockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Signs a staff member in over HTTP and returns the Cookie header value. */
async function staffCookie(username: string, password: string): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0].split(';')[0];
}

async function startCandidate(index: number): Promise<{ client: CandidateClient; state: AttemptState }> {
  const client = await connectCandidate(app.url, await fixture.createSessionCookie(fixture.candidates[index], sessionSecret));
  clients.push(client);
  await client.call(examEvents.join);
  return { client, state: await client.call<AttemptState>(examEvents.start) };
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret, examRoom: { rateLimit: unlimited, sweepIntervalMs: 60_000 } });
  await attachProctoringRoom(app.server.io, app.server.context, { rateLimit: unlimited });
  fixture = await createExamFixture({ candidateCount: 4 });
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const socket of staffSockets) socket.close();
  await app?.stop();
  await database?.stop();
});

describe('socket event payload fuzzing', () => {
  for (const { namespace, open, events } of namespaces) {
    it(`R17: answers every generated payload of every ${namespace} event with a clear acknowledgement, set up or not`, { timeout: 180_000 }, async () => {
      const { prepared, bare } = await open();
      const unclear: string[] = [];
      for (const { event, fields } of events) {
        await fc.assert(
          fc.asyncProperty(hostilePayload(fields), fc.boolean(), async (payload, isPrepared) => {
            const ack = await emitWithAck(isPrepared ? prepared : bare, event, payload);
            const problem = describeUnclearAck(ack);
            if (problem && unclear.length < 20) unclear.push(`${event} ${JSON.stringify(payload)?.slice(0, 200)}: ${problem}`);
          }),
          { numRuns: 100 },
        );
      }
      expect(unclear).toEqual([]);
    });
  }

  it('R17: ignores events without a callback, extra arguments and unknown event names, and keeps answering', async () => {
    const { client, state } = await startCandidate(2);
    client.socket.emit(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    client.socket.emit(examEvents.answer);
    client.socket.emit('attempt:unknown', { slot: 1 }, () => undefined);
    client.socket.emit('proctor:warn', { message: 'x' }, () => undefined);
    client.socket.emit('toString', {}, () => undefined);
    client.socket.emit('__proto__', {}, () => undefined);
    const extra = await emitWithAck(client.socket, examEvents.flag, { slot: 1, isFlagged: true });
    expect(extra).toMatchObject({ ok: true, data: { slot: 1, isFlagged: true } });
    const withMoreArguments = await new Promise<unknown>((resolve) => client.socket.emit(examEvents.position, { slot: 2 }, 'extra', 42, resolve));
    expect(withMoreArguments).toMatchObject({ ok: true, data: { slot: 2 } });
    const ackFirst = await new Promise<unknown>((resolve) => client.socket.emit(examEvents.start, resolve));
    expect(describeUnclearAck(ackFirst)).toBeNull();
    const saved = await client.call(examEvents.answer, { slot: 1, response: state.form.items[0].type === 'multiple' ? [0, 1] : [0], seq: 2 });
    expect(saved).toMatchObject({ slot: 1, seq: 2 });
  });

  it('closes a connection that sends a frame over the size limit and stays up for everyone else', async () => {
    const cookie = await fixture.createSessionCookie(fixture.candidates[3], sessionSecret);
    const socket = connectSocket(`${app.url}${examNamespace}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    socket.emit(examEvents.answer, { slot: 1, response: [0], seq: 1, padding: 'x'.repeat(2 * 1024 * 1024) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    socket.close();

    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('R3 R10: lets a fresh candidate sit the exam normally after the fuzzing', async () => {
    const back = await connectCandidate(app.url, await fixture.createSessionCookie(fixture.candidates[3], sessionSecret));
    clients.push(back);
    await back.call(examEvents.join);
    const state = await back.call<AttemptState>(examEvents.start);
    const item = state.form.items[0];
    await back.call(examEvents.answer, { slot: item.slot, response: item.type === 'multiple' ? [0, 1] : [1], seq: 1 });
    const submitted = await back.call<{ answeredCount: number }>(examEvents.submit);
    expect(submitted.answeredCount).toBe(1);
  });
});
