/**
 * The `/proctor` namespace end to end over real socket.io on 127.0.0.1 (issue 8, R10): handshake,
 * who may join which room (proctor, observers, a proctor of another room), room snapshots (full on
 * join, deltas at most once per second holding only changed rows) and incidents raised from real
 * candidate clients (copy/paste, focus lost too long, second login, disconnect), stored and audited.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proctorActionEventName, type CandidateRow, type RoomSnapshot } from '@skillcert/proctoring/events';
import { proctorEvents, type IncidentView, type RoomJoinResult } from '@skillcert/proctoring/protocol';
import { examEvents, type AttemptJoinResult, type AttemptState } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { IncidentModel } from '@skillcert/server/domain/proctoring/incident.model';
import { updateProctoringSettings } from '@skillcert/server/domain/proctoring/proctoring-settings';
import { createExamFixture, type CandidateHandle, type ExamFixture, type StaffHandle } from '../helpers/exam-fixture';
import { connectCandidate, type CandidateClient } from './exam-test-kit';
import {
  addBatchSupervisor,
  addSecondRoom,
  connectProctor,
  createStaffCookie,
  startProctorTestServer,
  type ProctorClient,
  type ProctorTestServer,
} from './proctor-test-kit';

let database: TestDatabase;
let app: ProctorTestServer;
let fixture: ExamFixture;
let supervisor: StaffHandle;
let otherRoom: { roomId: string; proctor: StaffHandle };
const sessionSecret = randomBytes(32).toString('hex');
const candidates: CandidateClient[] = [];
const proctors: ProctorClient[] = [];
const thresholdMs = 1500;

async function connectAsStaff(staff: Pick<StaffHandle, 'userId'>): Promise<ProctorClient> {
  const client = await connectProctor(app.url, await createStaffCookie(staff, fixture.organisationId, sessionSecret));
  proctors.push(client);
  return client;
}

async function joinRoom(client: ProctorClient): Promise<RoomJoinResult> {
  return client.call<RoomJoinResult>(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
}

/** Connects a candidate, joins and starts the attempt. */
async function startCandidate(candidate: CandidateHandle): Promise<{ client: CandidateClient; state: AttemptState }> {
  const client = await connectCandidate(app.url, await fixture.createSessionCookie(candidate, sessionSecret));
  candidates.push(client);
  const joined = await client.call<AttemptJoinResult>(examEvents.join);
  expect(joined.connection).toBe('active');
  const state = await client.call<AttemptState>(examEvents.start);
  return { client, state };
}

function answerFor(state: AttemptState, slot: number): number[] {
  const item = state.form.items[slot - 1];
  return item.type === 'multiple' ? [0, 1] : [0];
}

/** The row of `attemptId` in the newest snapshot that carries it. */
function latestRow(client: ProctorClient, attemptId: string, join?: RoomJoinResult): CandidateRow | undefined {
  for (let index = client.received.length - 1; index >= 0; index -= 1) {
    const message = client.received[index];
    if (message.name !== proctorEvents.snapshot) continue;
    const row = (message.payload as RoomSnapshot).rows.find((candidate) => candidate.attemptId === attemptId);
    if (row) return row;
  }
  return join?.snapshot.rows.find((row) => row.attemptId === attemptId);
}

function waitForRow(client: ProctorClient, attemptId: string, predicate: (row: CandidateRow) => boolean, timeoutMs = 10_000): Promise<RoomSnapshot> {
  return client.waitFor<RoomSnapshot>(proctorEvents.snapshot, (snapshot) => snapshot.rows.some((row) => row.attemptId === attemptId && predicate(row)), { timeoutMs });
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startProctorTestServer({ database, sessionSecret, proctoring: { tickIntervalMs: 200 } });
  fixture = await createExamFixture({ candidateCount: 8 });
  supervisor = await addBatchSupervisor(fixture);
  otherRoom = await addSecondRoom(fixture);
  await updateProctoringSettings({
    actor: { ...fixture.examAdmin.actor, roles: ['admin'] },
    request: { incidentThresholds: { focusLostThresholdMs: thresholdMs, disconnectThresholdMs: thresholdMs } },
  });
});

afterAll(async () => {
  for (const client of [...candidates, ...proctors]) client.close();
  await app?.stop();
  await database?.stop();
});

