/**
 * Proctor actions over `/proctor` and their effect on real candidate clients (issue 8, R10): warning,
 * pause (timer stops, saves refused) and resume, extension, forced submission, void with a
 * supervisor's confirmation (and a rejection), attendance and absence, incidents handled by actions
 * or notes; the room record 考场记录表 as PDF (text checked) and JSON for the archive; webcam
 * snapshots (consent, upload, thumbnail row, retention).
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proctorActionEventName, type CandidateRow, type RoomSnapshot } from '@skillcert/proctoring/events';
import {
  proctorEvents,
  type IncidentHandledView,
  type IncidentView,
  type ProctorActionResult,
  type ProctorActionView,
  type RoomJoinResult,
  type VoidRequestView,
} from '@skillcert/proctoring/protocol';
import { examEvents, type AttemptJoinResult, type AttemptState, type AttemptWarning, type DeadlineChange, type SubmitResult } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { RegistrationModel } from '@skillcert/server/domain/plans/registration.model';
import { attemptVoidedEvent } from '@skillcert/server/domain/proctoring/attach-proctoring';
import { IncidentModel } from '@skillcert/server/domain/proctoring/incident.model';
import type { AttemptTimelineView, RoomRecordView, WebcamSettingsView, WebcamSnapshotView } from '@skillcert/server/domain/proctoring/proctoring.contracts';
import { updateProctoringSettings } from '@skillcert/server/domain/proctoring/proctoring-settings';
import { listRoomRecordsForBatch } from '@skillcert/server/domain/proctoring/room-records';
import { createExamFixture, type CandidateHandle, type ExamFixture, type StaffHandle } from '../helpers/exam-fixture';
import { extractPdfText, removeWhitespace } from '../helpers/pdf';
import { connectCandidate, type CandidateClient } from './exam-test-kit';
import { addBatchSupervisor, connectProctor, createStaffCookie, startProctorTestServer, type ProctorClient, type ProctorTestServer } from './proctor-test-kit';

let database: TestDatabase;
let app: ProctorTestServer;
let fixture: ExamFixture;
let supervisor: StaffHandle;
let proctor: ProctorClient;
let joined: RoomJoinResult;
let proctorCookie: string;
const sessionSecret = randomBytes(32).toString('hex');
const clients: Array<{ close(): void }> = [];

async function startCandidate(candidate: CandidateHandle): Promise<{ client: CandidateClient; state: AttemptState; cookie: string }> {
  const cookie = await fixture.createSessionCookie(candidate, sessionSecret);
  const client = await connectCandidate(app.url, cookie);
  clients.push(client);
  expect((await client.call<AttemptJoinResult>(examEvents.join)).connection).toBe('active');
  const state = await client.call<AttemptState>(examEvents.start);
  return { client, state, cookie };
}

function act<Data = ProctorActionResult>(action: Parameters<typeof proctorActionEventName>[0], payload: Record<string, unknown>): Promise<Data> {
  return proctor.call<Data>(proctorActionEventName(action), payload);
}

function waitForRow(attemptId: string, predicate: (row: CandidateRow) => boolean): Promise<RoomSnapshot> {
  return proctor.waitFor<RoomSnapshot>(proctorEvents.snapshot, (snapshot) => snapshot.rows.some((row) => row.attemptId === attemptId && predicate(row)));
}

async function http(path: string, init: RequestInit & { cookie: string }): Promise<Response> {
  return fetch(`${app.url}${path}`, { ...init, headers: { ...(init.headers ?? {}), cookie: init.cookie } });
}

/** A small JPEG-like payload (SOI marker, filler, EOI marker). */
function jpegBytes(size = 2048): Buffer {
  const bytes = randomBytes(size);
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  bytes[2] = 0xff;
  bytes[3] = 0xe0;
  bytes[size - 2] = 0xff;
  bytes[size - 1] = 0xd9;
  return bytes;
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startProctorTestServer({ database, sessionSecret, proctoring: { tickIntervalMs: 200 } });
  fixture = await createExamFixture({ candidateCount: 10 });
  supervisor = await addBatchSupervisor(fixture);
  proctorCookie = await createStaffCookie(fixture.proctor, fixture.organisationId, sessionSecret);
  proctor = await connectProctor(app.url, proctorCookie);
  clients.push(proctor);
  joined = await proctor.call<RoomJoinResult>(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await app?.stop();
  await database?.stop();
});

