/**
 * Proctoring benchmark (issue 8, R10): one room of N candidates (200 in full mode) answering every
 * 10 s and one proctor dashboard receiving deltas at most once per second. The server runs in this
 * process with the exam room and `/proctor`; the candidates come from the exam-room load generator
 * (exam-room-load.ts) in a SEPARATE child process; the database runs in a third process (the
 * embedded store, or MONGODB_URI).
 *
 * Figures, all measured between the load generator's start and end marks:
 * - proctoring CPU as a share of one core: time spent in the namespace's synchronous work (feed
 *   from the domain events, rule evaluation, 1 Hz ticks, delta batching and emits), target <= 5%;
 *   compared with the whole server process's CPU in the same window;
 * - bytes per second to the proctor (socket.io payloads as received), deltas per second and the
 *   shortest gap between two deltas (server clock; must be >= 1 000 ms).
 */
import { randomBytes } from 'node:crypto';
import type { RoomSnapshot } from '@skillcert/proctoring/events';
import { proctorEvents, type RoomJoinResult } from '@skillcert/proctoring/protocol';
import { createExamFixture } from '../helpers/exam-fixture';
import { connectProctor, createStaffCookie, startProctorTestServer, type ProctorTestServer } from '../realtime/proctor-test-kit';
import { runLoadProcess, startBenchDatabase } from './bench-kit';
import { comparisonRow, goalRow, infoRow, type BenchMode, type BenchRow, type Benchmark } from './harness';

const name = 'proctoring';

const sizesByMode: Record<BenchMode, { candidates: number; loadMs: number }> = {
  quick: { candidates: 40, loadMs: 12_000 },
  full: { candidates: 200, loadMs: 60_000 },
  soak: { candidates: 200, loadMs: 300_000 },
};

async function runProctoringBenchmark(mode: BenchMode): Promise<BenchRow[]> {
  const sizes = sizesByMode[mode];
  const sessionSecret = randomBytes(32).toString('hex');
  const store = await startBenchDatabase('bench_proctoring');
  let server: ProctorTestServer | null = null;
  try {
    server = await startProctorTestServer({ database: store.database, sessionSecret });
    const fixture = await createExamFixture({ candidateCount: sizes.candidates, durationMinutes: 600 });
    const cookies: string[] = [];
    for (const candidate of fixture.candidates) cookies.push(await fixture.createSessionCookie(candidate, sessionSecret));

    const proctor = await connectProctor(server.url, await createStaffCookie(fixture.proctor, fixture.organisationId, sessionSecret));
    const joined = await proctor.call<RoomJoinResult>(proctorEvents.join, { batchId: fixture.batchId, roomId: fixture.roomId });
    let isMeasuring = false;
    let bytes = 0;
    proctor.socket.io.engine.on('packet', (packet: { data?: unknown }) => {
      if (isMeasuring && typeof packet.data === 'string') bytes += Buffer.byteLength(packet.data);
    });
    const deltas: RoomSnapshot[] = [];
    proctor.socket.on(proctorEvents.snapshot, (snapshot: RoomSnapshot) => {
      if (isMeasuring) deltas.push(snapshot);
    });

    const stats = server.proctoring.namespace;
    let busyAtStart = 0;
    let feedAtStart = 0;
    let cpuAtStart: NodeJS.CpuUsage | null = null;
    let wallAtStart = 0;
    let window = { busyMs: 0, feedItems: 0, cpuMs: 0, wallMs: 0 };
    const onLoad = (mark: 'start' | 'end') => {
      if (mark === 'start') {
        isMeasuring = true;
        busyAtStart = stats.getStats().busyMs;
        feedAtStart = stats.getStats().feedItems;
        cpuAtStart = process.cpuUsage();
        wallAtStart = performance.now();
        return;
      }
      isMeasuring = false;
      const used = process.cpuUsage(cpuAtStart ?? undefined);
      const current = stats.getStats();
      window = {
        busyMs: current.busyMs - busyAtStart,
        feedItems: current.feedItems - feedAtStart,
        cpuMs: (used.user + used.system) / 1000,
        wallMs: performance.now() - wallAtStart,
      };
    };
    const load = await runLoadProcess<{ sent: number; acked: number; failures: Record<string, number>; wallMs: number }>(
      { mode: 'candidates', socketUrl: server.url, cookies, durationMs: sizes.loadMs, intervalMs: 10_000, connectConcurrency: 20 },
      { onLoad, timeoutMs: 20 * 60_000 },
    );
    proctor.close();

    const seconds = window.wallMs / 1000;
    const share = window.busyMs / window.wallMs;
    const gaps = deltas.slice(1).map((delta, index) => delta.at - deltas[index].at);
    const rows: BenchRow[] = [];
    rows.push(goalRow(name, `proctoring CPU, ${sizes.candidates} candidates answering every 10 s + dashboard (share of one core)`, share, 'cores', { max: 0.05 }));
    rows.push(comparisonRow(name, 'proctoring CPU vs the whole server process CPU in the same window', window.busyMs, 'ms', window.cpuMs));
    rows.push(infoRow(name, 'server process CPU during the load (share of one core)', window.cpuMs / window.wallMs, 'cores'));
    rows.push(infoRow(name, `bytes per second to the proctor (${sizes.candidates}-candidate room)`, bytes / seconds, 'B/s'));
    rows.push(infoRow(name, 'deltas per second to the proctor', deltas.length / seconds, 'deltas/s'));
    rows.push(goalRow(name, 'shortest gap between two deltas (server clock)', gaps.length > 0 ? Math.min(...gaps) : 1000, 'ms', { min: 1000 }));
    rows.push(infoRow(name, 'mean rows per delta', deltas.length > 0 ? deltas.reduce((sum, delta) => sum + delta.rows.length, 0) / deltas.length : 0, 'rows'));
    rows.push(infoRow(name, `full snapshot on join (${joined.snapshot.rows.length} rows)`, Buffer.byteLength(JSON.stringify(joined.snapshot)), 'bytes'));
    rows.push(infoRow(name, 'feed items per second (domain events turned into dashboard updates)', window.feedItems / seconds, 'items/s'));
    const failed = Object.values(load.failures).reduce((sum, count) => sum + count, 0);
    rows.push(goalRow(name, `failed answer saves of ${load.sent}`, failed, 'saves', { max: 0 }));
    return rows;
  } finally {
    await server?.stop().catch(() => undefined);
    await store.stop();
  }
}

/** The proctoring benchmark (issue 8). */
export const proctoringBenchmark: Benchmark = { name, issue: 8, run: runProctoringBenchmark };
