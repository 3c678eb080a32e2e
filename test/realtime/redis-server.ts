/**
 * Starts Debian's `redis-server` on a free 127.0.0.1 port without persistence, for the scale-out
 * suite and the benchmark. Returns null when the binary is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A running Redis. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** True when `redis-server` is on PATH. */
export function isRedisInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server (`--save '' --appendonly no`) and waits until it accepts connections.
 * @throws Error when it does not become ready within 10 s.
 */
export async function startTestRedis(): Promise<TestRedis | null> {
  if (!isRedisInstalled()) return null;
  const port = await findFreePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready within 10 s: ${output.slice(-500)}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
