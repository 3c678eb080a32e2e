import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { RedisAdapter } from '@socket.io/redis-adapter';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function connect(baseUrl: string, transports: string[]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(baseUrl, { transports, reconnection: false, timeout: 5000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

describe('startServer: socket.io', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('accepts websocket-only socket.io connections (no sticky sessions needed)', async () => {
    const socket = await connect(app.baseUrl, ['websocket']);
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('refuses the long-polling transport', async () => {
    await expect(connect(app.baseUrl, ['polling'])).rejects.toThrow();
  });
});

describe.skipIf(!hasRedis)('startServer with REDIS_URL', () => {
  let redis: ChildProcess;
  let app: TestApp;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    app = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });

  afterAll(async () => {
    await app?.stop();
    if (redis && redis.exitCode === null) {
      await new Promise((resolve) => {
        redis.once('exit', resolve);
        redis.kill('SIGTERM');
      });
    }
  });

  it('fans socket.io broadcasts out through the Redis adapter', async () => {
    expect(app.server.io.of('/').adapter).toBeInstanceOf(RedisAdapter);
    const socket = await connect(app.baseUrl, ['websocket']);
    const received = new Promise<unknown>((resolve) => socket.once('probe:ping', resolve));
    app.server.io.emit('probe:ping', { n: 1 });
    expect(await received).toEqual({ n: 1 });
    socket.close();
  });
});