describe('proctor actions', () => {
  it('R10: a warning reaches the candidate’s screen and is recorded with its reason', async () => {
    const { client, state } = await startCandidate(fixture.candidates[0]);
    const warning = client.next<AttemptWarning>(examEvents.warning);
    const broadcast = proctor.waitFor<ProctorActionView>(proctorEvents.action, (view) => view.attemptId === state.attemptId && view.action === 'warn');
    const result = await act('warn', { attemptId: state.attemptId, reason: '东张西望', message: '请注意考场纪律，目视本人屏幕。' });
    expect(await warning).toMatchObject({ attemptId: state.attemptId, message: '请注意考场纪律，目视本人屏幕。' });
    expect(result.action).toMatchObject({ action: 'warn', reason: '东张西望', detail: { message: '请注意考场纪律，目视本人屏幕。' }, byName: fixture.proctor.actor.name });
    expect((await broadcast).id).toBe(result.action.id);
    await expect.poll(() => AuditEntryModel.countDocuments({ action: 'attempt.warned', 'target.id': state.attemptId })).toBe(1);
  });

  it('R10: a pause stops the timer and refuses saves; the resume moves the deadline by the paused time', async () => {
    const { client, state } = await startCandidate(fixture.candidates[1]);
    const pausedEvent = client.next<DeadlineChange>(examEvents.deadline);
    const paused = await act('pause', { attemptId: state.attemptId, reason: '考生身体不适' });
    expect(paused.status).toBe('paused');
    const change = await pausedEvent;
    expect(change).toMatchObject({ cause: 'paused', status: 'paused' });
    const refused = await client.request(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', details: { status: 'paused', retryable: true } } });
    await waitForRow(state.attemptId, (row) => row.status === 'paused' && row.remainingMs === change.remainingMs);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const resumedEvent = client.next<DeadlineChange>(examEvents.deadline);
    const resumed = await act<ProctorActionResult & { result: { deadlineAt: number; pausedMs: number } }>('resume', { attemptId: state.attemptId, reason: '考生已恢复' });
    const after = await resumedEvent;
    expect(after.cause).toBe('resumed');
    expect(after.deadlineAt).toBe(state.deadlineAt! + resumed.result.pausedMs);
    expect(resumed.result.pausedMs).toBeGreaterThanOrEqual(300);
    await expect(client.call(examEvents.answer, { slot: 1, response: [0], seq: 1 })).resolves.toMatchObject({ seq: 1 });
    await waitForRow(state.attemptId, (row) => row.status === 'in_progress' && row.deadlineAt === after.deadlineAt);
  });

  it('R10: an extension moves the candidate’s deadline', async () => {
    const { client, state } = await startCandidate(fixture.candidates[2]);
    const event = client.next<DeadlineChange>(examEvents.deadline);
    await act('extend', { attemptId: state.attemptId, reason: '停电补时', extraMs: 10 * 60_000 });
    expect(await event).toMatchObject({ cause: 'extended', extraMs: 600_000, deadlineAt: state.deadlineAt! + 600_000 });
    await waitForRow(state.attemptId, (row) => row.deadlineAt === state.deadlineAt! + 600_000);
  });

  it('R10: a forced submission ends the attempt on the candidate’s screen', async () => {
    const { client, state } = await startCandidate(fixture.candidates[3]);
    await client.call(examEvents.answer, { slot: 1, response: [1], seq: 1 });
    const submitted = client.next<SubmitResult>(examEvents.submitted);
    await act('force_submit', { attemptId: state.attemptId, reason: '严重违纪，收卷' });
    expect(await submitted).toMatchObject({ attemptId: state.attemptId, submitReason: 'proctor', answeredCount: 1 });
    await waitForRow(state.attemptId, (row) => row.status === 'submitted');
    const refused = await client.request(examEvents.answer, { slot: 2, response: [0], seq: 2 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'attempt_closed' } });
  });

  it('R6 R10: a void needs a supervisor of the batch: the proctor cannot confirm, the supervisor’s confirmation voids the attempt', async () => {
    const { client, state } = await startCandidate(fixture.candidates[4]);
    const paste = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId && view.rule === 'copy_paste_attempt');
    await client.call(examEvents.telemetry, { type: 'copy', at: Date.now() });
    const incident = await paste;
    await expect.poll(() => IncidentModel.countDocuments({ key: incident.id })).toBe(1);

    const supervisorSocket = await connectProctor(app.url, await createStaffCookie(supervisor, fixture.organisationId, sessionSecret));
    clients.push(supervisorSocket);
    await supervisorSocket.call(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
    const requestedNotice = supervisorSocket.waitFor<VoidRequestView>(proctorEvents.voidRequested, (view) => view.attemptId === state.attemptId);
    const request = await proctor.call<VoidRequestView>(proctorActionEventName('void'), { attemptId: state.attemptId, reason: '夹带资料并复制', incidentIds: [incident.id] });
    expect(request).toMatchObject({ status: 'pending', attemptId: state.attemptId, reason: '夹带资料并复制', requestedBy: { userId: fixture.proctor.userId } });
    expect((await requestedNotice).id).toBe(request.id);
    const again = await proctor.request(proctorActionEventName('void'), { attemptId: state.attemptId, reason: '重复申请' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const byProctor = await proctor.request(proctorEvents.confirmVoid, { requestId: request.id, isConfirmed: true });
    expect(byProctor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await AttemptModel.findById(state.attemptId).lean<AttemptRecord>())?.status).toBe('in_progress');

    const voided = client.next<{ attemptId: string; status: string }>(attemptVoidedEvent);
    const handled = proctor.waitFor<IncidentHandledView>(proctorEvents.incidentHandled, (view) => view.id === incident.id);
    const decided = await supervisorSocket.call<VoidRequestView>(proctorEvents.confirmVoid, { requestId: request.id, isConfirmed: true, note: '证据确凿' });
    expect(decided).toMatchObject({ status: 'confirmed', decidedBy: { userId: supervisor.userId }, note: '证据确凿' });
    expect(await voided).toMatchObject({ attemptId: state.attemptId, status: 'voided' });
    expect((await handled).handling).toMatchObject({ kind: 'action', action: 'void', note: '夹带资料并复制' });
    await waitForRow(state.attemptId, (row) => row.status === 'voided');
    expect((await AttemptModel.findById(state.attemptId).lean<AttemptRecord>())?.status).toBe('voided');
    const refused = await client.request(examEvents.answer, { slot: 1, response: [0], seq: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'attempt_closed' } });
    const audit = await AuditEntryModel.findOne({ action: 'attempt.voided', 'target.id': state.attemptId }).lean();
    expect(JSON.parse(audit!.payloadJson)).toMatchObject({ reason: '夹带资料并复制', supervisorConfirmation: { supervisorId: supervisor.userId } });
  });

  it('R6 R10: a supervisor rejects a void request over HTTP with a note; the attempt stays', async () => {
    const { state } = await startCandidate(fixture.candidates[5]);
    const request = await proctor.call<VoidRequestView>(proctorActionEventName('void'), { attemptId: state.attemptId, reason: '疑似作弊' });
    const supervisorCookie = await createStaffCookie(supervisor, fixture.organisationId, sessionSecret);
    const withoutNote = await http(`/api/proctoring/void-requests/${request.id}/decision`, {
      method: 'POST',
      cookie: supervisorCookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isConfirmed: false }),
    });
    expect(withoutNote.status).toBe(400);
    const decided = proctor.waitFor<VoidRequestView>(proctorEvents.voidDecided, (view) => view.id === request.id);
    const response = await http(`/api/proctoring/void-requests/${request.id}/decision`, {
      method: 'POST',
      cookie: supervisorCookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isConfirmed: false, note: '回看监控，未见违规' }),
    });
    expect(response.status).toBe(200);
    expect(await decided).toMatchObject({ status: 'rejected', note: '回看监控，未见违规' });
    expect((await AttemptModel.findById(state.attemptId).lean<AttemptRecord>())?.status).toBe('in_progress');
  });

  it('R10: marks attendance and absence on the sign-in record and in the room', async () => {
    const present = String((await fixture.attemptOf(fixture.candidates[6]))!._id);
    const absent = String((await fixture.attemptOf(fixture.candidates[7]))!._id);
    await act('mark_attendance', { attemptId: present, reason: '核验身份证件，本人到场' });
    const result = await act('mark_absence', { attemptId: absent, reason: '开考 30 分钟未到' });
    expect(result.action).toMatchObject({ action: 'mark_absence', detail: { attendance: 'absent' } });
    const registrations = await RegistrationModel.find({ _id: { $in: [fixture.candidates[6].registrationId, fixture.candidates[7].registrationId].map((id) => new Types.ObjectId(id)) } }).lean();
    const statusOf = (registrationId: string) => registrations.find((registration) => String(registration._id) === registrationId)?.attendanceBySession?.[0];
    expect(statusOf(fixture.candidates[6].registrationId)).toMatchObject({ status: 'present' });
    expect(statusOf(fixture.candidates[7].registrationId)).toMatchObject({ status: 'absent', reason: '开考 30 分钟未到' });
    await waitForRow(present, (row) => row.attendance === 'present');
    await waitForRow(absent, (row) => row.attendance === 'absent');
  });

  it('R10: records how an incident was handled with a note, and shows everything on the candidate’s timeline', async () => {
    const { client, state } = await startCandidate(fixture.candidates[8]);
    const raised = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId);
    await client.call(examEvents.telemetry, { type: 'fullscreen_exit', at: Date.now() });
    const incident = await raised;
    await expect.poll(() => IncidentModel.countDocuments({ key: incident.id })).toBe(1);
    const handled = await proctor.call<IncidentHandledView>(proctorEvents.resolveIncident, { incidentId: incident.id, note: '误触，已提醒恢复全屏' });
    expect(handled.handling).toMatchObject({ kind: 'note', note: '误触，已提醒恢复全屏', byName: fixture.proctor.actor.name });
    const again = await proctor.request(proctorEvents.resolveIncident, { incidentId: incident.id, note: '再次' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const response = await http(`/api/proctoring/attempts/${state.attemptId}/timeline`, { cookie: proctorCookie });
    expect(response.status).toBe(200);
    const timeline = (await response.json()) as AttemptTimelineView;
    expect(timeline.candidate).toMatchObject({ name: fixture.candidates[8].name, seat: '09' });
    expect(timeline.entries.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['started', 'incident']));
    expect(timeline.incidents[0]).toMatchObject({ rule: 'fullscreen_exit', handling: { kind: 'note' } });
    expect(JSON.stringify(timeline)).not.toMatch(/optionOrder|paperSlotIndex|itemId/);
  });
});