describe('/proctor handshake and room access', () => {
  it('R17: refuses a connection without a session and a candidate login', async () => {
    await expect(connectProctor(app.url, null)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    const candidateCookie = await fixture.createSessionCookie(fixture.candidates[7], sessionSecret);
    await expect(connectProctor(app.url, candidateCookie)).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });

  it('R10: lets the room’s proctor join with a full snapshot of every candidate in seat order', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    const joined = await joinRoom(proctor);
    expect(joined.access).toEqual({ mode: 'proctor', canAct: true, canConfirmVoids: false });
    expect(joined.room).toMatchObject({ batchId: fixture.batchId, roomId: fixture.roomId, sessionId: fixture.sessionId, roomName: '第一考场', sessionStatus: 'open' });
    expect(joined.snapshot).toMatchObject({ isFull: true, roomId: `${fixture.sessionId}:${fixture.roomId}`, removedAttemptIds: [] });
    expect(joined.snapshot.rows.map((row) => row.candidateName)).toEqual(fixture.candidates.map((candidate) => candidate.name));
    expect(joined.snapshot.rows.every((row) => row.status === 'waiting' && row.attendance === 'unmarked' && row.totalCount > 0)).toBe(true);
    expect(joined.snapshot.summary).toMatchObject({ candidateCount: 8, incidentCount: 0 });
    expect(joined.webcam).toEqual({ isEnabled: false, intervalMs: 60_000 });
  });

  it('R6 R10: refuses a proctor of another room, and lets the batch’s supervisor and exam administrator observe read-only', async () => {
    const stranger = await connectAsStaff(otherRoom.proctor);
    const refused = await stranger.request(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const attemptId = String((await fixture.attemptOf(fixture.candidates[0]))!._id);
    const action = await stranger.request(proctorActionEventName('warn'), { attemptId, reason: '越权尝试' });
    expect(action).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    for (const staff of [supervisor, fixture.examAdmin]) {
      const observer = await connectAsStaff(staff);
      const joined = await joinRoom(observer);
      expect(joined.access.mode).toBe('observer');
      expect(joined.access.canAct).toBe(false);
      expect(joined.access.canConfirmVoids).toBe(staff === supervisor);
      const readOnly = await observer.request(proctorActionEventName('pause'), { attemptId, reason: '观察员不可操作' });
      expect(readOnly).toMatchObject({ ok: false, error: { code: 'forbidden', details: { mode: 'observer' } } });
    }
  });

  it('R10: validates action payloads and requires a reason', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    await joinRoom(proctor);
    const attemptId = String((await fixture.attemptOf(fixture.candidates[0]))!._id);
    const blank = await proctor.request(proctorActionEventName('warn'), { attemptId, reason: '  ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'validation_failed', details: { issues: [{ field: 'payload.reason' }] } } });
    const unknownField = await proctor.request(proctorActionEventName('pause'), { attemptId, reason: '检查', extra: 1 });
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});

describe('room snapshots', () => {
  it('R10: sends deltas at most once per second, each holding only the rows that changed', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    const joined = await joinRoom(proctor);
    const fromIndex = proctor.received.length;
    const started = await Promise.all(fixture.candidates.slice(0, 3).map((candidate) => startCandidate(candidate)));
    // A burst: every candidate answers several items as fast as the acknowledgements allow.
    for (let slot = 1; slot <= 4; slot += 1) {
      await Promise.all(started.map(({ client, state }) => client.call(examEvents.answer, { slot, response: answerFor(state, slot), seq: slot })));
    }
    const last = started[2].state.attemptId;
    await waitForRow(proctor, last, (row) => row.answeredCount === 4);
    const deltas = proctor.received.slice(fromIndex).filter((message) => message.name === proctorEvents.snapshot).map((message) => message.payload as RoomSnapshot);
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    for (const [index, delta] of deltas.entries()) {
      expect(delta.isFull).toBe(false);
      expect(delta.sequence).toBe(joined.snapshot.sequence + index + 1);
      if (index > 0) expect(delta.at - deltas[index - 1].at).toBeGreaterThanOrEqual(1000);
    }
    for (const { state } of started) {
      expect(latestRow(proctor, state.attemptId)).toMatchObject({ status: 'in_progress', isOnline: true, answeredCount: 4, deadlineAt: state.deadlineAt });
    }

    // Quiet, then one candidate flags an item: the next delta holds that row only.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const beforeFlag = proctor.received.length;
    await started[1].client.call(examEvents.flag, { slot: 2, isFlagged: true });
    const delta = await proctor.waitFor<RoomSnapshot>(proctorEvents.snapshot, () => true, { fromIndex: beforeFlag });
    expect(delta.rows.map((row) => row.attemptId)).toEqual([started[1].state.attemptId]);
    expect(delta.rows[0]).toMatchObject({ flaggedCount: 1, answeredCount: 4 });
    expect(delta.summary.byStatus.in_progress).toBe(3);
  });

  it('R10: answers a resync with a full snapshot', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    const joined = await joinRoom(proctor);
    const full = await proctor.call<RoomSnapshot>(proctorEvents.resync, { roomKey: joined.room.roomKey });
    expect(full.isFull).toBe(true);
    expect(full.rows).toHaveLength(8);
  });
});

describe('incidents', () => {
  it('R10: raises copy/paste at once, stores it once and audits it', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    await joinRoom(proctor);
    const { client, state } = await startCandidate(fixture.candidates[3]);
    const incident = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId && view.rule === 'copy_paste_attempt');
    await client.call(examEvents.telemetry, { type: 'paste', at: Date.now() });
    const view = await incident;
    expect(view).toMatchObject({ severity: 'medium', candidateName: fixture.candidates[3].name, seat: '04', detail: { action: 'paste' }, handling: null });
    await waitForRow(proctor, state.attemptId, (row) => row.incidentCount === 1);
    await expect.poll(() => IncidentModel.countDocuments({ key: view.id })).toBe(1);
    await expect.poll(() => AuditEntryModel.countDocuments({ action: 'incident.raised', 'target.id': state.attemptId })).toBe(1);
  });

  it(`R10: raises focus lost while the candidate is still away after the threshold`, async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    await joinRoom(proctor);
    const { client, state } = await startCandidate(fixture.candidates[4]);
    await client.call(examEvents.telemetry, { type: 'focus_lost', at: Date.now() });
    const view = await proctor.waitFor<IncidentView>(proctorEvents.incident, (incident) => incident.attemptId === state.attemptId && incident.rule === 'focus_lost_too_long');
    expect(view.detail.isOngoing).toBe(true);
    expect(Number(view.detail.durationMs)).toBeGreaterThanOrEqual(thresholdMs);
    // Coming back does not raise the same episode again.
    await client.call(examEvents.telemetry, { type: 'focus_regained', at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await IncidentModel.countDocuments({ attemptId: new Types.ObjectId(state.attemptId), rule: 'focus_lost_too_long' })).toBe(1);
  });

  it('R10 R17: raises a second login, shows the pending device change, and the approval hands the attempt over', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    const joined = await joinRoom(proctor);
    const candidate = fixture.candidates[5];
    const { state } = await startCandidate(candidate);
    const second = await connectCandidate(app.url, await fixture.createSessionCookie(candidate, sessionSecret));
    candidates.push(second);
    const incident = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId && view.rule === 'second_login_attempt');
    expect(await second.call<AttemptJoinResult>(examEvents.join)).toMatchObject({ connection: 'held' });
    expect((await incident).severity).toBe('high');
    await waitForRow(proctor, state.attemptId, (row) => row.hasPendingDeviceChange === true);

    const promoted = second.next<AttemptState>(examEvents.state);
    const approved = await proctor.call<{ action: { action: string; reason: string } }>(proctorActionEventName('approve_device_change'), { attemptId: state.attemptId, reason: '考生电脑故障，换机' });
    expect(approved.action).toMatchObject({ action: 'approve_device_change', reason: '考生电脑故障，换机' });
    expect((await promoted).attemptId).toBe(state.attemptId);
    await waitForRow(proctor, state.attemptId, (row) => row.hasPendingDeviceChange === undefined);
    expect(joined.access.canAct).toBe(true);
  });

  it('R10: raises a disconnect that lasts longer than the threshold and shows the candidate offline', async () => {
    const proctor = await connectAsStaff(fixture.proctor);
    await joinRoom(proctor);
    const { client, state } = await startCandidate(fixture.candidates[6]);
    await waitForRow(proctor, state.attemptId, (row) => row.isOnline);
    client.close();
    await waitForRow(proctor, state.attemptId, (row) => !row.isOnline && row.offlineSince !== null);
    const view = await proctor.waitFor<IncidentView>(proctorEvents.incident, (incident) => incident.attemptId === state.attemptId && incident.rule === 'disconnect_too_long');
    expect(view.detail).toMatchObject({ isOngoing: true });
    await expect.poll(() => IncidentModel.countDocuments({ key: view.id })).toBe(1);
  });

  it('R10: lists the stored incidents to a proctor who joins later', async () => {
    const late = await connectAsStaff(fixture.proctor);
    const joined = await joinRoom(late);
    const rules = joined.incidents.map((incident) => incident.rule);
    expect(rules).toEqual(expect.arrayContaining(['copy_paste_attempt', 'focus_lost_too_long', 'second_login_attempt', 'disconnect_too_long']));
    expect(joined.snapshot.summary.incidentCount).toBe(joined.incidents.length);
  });
});

describe('a room before its session opens', () => {
  it('R10: shows no rows until the session opens, then sends the whole room', async () => {
    const closed = await createExamFixture({ candidateCount: 3, organisationId: fixture.organisationId, shouldOpenSession: false });
    const proctor = await connectProctor(app.url, await createStaffCookie(closed.proctor, closed.organisationId, sessionSecret));
    proctors.push(proctor);
    const joined = await proctor.call<RoomJoinResult>(proctorEvents.join, { batchId: closed.batchId, roomId: closed.roomId });
    expect(joined.room.sessionStatus).toBe('scheduled');
    expect(joined.snapshot.rows).toEqual([]);
    const fromIndex = proctor.received.length;
    await closed.openSession();
    const full = await proctor.waitFor<RoomSnapshot>(proctorEvents.snapshot, (snapshot) => snapshot.isFull, { fromIndex });
    expect(full.rows.map((row) => row.candidateName)).toEqual(closed.candidates.map((candidate) => candidate.name));
  });
});
