/**
 * Fault injection: the database goes away for 5 s in the middle of an exam. The embedded store runs
 * as its own process; it is killed (SIGKILL, a crash) and started again on the same data directory
 * and port while the SkillCert server keeps running. Saves during the outage are refused with a
 * clear error — never acknowledged — and the clients retry them; nothing acknowledged is lost and
 * the server serves saves again without a restart (R3, R10).
 *
 * Embedded store only: with MONGODB_URI there is no database process to stop, so the suite skips.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { startExamTestServer, type ExamTestServer } from '../realtime/exam-test-kit';
import { connectAll, drainOutboxes, findLostAnswers, startAnswering } from './fault-kit';
import { SimulatedCandidate, type SaveOutcome } from './simulated-candidate';
import { startStoreProcess, type StoreProcess } from './store-process';

const CANDIDATES = 100;
const OUTAGE_MS = 5_000;
const isEmbedded = !process.env.MONGODB_URI;

let store: StoreProcess | undefined;
let app: ExamTestServer | undefined;
let fixture: ExamFixture;
const candidates: SimulatedCandidate[] = [];
const sessionSecret = randomBytes(32).toString('hex');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  if (!isEmbedded) return;
  store = await startStoreProcess({ database: 'outage' });
  app = await startExamTestServer({ database: { kind: 'embedded', uri: store.uri }, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
  fixture = await createExamFixture({ candidateCount: CANDIDATES });
  for (const candidate of fixture.candidates) {
    candidates.push(new SimulatedCandidate({ url: app.url, cookie: await fixture.createSessionCookie(candidate, sessionSecret), ackTimeoutMs: 15_000 }));
  }
  await connectAll(candidates);
}, 180_000);

afterAll(async () => {
  for (const candidate of candidates) candidate.close();
  await app?.stop();
  await store?.dispose();
});

/** The outage, run once by the first case; the cases assert on what the clients saw. */
let outage: { downAt: number; upAt: number; saves: SaveOutcome[] } | undefined;

async function runOutage(): Promise<NonNullable<typeof outage>> {
  if (outage) return outage;
  const stopAnswering = startAnswering(candidates, { tickMs: 100, perTick: 5 });
  let downAt = 0;
  let upAt = 0;
  try {
    await sleep(2_000);
    await store!.stop('SIGKILL');
    downAt = Date.now();
    await sleep(OUTAGE_MS);
    upAt = Date.now();
    await store!.start();
    await sleep(3_000);
  } finally {
    stopAnswering();
  }
  await drainOutboxes(candidates, 60_000);
  outage = { downAt, upAt, saves: candidates.flatMap((candidate) => candidate.saves) };
  return outage;
}

describe.skipIf(!isEmbedded)('exam room when the database goes away for 5 s', () => {
  it('R3 R10: loses no acknowledged answer and acknowledges saves again without a server restart', { timeout: 120_000 }, async () => {
    const { upAt, saves } = await runOutage();

    const afterRecovery = saves.filter((save) => save.sentAt > upAt + 1_000);
    expect(afterRecovery.some((save) => save.outcome === 'ok')).toBe(true);
    const { lost, acknowledged } = await findLostAnswers(candidates);
    expect(acknowledged).toBeGreaterThan(CANDIDATES / 2);
    expect(lost).toEqual([]);
  });

  it('R10: never acknowledges a save while the database is down', { timeout: 120_000 }, async () => {
    const { downAt, upAt, saves } = await runOutage();

    const answeredWhileDown = saves.filter((save) => save.sentAt > downAt && save.receivedAt < upAt);
    expect(answeredWhileDown.filter((save) => save.outcome === 'ok')).toEqual([]);
  });

  it('R10: refuses every save sent while the database is down with database_unavailable (not internal, not held until it is back)', { timeout: 120_000 }, async () => {
    const { downAt, upAt, saves } = await runOutage();

    const sentWhileDown = saves.filter((save) => save.sentAt > downAt + 100 && save.sentAt < upAt - 100);
    expect(sentWhileDown.length).toBeGreaterThan(0);
    const outcomes = sentWhileDown.map((save) => `${save.outcome}${save.receivedAt < upAt ? '' : ' (answered after the database was back)'}`);
    expect([...new Set(outcomes)]).toEqual(['database_unavailable']);
    expect(sentWhileDown[0].message).toMatch(/database/i);
  });
});
