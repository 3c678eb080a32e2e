/**
 * Exam-room benchmark (issue 7). The server runs in this process; the load generator
 * (exam-room-load.ts) runs in a SEPARATE child process and the database in a third one (the
 * embedded store, or MONGODB_URI), so `process.cpuUsage()` here is the server's own cost.
 *
 * (a) answer-save round trip WITHOUT the database write vs a raw `ws` echo server, same run
 *     (p50 ratio target <= 3x);
 * (b) with the durable write: N simulated candidates (2 000 full, 200 quick) saving every 10 s:
 *     p99 acknowledgement, lost answers (acknowledged but not stored; must be 0), server CPU as a
 *     share of one core;
 * (c) saturation save throughput without the write vs raw ws echo messages per second (target
 *     >= 0.5x), plus the durable saturation throughput for information.
 * Loops are bounded in count and time; everything listens on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { calculateObjectSize } from 'bson';
import { Types } from 'mongoose';
import { WebSocketServer } from 'ws';
import { AttemptModel } from '@skillcert/server/domain/attempts/attempt.model';
import type { AnswerWriter } from '@skillcert/server/domain/attempts/save-answer';
import { createExamFixture } from '../helpers/exam-fixture';
import { startExamTestServer, type ExamTestServer } from '../realtime/exam-test-kit';
import { countLostAnswers, runLoadProcess, startBenchDatabase, type AckedAnswers } from './bench-kit';
import { goalRow, infoRow, ratioRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'exam-room';
/** No throttling while saturating (the bucket still runs on every message). */
const unlimited = { capacity: 1e12, refillPerSecond: 1e12 };
/** The path without the database: the guard is assumed to hold. */
const skipDatabaseWrite: AnswerWriter = async () => true;

interface Sizes {
  roundtrips: number;
  warmup: number;
  saturateMs: number;
  saturateConnections: number;
  window: number;
  candidates: number;
  loadMs: number;
}

const sizesByMode: Record<BenchMode, Sizes> = {
  quick: { roundtrips: 500, warmup: 100, saturateMs: 3_000, saturateConnections: 16, window: 8, candidates: 200, loadMs: 20_000 },
  full: { roundtrips: 3_000, warmup: 300, saturateMs: 10_000, saturateConnections: 32, window: 16, candidates: 2_000, loadMs: 60_000 },
  soak: { roundtrips: 10_000, warmup: 500, saturateMs: 30_000, saturateConnections: 32, window: 16, candidates: 2_000, loadMs: 600_000 },
};

/** A raw `ws` echo server: parses each JSON message and sends it back. */
async function startEchoServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    socket.on('message', (data) => socket.send(JSON.stringify(JSON.parse(data.toString()))));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/** Measures this process's CPU between the load generator's marks. */
function cpuMeter(): { onLoad: (mark: 'start' | 'end') => void; shareOfOneCore(): number } {
  let cpuStart: NodeJS.CpuUsage | null = null;
  let wallStart = 0;
  let share = Number.NaN;
  return {
    onLoad(mark) {
      if (mark === 'start') {
        cpuStart = process.cpuUsage();
        wallStart = performance.now();
      } else if (cpuStart) {
        const used = process.cpuUsage(cpuStart);
        share = (used.user + used.system) / 1000 / (performance.now() - wallStart);
      }
    },
    shareOfOneCore: () => share,
  };
}

