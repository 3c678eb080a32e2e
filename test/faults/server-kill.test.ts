/**
 * Fault injection: the SkillCert server process is SIGKILLed at random moments of a simulated exam
 * (candidates as real socket.io clients in this process, the server as a child process, the
 * database — the embedded store, or MONGODB_URI — outliving it) and restarted on the same port.
 * After every restart each candidate rejoins with its remaining time intact; at the end every
 * acknowledged answer is in the database (R3, R10: the acknowledgement follows the durable write).
 *
 * 200 candidates, answer changes at ~100/s in total, 10 kills. A kill comes 1-3 s after the
 * previous restart, so most land in the middle of the reconnection storm (joins, resends) rather
 * than waiting for every candidate to be back; every candidate resumes at least once after a crash.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectAll, countRefusals, drainOutboxes, findLostAnswers, startAnswering, waitUntilAllJoined } from './fault-kit';
import { superviseServer, type ServerSupervisor } from './server-supervisor';
import { SimulatedCandidate } from './simulated-candidate';

const CANDIDATES = 200;
const KILL_ROUNDS = 10;
const DURATION_MINUTES = 60;

let database: TestDatabase;
let supervisor: ServerSupervisor | undefined;
let fixture: ExamFixture;
const candidates: SimulatedCandidate[] = [];
const sessionSecret = randomBytes(32).toString('hex');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await startTestDatabase();
  await mongoose.connect(database.uri);
  fixture = await createExamFixture({ candidateCount: CANDIDATES, durationMinutes: DURATION_MINUTES });
  supervisor = await superviseServer({ databaseUri: database.uri, databaseKind: database.kind, sessionSecret });
  await supervisor.start();
  for (const candidate of fixture.candidates) {
    candidates.push(new SimulatedCandidate({ url: supervisor.url, cookie: await fixture.createSessionCookie(candidate, sessionSecret) }));
  }
  await connectAll(candidates);
}, 180_000);

afterAll(async () => {
  for (const candidate of candidates) candidate.close();
  await supervisor?.dispose();
  await mongoose.disconnect();
  await database?.stop();
});

describe('exam room under server crashes (SIGKILL)', () => {
  it(`R3 R10: keeps every acknowledged answer and every remaining time across ${KILL_ROUNDS} SIGKILLs of the server during a ${CANDIDATES}-candidate exam`, { timeout: 300_000 }, async () => {
    const deadlines = new Map(candidates.map((candidate) => [candidate, candidate.resumed[0].state.deadlineAt]));
    expect([...deadlines.values()].every((deadline) => typeof deadline === 'number')).toBe(true);
    const stopAnswering = startAnswering(candidates, { tickMs: 100, perTick: 10 });
    const acknowledgedPerRound: number[] = [];
    try {
      // Kill at a random moment 1-3 s after the server came up: often in the middle of the
      // reconnection storm of the previous crash, always with saves in flight.
      for (let round = 0; round < KILL_ROUNDS; round += 1) {
        const before = candidates.reduce((sum, candidate) => sum + candidate.acknowledged.size, 0);
        await sleep(1_000 + Math.random() * 2_000);
        await supervisor!.kill();
        acknowledgedPerRound.push(candidates.reduce((sum, candidate) => sum + candidate.acknowledged.size, 0) - before);
        await sleep(Math.random() * 500);
        await supervisor!.start();
      }
      await waitUntilAllJoined(candidates, 90_000);
    } finally {
      stopAnswering();
    }
    await drainOutboxes(candidates, 60_000);

    // The kills happened while answers were being acknowledged.
    expect(acknowledgedPerRound.filter((count) => count > 0).length).toBeGreaterThanOrEqual(KILL_ROUNDS / 2);

    const { lost, acknowledged } = await findLostAnswers(candidates);
    expect(acknowledged).toBeGreaterThan(CANDIDATES);
    expect(lost).toEqual([]);

    // Every resume (one per restart at least) shows the attempt running on its original deadline,
    // with the remaining time counted from the server clock: the crash neither reset nor paused it.
    const wrongTimers: string[] = [];
    for (const candidate of candidates) {
      expect(candidate.resumed.length).toBeGreaterThanOrEqual(2);
      for (const { state, receivedAt } of candidate.resumed) {
        const deadline = deadlines.get(candidate)!;
        const isRight =
          state.status === 'in_progress' &&
          state.deadlineAt === deadline &&
          state.durationMs === DURATION_MINUTES * 60_000 &&
          state.remainingMs === Math.max(0, deadline! - state.serverNow) &&
          Math.abs(state.serverNow - receivedAt) < 5_000;
        if (!isRight) wrongTimers.push(`${state.attemptId}: ${state.status} deadline ${state.deadlineAt} (was ${deadline}) remaining ${state.remainingMs} at ${state.serverNow}`);
      }
    }
    expect(wrongTimers).toEqual([]);
    // Refusals while the server was down are timeouts, never a wrong answer; nothing is rejected as invalid.
    expect(countRefusals(candidates)).not.toHaveProperty('validation_failed');
  });
});