describe('room record 考场记录表', () => {
  it('R10 R16: generates the record from the events; the PDF names the incidents, their handling, the actions and the absences', async () => {
    const response = await http('/api/proctoring/room-records', {
      method: 'POST',
      cookie: proctorCookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batchId: fixture.batchId, sessionId: fixture.sessionId, roomId: fixture.roomId, conditions: '考场秩序良好，两路监控正常。' }),
    });
    expect(response.status).toBe(201);
    const view = (await response.json()) as RoomRecordView;
    expect(view.record.summary.incidentCount).toBeGreaterThanOrEqual(2);
    expect(view.record.attendance).toMatchObject({ expectedCount: 10, presentCount: 1, absentCount: 1, unmarkedCount: 8 });
    expect(view.record.outcomes).toMatchObject({ submittedByProctor: 1, voided: 1 });
    expect(view.record.staff.onDuty.map((duty) => duty.userId)).toEqual(expect.arrayContaining([fixture.proctor.userId, supervisor.userId]));

    const pdfResponse = await http(`/api/proctoring/room-records/${fixture.batchId}/${fixture.sessionId}/${fixture.roomId}/pdf`, { cookie: proctorCookie });
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    const text = removeWhitespace(await extractPdfText(new Uint8Array(await pdfResponse.arrayBuffer())));
    for (const expected of ['考场记录表', '复制/粘贴', '退出全屏', '误触，已提醒恢复全屏', '夹带资料并复制', '作废考试', '强制交卷', '严重违纪，收卷', '开考30分钟未到', '考场秩序良好', fixture.candidates[4].name]) {
      expect(text).toContain(removeWhitespace(expected));
    }

    const archived = await listRoomRecordsForBatch(fixture.batchId);
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatchObject({ sessionId: fixture.sessionId, roomId: fixture.roomId, version: 1, pdfSha256: view.pdfSha256 });
    expect(archived[0].pdf?.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});

describe('webcam snapshots', () => {
  it('R10 R16: after consent, stores a frame, shows it in the room row and keeps it for 5 years', async () => {
    const { state, cookie } = await startCandidate(fixture.candidates[9]);
    const attemptId = state.attemptId;
    const offResponse = await http(`/api/proctoring/webcam/attempts/${attemptId}/snapshots`, { method: 'POST', cookie, headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpegBytes()) });
    expect(offResponse.status).toBe(412);

    await updateProctoringSettings({ actor: { ...fixture.examAdmin.actor, roles: ['admin'] }, request: { webcam: { isEnabled: true, intervalMs: 20_000 } } });
    const settings = (await (await http('/api/proctoring/webcam/settings', { cookie })).json()) as WebcamSettingsView;
    expect(settings).toMatchObject({ isEnabled: true, intervalMs: 20_000 });
    expect(settings.consentText).toContain('同意');
    const noConsent = await http(`/api/proctoring/webcam/attempts/${attemptId}/snapshots`, { method: 'POST', cookie, headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpegBytes()) });
    expect(noConsent.status).toBe(412);
    const consent = await http(`/api/proctoring/webcam/attempts/${attemptId}/consent`, {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGiven: true, consentTextSha256: settings.consentTextSha256 }),
    });
    expect(consent.status).toBe(200);

    const notJpeg = await http(`/api/proctoring/webcam/attempts/${attemptId}/snapshots`, { method: 'POST', cookie, headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(randomBytes(500)) });
    expect(notJpeg.status).toBe(400);
    const frame = jpegBytes(4096);
    const stored = await http(`/api/proctoring/webcam/attempts/${attemptId}/snapshots`, { method: 'POST', cookie, headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(frame) });
    expect(stored.status).toBe(201);
    const snapshot = (await stored.json()) as WebcamSnapshotView;
    const takenYear = new Date(snapshot.takenAt).getUTCFullYear();
    expect(Number(snapshot.retentionUntil.slice(0, 4))).toBe(takenYear + 5);
    await waitForRow(attemptId, (row) => row.latestSnapshotId === snapshot.id);
    const tooSoon = await http(`/api/proctoring/webcam/attempts/${attemptId}/snapshots`, { method: 'POST', cookie, headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpegBytes()) });
    expect(tooSoon.status).toBe(429);

    const image = await http(`/api/proctoring/webcam/snapshots/${snapshot.id}`, { cookie: proctorCookie });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(frame)).toBe(true);
    const candidateView = await http(`/api/proctoring/webcam/snapshots/${snapshot.id}`, { cookie });
    expect(candidateView.status).toBe(403);
    expect(joined.webcam.isEnabled).toBe(false);
  });
});
