/**
 * Test kit of the exam-room suites: starts the real server (in-process, 127.0.0.1, port 0) on a
 * given database with the exam room attached, so a suite can stop it and start it again on the same
 * database (restart) or run it next to another process (scale-out); and a socket.io client with
 * acknowledgement helpers and a recorder of every message the candidate receives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { completeConfig, loadConfig, type Config } from '@skillcert/server/config';
import { examNamespace, type Ack } from '@skillcert/server/contracts/exam-room';
import type { TestDatabase } from '@skillcert/server/db/test-database';
import { startServer, type RunningServer } from '@skillcert/server/main';
import { attachExamRoom, type ExamRoomHandle, type ExamRoomOptions } from '@skillcert/server/realtime/attach-realtime';

/** A running in-process server with its exam room. */
export interface ExamTestServer {
  server: RunningServer;
  url: string;
  config: Config;
  examRoom: ExamRoomHandle;
  /** Stops the server (not the database). */
  stop(): Promise<void>;
}

/**
 * Starts SkillCert on `database` with the exam room attached.
 * @param options.sessionSecret keep it across restarts and processes so cookies stay valid.
 */
export async function startExamTestServer(options: {
  database: Pick<TestDatabase, 'kind' | 'uri'>;
  sessionSecret: string;
  env?: Record<string, string>;
  examRoom?: ExamRoomOptions;
}): Promise<ExamTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-exam-'));
  const config = await completeConfig(
    loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      SESSION_SECRET: options.sessionSecret,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      PATH: process.env.PATH,
      ...options.env,
    }),
  );
  let examRoom: ExamRoomHandle | undefined;
  const server = await startServer({
    config,
    database: { kind: options.database.kind, uri: options.database.uri },
    realtimeModules: [
      async (io, context) => {
        examRoom = await attachExamRoom(io, context, options.examRoom);
      },
    ],
  });
  return {
    server,
    url: server.url,
    config,
    examRoom: examRoom!,
    async stop() {
      await server.stop(500);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every message a candidate socket received: server events and acknowledgements. */
export interface ReceivedMessage {
  kind: 'event' | 'ack';
  name: string;
  payload: unknown;
}

/** A candidate's socket with helpers. */
export interface CandidateClient {
  socket: Socket;
  /** Everything received, in order. */
  received: ReceivedMessage[];
  /** Emits `event` with `payload` and resolves with the acknowledgement (rejects after `timeoutMs`). */
  request<Data = unknown>(event: string, payload?: unknown, timeoutMs?: number): Promise<Ack<Data>>;
  /** Like `request` but throws unless the acknowledgement is ok; returns its data. */
  call<Data = unknown>(event: string, payload?: unknown): Promise<Data>;
  /** Resolves with the next server event `name` (rejects after `timeoutMs`). */
  next<Payload = unknown>(name: string, timeoutMs?: number): Promise<Payload>;
  close(): void;
}

/**
 * Connects to `/exam` over websocket with the session cookie and waits for the connection.
 * @throws Error with the server's error JSON when the handshake is refused.
 */
export async function connectCandidate(url: string, cookie: string | null, options: { timeoutMs?: number } = {}): Promise<CandidateClient> {
  const socket = connectSocket(`${url}${examNamespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
  const received: ReceivedMessage[] = [];
  socket.onAny((name: string, payload: unknown) => received.push({ kind: 'event', name, payload }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), options.timeoutMs ?? 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      clearTimeout(timer);
      socket.close();
      reject(Object.assign(new Error(`connect_error: ${error.message}`), { data: error.data }));
    });
  });
  const request = <Data>(event: string, payload: unknown = {}, timeoutMs = 15_000): Promise<Ack<Data>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${event} within ${timeoutMs} ms`)), timeoutMs);
      socket.emit(event, payload, (ack: Ack<Data>) => {
        clearTimeout(timer);
        received.push({ kind: 'ack', name: event, payload: ack });
        resolve(ack);
      });
    });
  return {
    socket,
    received,
    request,
    async call<Data>(event: string, payload: unknown = {}) {
      const ack = await request<Data>(event, payload);
      if (!ack.ok) throw Object.assign(new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`), { error: ack.error });
      return ack.data;
    },
    next<Payload>(name: string, timeoutMs = 10_000) {
      return new Promise<Payload>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(name, listener);
          reject(new Error(`no ${name} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: Payload) => {
          clearTimeout(timer);
          resolve(payload);
        };
        socket.once(name, listener);
      });
    },
    close() {
      socket.close();
    },
  };
}