async function runExamRoomBenchmark(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode];
  const sessionSecret = randomBytes(32).toString('hex');
  const rows: BenchRow[] = [];
  const store = await startBenchDatabase('bench');
  const echo = await startEchoServer();
  let server: ExamTestServer | null = null;
  try {
    server = await startExamTestServer({ database: store.database, sessionSecret, examRoom: { answerWriter: skipDatabaseWrite, rateLimit: unlimited, sweepIntervalMs: 60_000 } });
    const total = 1 + sizes.saturateConnections + sizes.candidates;
    const fixture = await createExamFixture({ candidateCount: total, durationMinutes: 600 });
    const cookies: string[] = [];
    for (const candidate of fixture.candidates) cookies.push(await fixture.createSessionCookie(candidate, sessionSecret));
    const saturationCookies = cookies.slice(1, 1 + sizes.saturateConnections);
    const loadCookies = cookies.slice(1 + sizes.saturateConnections);

    // (a) round trip without the write vs raw ws echo.
    const roundtrip = await runLoadProcess<{ socketIo: { p50Ms: number; p99Ms: number; errors: number }; echo: { p50Ms: number; p99Ms: number } }>({
      mode: 'roundtrip',
      socketUrl: server.url,
      cookie: cookies[0],
      echoUrl: echo.url,
      warmup: sizes.warmup,
      count: sizes.roundtrips,
    });
    rows.push(ratioRow(name, 'answer-save round trip p50, no DB write, vs raw ws echo', roundtrip.socketIo.p50Ms, 'ms', roundtrip.echo.p50Ms, { max: 3 }));
    rows.push(infoRow(name, 'answer-save round trip p99, no DB write', roundtrip.socketIo.p99Ms, 'ms'));
    rows.push(infoRow(name, 'raw ws echo round trip p99', roundtrip.echo.p99Ms, 'ms'));
    if (roundtrip.socketIo.errors > 0) rows.push(goalRow(name, 'round-trip errors', roundtrip.socketIo.errors, 'saves', { max: 0 }));

    // (c) saturation without the write vs raw ws echo.
    const saturation = await runLoadProcess<{ socketIoPerSecond: number; echoPerSecond: number; errors: number }>({
      mode: 'saturate',
      socketUrl: server.url,
      cookies: saturationCookies,
      echoUrl: echo.url,
      durationMs: sizes.saturateMs,
      window: sizes.window,
    });
    rows.push(
      ratioRow(name, `saturation saves/s, no DB write, ${sizes.saturateConnections} sockets, vs raw ws echo msgs/s`, saturation.socketIoPerSecond, 'msg/s', saturation.echoPerSecond, {
        min: 0.5,
      }),
    );
    await server.stop();
    server = null;

    // (b) N candidates saving every 10 s with the durable write (production rate limit).
    server = await startExamTestServer({ database: store.database, sessionSecret, examRoom: { sweepIntervalMs: 60_000 } });
    const meter = cpuMeter();
    const load = await runLoadProcess<{
      sent: number;
      acked: number;
      failures: Record<string, number>;
      p50Ms: number;
      p99Ms: number;
      wallMs: number;
      maxMs: number;
      slowestSeconds: [number, number][];
      highestAcked: AckedAnswers[];
    }>({ mode: 'candidates', socketUrl: server.url, cookies: loadCookies, durationMs: sizes.loadMs, intervalMs: 10_000, connectConcurrency: 50 }, { onLoad: meter.onLoad });
    const lost = await countLostAnswers(load.highestAcked);
    const sample = await AttemptModel.collection.findOne({ _id: new Types.ObjectId(load.highestAcked[0].attemptId) });
    rows.push(infoRow(name, 'attempt document size after the load', sample ? calculateObjectSize(sample) : Number.NaN, 'bytes'));
    const failed = Object.values(load.failures).reduce((sum, count) => sum + count, 0);
    rows.push(infoRow(name, `durable save ack p50, ${sizes.candidates} candidates every 10 s`, load.p50Ms, 'ms'));
    rows.push(goalRow(name, `durable save ack p99, ${sizes.candidates} candidates every 10 s`, load.p99Ms, 'ms', { max: 50 }));
    rows.push(
      infoRow(name, `durable save ack max (slowest seconds of the run: ${load.slowestSeconds.map(([second, ms]) => `t=${second}s ${ms.toFixed(0)} ms`).join(', ')})`, load.maxMs, 'ms'),
    );
    rows.push(goalRow(name, `lost answers (acknowledged, not stored) of ${load.acked}`, lost, 'answers', { max: 0 }));
    rows.push(goalRow(name, `failed saves of ${load.sent}${failed ? ` ${JSON.stringify(load.failures)}` : ''}`, failed, 'saves', { max: 0 }));
    rows.push(goalRow(name, 'server CPU during the candidate load (share of one core)', meter.shareOfOneCore(), 'cores', { max: 0.6 }));
    rows.push(infoRow(name, 'candidate load saves per second', load.acked / (load.wallMs / 1000), 'saves/s'));
    await server.stop();
    server = null;

    // (c, durable) saturation with the write, for information.
    server = await startExamTestServer({ database: store.database, sessionSecret, examRoom: { rateLimit: unlimited, sweepIntervalMs: 60_000 } });
    const durable = await runLoadProcess<{ socketIoPerSecond: number; errors: number }>({
      mode: 'saturate',
      socketUrl: server.url,
      cookies: saturationCookies,
      echoUrl: null,
      durationMs: sizes.saturateMs,
      window: sizes.window,
    });
    rows.push(infoRow(name, `saturation saves/s with the durable write, ${sizes.saturateConnections} sockets`, durable.socketIoPerSecond, 'msg/s'));
    if (durable.errors > 0) rows.push(infoRow(name, 'durable saturation refused or failed saves', durable.errors, 'saves'));
    return rows;
  } finally {
    await server?.stop().catch(() => undefined);
    await echo.stop();
    await store.stop();
  }
}

/** The exam-room benchmark (issue 7). */
export const examRoomBenchmark: Benchmark = { name, issue: 7, run: runExamRoomBenchmark };
