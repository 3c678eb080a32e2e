/**
 * Load generator of the exam-room benchmark, run as a SEPARATE child process (with an IPC channel)
 * so the server process's CPU figure holds only the server. Receives one job from the parent and
 * answers `{ type: 'result', ... }`; `{ type: 'load-start' | 'load-end' }` bracket the measured load.
 * Every loop is bounded in count and time; connections go to 127.0.0.1 only.
 *
 * Jobs:
 * - `roundtrip`: sequential answer saves over socket.io vs sequential messages to a raw `ws` echo.
 * - `saturate`: pipelined saves over many connections vs the same against the echo; messages/s.
 * - `candidates`: N candidates each saving every `intervalMs`; ack latencies and highest acked seq.
 */
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

interface FormItem {
  slot: number;
  type: 'single' | 'multiple' | 'judge';
  options: string[];
}

interface JoinedCandidate {
  socket: Socket;
  attemptId: string;
  items: FormItem[];
  seq: number;
}

type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** A job from the parent. */
export type LoadJob =
  | { mode: 'roundtrip'; socketUrl: string; cookie: string; echoUrl: string; warmup: number; count: number }
  | { mode: 'saturate'; socketUrl: string; cookies: string[]; echoUrl: string | null; durationMs: number; window: number }
  | { mode: 'candidates'; socketUrl: string; cookies: string[]; durationMs: number; intervalMs: number; connectConcurrency: number };

const send = (message: unknown) => process.send?.(message);

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function request(socket: Socket, event: string, payload: unknown, timeoutMs = 60_000): Promise<Ack> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, ack: Ack) => {
      resolve(error ? { ok: false, error: { code: 'timeout', message: error.message } } : ack);
    });
  });
}

async function joinCandidate(socketUrl: string, cookie: string): Promise<JoinedCandidate> {
  const socket = connectSocket(`${socketUrl}/exam`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 60_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const joined = await request(socket, 'attempt:join', {});
  if (!joined.ok) throw new Error(`join failed: ${joined.error.message}`);
  const started = await request(socket, 'attempt:start', {});
  if (!started.ok) throw new Error(`start failed: ${started.error.message}`);
  const state = started.data as { attemptId: string; form: { items: FormItem[] }; lastSeq: number };
  return { socket, attemptId: state.attemptId, items: state.form.items, seq: state.lastSeq };
}

function nextSave(candidate: JoinedCandidate): { slot: number; response: number[]; seq: number } {
  candidate.seq += 1;
  const item = candidate.items[candidate.seq % candidate.items.length];
  const response = item.type === 'multiple' ? [0, (candidate.seq % (item.options.length - 1)) + 1] : [candidate.seq % item.options.length];
  return { slot: item.slot, response, seq: candidate.seq };
}

async function openEcho(echoUrl: string): Promise<WebSocket> {
  const ws = new WebSocket(echoUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

async function runRoundtrip(job: Extract<LoadJob, { mode: 'roundtrip' }>) {
  const candidate = await joinCandidate(job.socketUrl, job.cookie);
  const socketTimes: number[] = [];
  let errors = 0;
  for (let index = 0; index < job.warmup + job.count; index += 1) {
    const started = performance.now();
    const ack = await request(candidate.socket, 'attempt:answer', nextSave(candidate));
    if (!ack.ok) errors += 1;
    if (index >= job.warmup) socketTimes.push(performance.now() - started);
  }
  candidate.socket.close();

  const ws = await openEcho(job.echoUrl);
  const echoTimes: number[] = [];
  let pending: ((data: WebSocket.RawData) => void) | null = null;
  ws.on('message', (data) => pending?.(data));
  let seq = 0;
  for (let index = 0; index < job.warmup + job.count; index += 1) {
    seq += 1;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      pending = (data) => {
        JSON.parse(data.toString());
        resolve();
      };
      ws.send(JSON.stringify({ event: 'attempt:answer', slot: (seq % 18) + 1, response: [seq % 4], seq }));
    });
    if (index >= job.warmup) echoTimes.push(performance.now() - started);
  }
  ws.close();
  socketTimes.sort((a, b) => a - b);
  echoTimes.sort((a, b) => a - b);
  return {
    socketIo: { p50Ms: percentile(socketTimes, 0.5), p99Ms: percentile(socketTimes, 0.99), count: socketTimes.length, errors },
    echo: { p50Ms: percentile(echoTimes, 0.5), p99Ms: percentile(echoTimes, 0.99), count: echoTimes.length },
  };
}

async function saturateSocketIo(candidates: JoinedCandidate[], durationMs: number, window: number): Promise<{ perSecond: number; errors: number }> {
  let acked = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    candidates.map(
      (candidate) =>
        new Promise<void>((resolve) => {
          let inFlight = 0;
          const pump = () => {
            while (inFlight < window && performance.now() < until) {
              inFlight += 1;
              candidate.socket.timeout(60_000).emit('attempt:answer', nextSave(candidate), (error: Error | null, ack: Ack) => {
                inFlight -= 1;
                if (error || !ack.ok) errors += 1;
                else if (performance.now() <= until) acked += 1;
                if (performance.now() < until) pump();
                else if (inFlight === 0) resolve();
              });
            }
            if (inFlight === 0) resolve();
          };
          pump();
        }),
    ),
  );
  return { perSecond: acked / (durationMs / 1000), errors };
}

