/**
 * Fault injection: every candidate socket is dropped at once — by the server closing them
 * (`io.of('/exam').disconnectSockets()`, e.g. a deploy draining connections) and by cutting the TCP
 * connections under them (a network failure) — while answers are in flight, and once more right
 * after every candidate asked to submit. Clients reconnect and rejoin as the protocol says. Nothing
 * acknowledged is lost and nobody is submitted twice (R3, R10).
 */
import { randomBytes } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examNamespace } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { AttemptModel, type AttemptRecord } from '@skillcert/server/domain/attempts/attempt.model';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { startExamTestServer, type ExamTestServer } from '../realtime/exam-test-kit';
import { connectAll, drainOutboxes, findLostAnswers, startAnswering } from './fault-kit';
import { SimulatedCandidate } from './simulated-candidate';

const CANDIDATES = 150;

let database: TestDatabase;
let app: ExamTestServer | undefined;
let fixture: ExamFixture;
const candidates: SimulatedCandidate[] = [];
const sessionSecret = randomBytes(32).toString('hex');
const tcpConnections = new Set<NetSocket>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once every candidate has resumed (rejoined) more often than `before[index]` times. */
async function waitUntilAllResumed(all: readonly SimulatedCandidate[], before: readonly number[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (all.some((candidate, index) => candidate.resumed.length <= before[index])) {
    if (Date.now() > until) throw new Error(`${all.filter((candidate, index) => candidate.resumed.length <= before[index]).length} candidates did not rejoin within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Cuts every TCP connection of the HTTP server (no close frame, no goodbye). */
function cutAllConnections(): number {
  const count = tcpConnections.size;
  for (const connection of tcpConnections) connection.destroy();
  tcpConnections.clear();
  return count;
}

beforeAll(async () => {
  database = await startTestDatabase();
  app = await startExamTestServer({ database, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
  app.server.httpServer.on('connection', (connection: NetSocket) => {
    tcpConnections.add(connection);
    connection.once('close', () => tcpConnections.delete(connection));
  });
  fixture = await createExamFixture({ candidateCount: CANDIDATES });
  for (const candidate of fixture.candidates) {
    candidates.push(new SimulatedCandidate({ url: app.url, cookie: await fixture.createSessionCookie(candidate, sessionSecret) }));
  }
  await connectAll(candidates);
}, 180_000);

afterAll(async () => {
  for (const candidate of candidates) candidate.close();
  await app?.stop();
  await database?.stop();
});

describe('exam room when every socket drops at once', () => {
  it('R3 R10: loses no acknowledged answer when the server closes every socket and when the connections are cut mid-save', { timeout: 120_000 }, async () => {
    const stopAnswering = startAnswering(candidates, { tickMs: 100, perTick: 8 });
    const drops: string[] = [];
    try {
      await sleep(1_500);
      let resumedBefore = candidates.map((candidate) => candidate.resumed.length);
      const sockets = await app!.server.io.of(examNamespace).fetchSockets();
      app!.server.io.of(examNamespace).disconnectSockets(true);
      drops.push(`server closed ${sockets.length} sockets`);
      await waitUntilAllResumed(candidates, resumedBefore);
      await sleep(1_500);
      resumedBefore = candidates.map((candidate) => candidate.resumed.length);
      drops.push(`cut ${cutAllConnections()} TCP connections`);
      await waitUntilAllResumed(candidates, resumedBefore);
      await sleep(1_000);
    } finally {
      stopAnswering();
    }
    await drainOutboxes(candidates);

    expect(drops[0]).toBe(`server closed ${CANDIDATES} sockets`);
    expect(drops[1]).toMatch(/^cut \d+ TCP connections$/);
    expect(candidates.every((candidate) => candidate.resumed.length >= 3)).toBe(true);
    const { lost, acknowledged } = await findLostAnswers(candidates);
    expect(acknowledged).toBeGreaterThan(CANDIDATES / 2);
    expect(lost).toEqual([]);
  });

  it('R10: submits every attempt exactly once when the sockets drop right after the submits were sent', { timeout: 120_000 }, async () => {
    for (const candidate of candidates) void candidate.submit();
    await sleep(5);
    app!.server.io.of(examNamespace).disconnectSockets(true);

    const until = Date.now() + 60_000;
    while (candidates.some((candidate) => !candidate.isSubmitted)) {
      if (Date.now() > until) throw new Error(`${candidates.filter((candidate) => !candidate.isSubmitted).length} candidates never got a submit acknowledgement`);
      await sleep(1_000);
      for (const candidate of candidates) if (!candidate.isSubmitted) void candidate.submit();
    }

    const attemptIds = candidates.map((candidate) => candidate.state!.attemptId);
    const stored = await AttemptModel.find({ _id: { $in: attemptIds } }, { status: 1, submittedAt: 1, submitReason: 1 }).lean<AttemptRecord[]>();
    expect(stored).toHaveLength(CANDIDATES);
    expect(stored.filter((attempt) => attempt.status !== 'submitted' || attempt.submitReason !== 'candidate')).toEqual([]);
    const submittedAtById = new Map(stored.map((attempt) => [String(attempt._id), new Date(attempt.submittedAt!).getTime()]));

    // One submission per attempt in the audit chain, and every result a candidate saw is that one.
    // The audit entry is appended after the attempt is marked submitted (the chain serialises
    // appends), so wait for the appends of this burst to land before counting.
    const findAudits = () => AuditEntryModel.find({ action: 'attempt.submitted', 'target.id': { $in: attemptIds } }, { 'target.id': 1 }).lean<{ target: { id: string } }[]>();
    let audits = await findAudits();
    for (const until = Date.now() + 60_000; audits.length < CANDIDATES && Date.now() < until; audits = await findAudits()) await sleep(500);
    await sleep(1_000);
    audits = await findAudits();
    const auditsPerAttempt = new Map<string, number>();
    for (const audit of audits) auditsPerAttempt.set(audit.target.id, (auditsPerAttempt.get(audit.target.id) ?? 0) + 1);
    expect(attemptIds.filter((id) => auditsPerAttempt.get(id) !== 1)).toEqual([]);
    const mismatched = candidates.filter((candidate) =>
      candidate.submitResults.some((result) => result.submittedAt !== submittedAtById.get(candidate.state!.attemptId) || result.submitReason !== 'candidate'),
    );
    expect(mismatched.map((candidate) => candidate.state!.attemptId)).toEqual([]);

    const { lost } = await findLostAnswers(candidates);
    expect(lost).toEqual([]);
  });
});
