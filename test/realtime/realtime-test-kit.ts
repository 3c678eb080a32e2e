/**
 * The shared base of the realtime test kits (exam-test-kit.ts, proctor-test-kit.ts) and of the
 * server child process (exam-server-process.ts): the test configuration of a SkillCert server
 * (127.0.0.1, port 0, a temporary DATA_DIR), an in-process server with the given realtime modules,
 * and a socket.io client that connects to one namespace with a session cookie and asks for
 * acknowledgements (`{ ok: true, data } | { ok: false, error }`, house rule 3).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { completeConfig, loadConfig, type Config } from '@skillcert/server/config';
import type { TestDatabase } from '@skillcert/server/db/test-database';
import { startServer, type RealtimeModule, type RunningServer } from '@skillcert/server/main';

/**
 * The configuration of a test server: NODE_ENV test, 127.0.0.1, port 0 (the OS picks one).
 * @param options.dataDir the server's DATA_DIR (the caller creates and removes it).
 * @param options.sessionSecret keep it across restarts and processes so cookies stay valid.
 * @param options.logLevel LOG_LEVEL; default `process.env.LOG_LEVEL`, else `silent`.
 * @param options.env further configuration variables (e.g. `REDIS_URL`), applied last.
 * @throws the config module's error when a variable is invalid.
 */
export async function testServerConfig(options: {
  dataDir: string;
  sessionSecret: string;
  logLevel?: string;
  env?: Record<string, string>;
}): Promise<Config> {
  return completeConfig(
    loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      SESSION_SECRET: options.sessionSecret,
      LOG_LEVEL: options.logLevel ?? process.env.LOG_LEVEL ?? 'silent',
      PATH: process.env.PATH,
      ...options.env,
    }),
  );
}

/** A running in-process test server. */
export interface RealtimeTestServer {
  server: RunningServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  config: Config;
  /** Stops the server (not the database) and removes its temporary DATA_DIR. */
  stop(): Promise<void>;
}

/**
 * Starts SkillCert on `database` (an already running test database) with `realtimeModules`
 * attached in order, in a fresh temporary DATA_DIR named `<dataDirPrefix>XXXXXX`.
 */
export async function startRealtimeTestServer(options: {
  database: Pick<TestDatabase, 'kind' | 'uri'>;
  sessionSecret: string;
  env?: Record<string, string>;
  dataDirPrefix: string;
  realtimeModules: readonly RealtimeModule[];
}): Promise<RealtimeTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), options.dataDirPrefix));
  const config = await testServerConfig({ dataDir, sessionSecret: options.sessionSecret, env: options.env });
  const server = await startServer({
    config,
    database: { kind: options.database.kind, uri: options.database.uri },
    realtimeModules: options.realtimeModules,
  });
  return {
    server,
    url: server.url,
    config,
    async stop() {
      await server.stop(500);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket acknowledgement: the exam room's `Ack` and the proctoring `ProctorAck` have this shape. */
export type SocketAck<Data> = { ok: true; data: Data } | { ok: false; error: { code: string; message: string; details?: unknown } };

/**
 * Connects to `namespace` of `url` over websocket (no reconnection, a new manager) with the Cookie
 * header `cookie` and waits for the connection; `onEvent` sees every server event from the start.
 * @param options.timeoutMs how long to wait for the connection (default 10 s).
 * @throws Error `connect timeout`, or `connect_error: …` carrying the server's error JSON in `data`
 *   when the handshake is refused (the socket is closed then).
 */
export async function connectTestSocket(
  url: string,
  namespace: string,
  cookie: string | null,
  options: { timeoutMs?: number; onEvent: (name: string, payload: unknown) => void },
): Promise<Socket> {
  const socket = connectSocket(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
  });
  socket.onAny(options.onEvent);
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
  return socket;
}

/** Emits an event and resolves with its acknowledgement (rejects after `timeoutMs`, default 15 s). */
export type AckRequest = <Data = unknown>(event: string, payload?: unknown, timeoutMs?: number) => Promise<SocketAck<Data>>;

/**
 * The acknowledgement helpers of `socket`: `request` (payload default `{}`) and `call`, which
 * throws `<event> failed: <code> <message>` (with `error`) unless the acknowledgement is ok and
 * returns its data. `onAck` sees every acknowledgement received.
 */
export function acknowledgementHelpers(
  socket: Socket,
  onAck: (event: string, ack: SocketAck<unknown>) => void = () => {},
): { request: AckRequest; call: <Data = unknown>(event: string, payload?: unknown) => Promise<Data> } {
  const request: AckRequest = <Data>(event: string, payload: unknown = {}, timeoutMs = 15_000) =>
    new Promise<SocketAck<Data>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${event} within ${timeoutMs} ms`)), timeoutMs);
      socket.emit(event, payload, (ack: SocketAck<Data>) => {
        clearTimeout(timer);
        onAck(event, ack);
        resolve(ack);
      });
    });
  return {
    request,
    async call<Data>(event: string, payload: unknown = {}) {
      const ack = await request<Data>(event, payload);
      if (!ack.ok) throw Object.assign(new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`), { error: ack.error });
      return ack.data;
    },
  };
}
