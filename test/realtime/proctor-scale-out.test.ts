/**
 * Proctoring across two server processes with the socket.io Redis adapter (issue 8, R10): this
 * process runs the server in-process; the other is the real entry point `server/src/main.ts` in a
 * child process (same database, same Redis). A candidate on the other process shows up in the
 * dashboard of a proctor on this one (online, progress), its incidents reach the proctor and are
 * stored once although both processes evaluate the rules, and the proctor's warning reaches the
 * candidate. Skipped (with the reason) when Debian's redis-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proctorActionEventName, type RoomSnapshot } from '@skillcert/proctoring/events';
import { proctorEvents, type IncidentView, type RoomJoinResult } from '@skillcert/proctoring/protocol';
import { examEvents, type AttemptJoinResult, type AttemptState, type AttemptWarning } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { IncidentModel } from '@skillcert/server/domain/proctoring/incident.model';
import { updateProctoringSettings } from '@skillcert/server/domain/proctoring/proctoring-settings';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, type CandidateClient } from './exam-test-kit';
import { connectProctor, createStaffCookie, startProctorTestServer, type ProctorClient, type ProctorTestServer } from './proctor-test-kit';
import { isRedisInstalled, startTestRedis, type TestRedis } from './redis-server';

const hasRedis = isRedisInstalled();
const mainScript = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

/** Starts `server/src/main.ts` as a child process and waits for its "listening on" line. */
async function startMainProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-proctor-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript], {
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SKIP_DEMO_SEED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`main.ts did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`main.ts exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => void rm(dataDir, { recursive: true, force: true }).finally(resolve);
        if (child.exitCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

describe.skipIf(!hasRedis)('proctoring on two server processes with the Redis adapter (skipped: redis-server is not installed)', () => {
  let database: TestDatabase;
  let redis: TestRedis | null;
  let local: ProctorTestServer;
  let remote: Awaited<ReturnType<typeof startMainProcess>>;
  let fixture: ExamFixture;
  const sessionSecret = randomBytes(32).toString('hex');
  const clients: Array<CandidateClient | ProctorClient> = [];

  beforeAll(async () => {
    database = await startTestDatabase();
    redis = await startTestRedis();
    local = await startProctorTestServer({ database, sessionSecret, env: { REDIS_URL: redis!.url }, proctoring: { tickIntervalMs: 200 } });
    remote = await startMainProcess({ MONGODB_URI: database.uri, SESSION_SECRET: sessionSecret, REDIS_URL: redis!.url });
    fixture = await createExamFixture({ candidateCount: 3 });
    await updateProctoringSettings({ actor: { ...fixture.examAdmin.actor, roles: ['admin'] }, request: { incidentThresholds: { focusLostThresholdMs: 1000 } } });
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await remote?.stop();
    await local?.stop();
    await redis?.stop();
    await database?.stop();
  });

  it('R10: a proctor here sees a candidate of the other process, receives its incidents once, and warns it', async () => {
    const proctor = await connectProctor(local.url, await createStaffCookie(fixture.proctor, fixture.organisationId, sessionSecret));
    clients.push(proctor);
    const joined = await proctor.call<RoomJoinResult>(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
    expect(joined.snapshot.rows).toHaveLength(3);

    const candidate = await connectCandidate(remote.url, await fixture.createSessionCookie(fixture.candidates[0], sessionSecret));
    clients.push(candidate);
    await candidate.call<AttemptJoinResult>(examEvents.join);
    const state = await candidate.call<AttemptState>(examEvents.start);
    await candidate.call(examEvents.answer, { slot: 1, response: state.form.items[0].type === 'multiple' ? [0, 1] : [0], seq: 1 });
    await proctor.waitFor<RoomSnapshot>(proctorEvents.snapshot, (snapshot) =>
      snapshot.rows.some((row) => row.attemptId === state.attemptId && row.isOnline && row.status === 'in_progress' && row.answeredCount === 1),
    );

    const copy = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId && view.rule === 'copy_paste_attempt');
    await candidate.call(examEvents.telemetry, { type: 'copy', at: Date.now() });
    const focusLost = proctor.waitFor<IncidentView>(proctorEvents.incident, (view) => view.attemptId === state.attemptId && view.rule === 'focus_lost_too_long');
    await candidate.call(examEvents.telemetry, { type: 'visibility_hidden', at: Date.now() });
    const [copyView, focusView] = await Promise.all([copy, focusLost]);
    // Both processes evaluated the rules; the deterministic keys keep one stored incident each.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await IncidentModel.countDocuments({ attemptId: new Types.ObjectId(state.attemptId) })).toBe(2);
    expect(await IncidentModel.countDocuments({ key: { $in: [copyView.id, focusView.id] } })).toBe(2);
    expect(proctor.received.filter((message) => message.name === proctorEvents.incident && (message.payload as IncidentView).id === copyView.id)).toHaveLength(1);

    const warning = candidate.next<AttemptWarning>(examEvents.warning);
    await proctor.call(proctorActionEventName('warn'), { attemptId: state.attemptId, reason: '跨进程提醒', message: '请回到考试页面' });
    expect(await warning).toMatchObject({ attemptId: state.attemptId, message: '请回到考试页面' });
  }, 60_000);

  it('R10: a proctor joining on the other process rebuilds the room from the database with the candidate online', async () => {
    const proctor = await connectProctor(remote.url, await createStaffCookie(fixture.proctor, fixture.organisationId, sessionSecret));
    clients.push(proctor);
    const candidate = await connectCandidate(local.url, await fixture.createSessionCookie(fixture.candidates[1], sessionSecret));
    clients.push(candidate);
    await candidate.call<AttemptJoinResult>(examEvents.join);
    const state = await candidate.call<AttemptState>(examEvents.start);
    const joined = await proctor.call<RoomJoinResult>(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
    expect(joined.snapshot.rows.find((row) => row.attemptId === state.attemptId)).toMatchObject({ isOnline: true, status: 'in_progress' });
    expect(joined.incidents.map((incident) => incident.rule)).toEqual(expect.arrayContaining(['copy_paste_attempt', 'focus_lost_too_long']));
  }, 60_000);
});
