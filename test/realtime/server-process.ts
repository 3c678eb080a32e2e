/**
 * Spawns `exam-server-process.ts` as a separate Node process and waits for its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A server running in a child process. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./exam-server-process.ts', import.meta.url));

/**
 * Starts a server process on the given database (and Redis).
 * @throws Error when it does not print its URL within `timeoutMs` (default 60 s).
 */
export async function spawnServerProcess(options: {
  databaseUri: string;
  databaseKind: string;
  sessionSecret: string;
  redisUrl?: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const { timeoutMs, ...payload } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(payload)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const started = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server process did not start within ${timeoutMs ?? 60_000} ms: ${stderr}`)), timeoutMs ?? 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; pid: number });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}: ${stderr}`));
    });
  });
  return {
    ...started,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
