/**
 * The embedded store as its OWN process (server/src/db/embedded/main.ts) on a fixed data directory
 * and port, so fault tests and the soak benchmark can stop it (SIGTERM or SIGKILL) and start it
 * again on the same directory and port while the SkillCert server keeps running. With MONGODB_URI
 * set there is no process to stop: `startStoreProcess` refuses (callers skip the fault then).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const storeScript = fileURLToPath(new URL('../../server/src/db/embedded/main.ts', import.meta.url));

/** A store process that can be stopped and started again on the same directory and port. */
export interface StoreProcess {
  /** `mongodb://127.0.0.1:<port>/<database>?directConnection=true` (stable across restarts). */
  uri: string;
  port: number;
  dataDir: string;
  /** Pid of the running store, undefined while stopped. */
  readonly pid: number | undefined;
  /** Stops the store: SIGTERM flushes the journal first, SIGKILL is a crash. Resolves on exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same directory and port (retries while the port is still held). */
  start(): Promise<void>;
  /** Stops the store and deletes its directory. */
  dispose(): Promise<void>;
}

async function launch(dataDir: string, port: number, timeoutMs: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', storeScript, '--dbpath', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const started = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`embedded store did not start within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded store exited with ${code}: ${stderr}`));
    });
  });
  return { child, port: started };
}

/**
 * Starts the embedded store in a child process on a fresh temporary directory and a free port.
 * @param options.database database name put into `uri` (default `faults`).
 * @throws Error when MONGODB_URI is set (an external server cannot be stopped from here) or the
 *   store does not start within 60 s.
 */
export async function startStoreProcess(options: { database?: string } = {}): Promise<StoreProcess> {
  if (process.env.MONGODB_URI) throw new Error('startStoreProcess needs the embedded store; MONGODB_URI is set');
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-store-process-'));
  let current: ChildProcess | undefined;
  let port = 0;
  try {
    const first = await launch(dataDir, 0, 60_000);
    current = first.child;
    port = first.port;
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const child = current;
    current = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  };
  return {
    uri: `mongodb://127.0.0.1:${port}/${options.database ?? 'faults'}?directConnection=true`,
    port,
    dataDir,
    get pid() {
      return current?.pid;
    },
    stop,
    async start() {
      if (current) return;
      const until = Date.now() + 60_000;
      for (;;) {
        try {
          current = (await launch(dataDir, port, 60_000)).child;
          return;
        } catch (error) {
          // The port may linger for a moment after the previous process died.
          if (Date.now() > until || !/EADDRINUSE/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
