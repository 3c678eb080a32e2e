/**
 * Runs the SkillCert server as a child process (fault-server-process.ts) on a FIXED port so
 * socket.io clients reconnect to the same URL after a crash, and SIGKILLs it on demand. A warm
 * standby process (modules loaded, nothing started) is kept ready so a restart costs the server's
 * start (database connection, indexes, deadline scheduler), not Node's module loading.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind } from '@skillcert/server/db/connect';
import type { FaultServerMessage, FaultServerStart } from './fault-server-process';

const script = fileURLToPath(new URL('./fault-server-process.ts', import.meta.url));

/** A free TCP port on 127.0.0.1 (bound and released at once). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The supervised server. */
export interface ServerSupervisor {
  /** `http://127.0.0.1:<port>`, the same across restarts. */
  url: string;
  /** Pid of the running server, undefined while down. */
  readonly pid: number | undefined;
  /** Starts the server (from the standby) and resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILLs the running server (no shutdown of any kind) and resolves once it is dead. */
  kill(): Promise<void>;
  /** Stops the server and the standby and removes every DATA_DIR the starts used. */
  dispose(): Promise<void>;
}

interface Standby {
  child: ChildProcess;
  ready: Promise<void>;
}

function spawnStandby(): Standby {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server standby did not load within 120 s')), 120_000);
    const onMessage = (message: FaultServerMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server standby exited with ${signal ?? code}`));
    });
  });
  ready.catch(() => undefined);
  return { child, ready };
}

function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Prepares a supervised server on a free port of 127.0.0.1 for `database`; call `start()`.
 * @param options.sessionSecret keep it for the whole suite so cookies stay valid across restarts.
 */
export async function superviseServer(options: { databaseUri: string; databaseKind: DatabaseKind; sessionSecret: string }): Promise<ServerSupervisor> {
  const port = await findFreePort();
  const dataRoot = await mkdtemp(join(tmpdir(), 'skillcert-fault-servers-'));
  let starts = 0;
  let standby: Standby | undefined = spawnStandby();
  let running: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (running) return;
    const current = standby ?? spawnStandby();
    standby = undefined;
    await current.ready;
    starts += 1;
    const dataDir = join(dataRoot, `start-${starts}`);
    await mkdir(dataDir);
    const command: FaultServerStart = { type: 'start', port, dataDir, ...options };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not listen within 60 s')), 60_000);
      current.child.on('message', (message: FaultServerMessage) => {
        if (message.type === 'listening') {
          clearTimeout(timer);
          resolve();
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`server start failed: ${message.message}`));
        }
      });
      current.child.send(command);
    });
    running = current.child;
    standby = spawnStandby();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    get pid() {
      return running?.pid;
    },
    start,
    async kill() {
      const child = running;
      running = undefined;
      if (child) await killAndWait(child, 'SIGKILL');
    },
    async dispose() {
      const children = [running, standby?.child].filter((child): child is ChildProcess => child !== undefined);
      running = undefined;
      standby = undefined;
      await Promise.all(
        children.map(async (child) => {
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await killAndWait(child, 'SIGTERM');
          clearTimeout(force);
        }),
      );
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}