async function saturateEcho(echoUrl: string, connections: number, durationMs: number, window: number): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: connections }, () => openEcho(echoUrl)));
  let received = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    sockets.map(
      (ws, connection) =>
        new Promise<void>((resolve) => {
          let inFlight = 0;
          let seq = 0;
          const sendOne = () => {
            seq += 1;
            inFlight += 1;
            ws.send(JSON.stringify({ event: 'attempt:answer', slot: (seq % 18) + 1, response: [seq % 4], seq, connection }));
          };
          ws.on('message', (data) => {
            JSON.parse(data.toString());
            inFlight -= 1;
            if (performance.now() <= until) received += 1;
            if (performance.now() < until) sendOne();
            else if (inFlight === 0) resolve();
          });
          for (let index = 0; index < window; index += 1) sendOne();
        }),
    ),
  );
  for (const ws of sockets) ws.close();
  return received / (durationMs / 1000);
}

async function connectAll(socketUrl: string, cookies: readonly string[], concurrency: number): Promise<JoinedCandidate[]> {
  const joined: JoinedCandidate[] = new Array(cookies.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, cookies.length) }, async () => {
      while (next < cookies.length) {
        const index = next;
        next += 1;
        joined[index] = await joinCandidate(socketUrl, cookies[index]);
      }
    }),
  );
  return joined;
}

async function runSaturate(job: Extract<LoadJob, { mode: 'saturate' }>) {
  const candidates = await connectAll(job.socketUrl, job.cookies, 16);
  send({ type: 'load-start' });
  const socketIo = await saturateSocketIo(candidates, job.durationMs, job.window);
  send({ type: 'load-end' });
  for (const candidate of candidates) candidate.socket.close();
  const echoPerSecond = job.echoUrl ? await saturateEcho(job.echoUrl, job.cookies.length, job.durationMs, job.window) : null;
  return { socketIoPerSecond: socketIo.perSecond, errors: socketIo.errors, echoPerSecond };
}

async function runCandidates(job: Extract<LoadJob, { mode: 'candidates' }>) {
  const candidates = await connectAll(job.socketUrl, job.cookies, job.connectConcurrency);
  const latencies: number[] = [];
  /** Slowest acknowledgement per second of the run (diagnostics of stalls). */
  const slowestBySecond = new Map<number, number>();
  const failures = new Map<string, number>();
  const highest = candidates.map(() => new Map<number, number>());
  let sent = 0;
  send({ type: 'load-start' });
  const started = performance.now();
  const until = started + job.durationMs;
  const outstanding: Promise<void>[] = [];
  await Promise.all(
    candidates.map(async (candidate, index) => {
      // Stagger the first save uniformly over one interval, then save every interval.
      let due = started + (index / candidates.length) * job.intervalMs;
      while (due < until) {
        const waitMs = due - performance.now();
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        const save = nextSave(candidate);
        sent += 1;
        const sentAt = performance.now();
        outstanding.push(
          request(candidate.socket, 'attempt:answer', save).then((ack) => {
            if (ack.ok) {
              const latencyMs = performance.now() - sentAt;
              latencies.push(latencyMs);
              const second = Math.floor((sentAt - started) / 1000);
              slowestBySecond.set(second, Math.max(slowestBySecond.get(second) ?? 0, latencyMs));
              highest[index].set(save.slot, Math.max(highest[index].get(save.slot) ?? 0, save.seq));
            } else failures.set(ack.error.code, (failures.get(ack.error.code) ?? 0) + 1);
          }),
        );
        due += job.intervalMs;
      }
    }),
  );
  await Promise.all(outstanding);
  const wallMs = performance.now() - started;
  send({ type: 'load-end' });
  for (const candidate of candidates) candidate.socket.close();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    acked: latencies.length,
    failures: Object.fromEntries(failures),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    wallMs,
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    slowestSeconds: [...slowestBySecond.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5),
    highestAcked: candidates.map((candidate, index) => ({ attemptId: candidate.attemptId, slots: [...highest[index].entries()] })),
  };
}

process.once('message', (job: LoadJob) => {
  const run = job.mode === 'roundtrip' ? runRoundtrip(job) : job.mode === 'saturate' ? runSaturate(job) : runCandidates(job);
  run.then(
    // Disconnect only once the message is written: a large result (the soak's 2,000 candidates ×
    // 90 slots) is still in flight when send() returns, and disconnecting then loses it.
    (result) => {
      process.send?.({ type: 'result', result }, () => process.disconnect?.());
    },
    (error: unknown) => {
      process.send?.({ type: 'error', message: (error as Error).stack ?? String(error) }, () => process.disconnect?.());
    },
  );
});
