/**
 * A SkillCert server (HTTP + socket.io with the production exam room) in its own process, for the
 * fault suites that SIGKILL it:
 *   node --import tsx test/faults/fault-server-process.ts      (with an IPC channel)
 *
 * The process first loads the server's modules and reports `{ type: 'ready' }` (a warm standby), then
 * on `{ type: 'start', databaseUri, databaseKind, sessionSecret, port, dataDir }` starts the server on
 * 127.0.0.1:<port> (DATA_DIR = `dataDir`, owned and removed by the parent, since a SIGKILLed process
 * cleans up nothing) and reports `{ type: 'listening', url, pid }` (or `{ type: 'error', message }`).
 * Everything the server knows after a start comes from the database: the standby only saved the
 * module-loading time. Exits when the parent disconnects or on SIGTERM.
 */
import type { DatabaseKind } from '@skillcert/server/db/connect';

/** The start command from the parent. */
export interface FaultServerStart {
  type: 'start';
  databaseUri: string;
  databaseKind: DatabaseKind;
  sessionSecret: string;
  port: number;
  /** Empty directory for DATA_DIR; the parent removes it. */
  dataDir: string;
}

/** Messages to the parent. */
export type FaultServerMessage = { type: 'ready' } | { type: 'listening'; url: string; pid: number } | { type: 'error'; message: string };

if (process.send) {
  const send = (message: FaultServerMessage) => process.send!(message);
  const [{ completeConfig, loadConfig }, { startServer }, { attachRealtime }] = await Promise.all([
    import('@skillcert/server/config'),
    import('@skillcert/server/main'),
    import('@skillcert/server/realtime/attach-realtime'),
  ]);
  let stopServer: (() => Promise<void>) | undefined;
  const exit = () => {
    void (stopServer?.() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(0));
  };
  process.on('disconnect', exit);
  process.on('SIGTERM', exit);
  process.on('message', (message: FaultServerStart) => {
    if (message.type !== 'start') return;
    void (async () => {
      const config = await completeConfig(
        loadConfig({
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(message.port),
          DATA_DIR: message.dataDir,
          SESSION_SECRET: message.sessionSecret,
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
          PATH: process.env.PATH,
        }),
      );
      const server = await startServer({ config, database: { kind: message.databaseKind, uri: message.databaseUri }, realtimeModules: [attachRealtime] });
      stopServer = () => server.stop(200);
      send({ type: 'listening', url: server.url, pid: process.pid });
    })().catch((error: unknown) => send({ type: 'error', message: (error as Error).stack ?? String(error) }));
  });
  send({ type: 'ready' });
}
