/**
 * Test kit of the exam-room suites: starts the real server (in-process, 127.0.0.1, port 0) on a
 * given database with the exam room attached, so a suite can stop it and start it again on the same
 * database (restart) or run it next to another process (scale-out); and a socket.io client with
 * acknowledgement helpers and a recorder of every message the candidate receives. Built on
 * realtime-test-kit.ts.
 */
import type { Socket } from 'socket.io-client';
import { examNamespace, type Ack } from '@skillcert/server/contracts/exam-room';
import type { TestDatabase } from '@skillcert/server/db/test-database';
import type { RealtimeModule } from '@skillcert/server/main';
import { attachExamRoom, type ExamRoomHandle, type ExamRoomOptions } from '@skillcert/server/realtime/attach-realtime';
import { acknowledgementHelpers, connectTestSocket, startRealtimeTestServer, type RealtimeTestServer } from './realtime-test-kit';

/** A running in-process server with its exam room. */
export interface ExamTestServer extends RealtimeTestServer {
  examRoom: ExamRoomHandle;
}

/**
 * Starts SkillCert on `database` with the exam room attached, then `realtimeModules` (e.g. the
 * proctoring room) in order.
 * @param options.sessionSecret keep it across restarts and processes so cookies stay valid.
 */
export async function startExamTestServer(options: {
  database: Pick<TestDatabase, 'kind' | 'uri'>;
  sessionSecret: string;
  env?: Record<string, string>;
  examRoom?: ExamRoomOptions;
  realtimeModules?: readonly RealtimeModule[];
  /** Prefix of the temporary DATA_DIR (default `skillcert-exam-`). */
  dataDirPrefix?: string;
}): Promise<ExamTestServer> {
  let examRoom: ExamRoomHandle | undefined;
  const running = await startRealtimeTestServer({
    database: options.database,
    sessionSecret: options.sessionSecret,
    env: options.env,
    dataDirPrefix: options.dataDirPrefix ?? 'skillcert-exam-',
    realtimeModules: [
      async (io, context) => {
        examRoom = await attachExamRoom(io, context, options.examRoom);
      },
      ...(options.realtimeModules ?? []),
    ],
  });
  return { ...running, examRoom: examRoom! };
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
  const received: ReceivedMessage[] = [];
  const socket = await connectTestSocket(url, examNamespace, cookie, {
    timeoutMs: options.timeoutMs,
    onEvent: (name, payload) => received.push({ kind: 'event', name, payload }),
  });
  const { request, call } = acknowledgementHelpers(socket, (event, ack) => received.push({ kind: 'ack', name: event, payload: ack }));
  return {
    socket,
    received,
    request,
    call,
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
