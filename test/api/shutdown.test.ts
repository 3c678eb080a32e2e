/**
 * Stopping the server as a terminal does (README "Set up": Ctrl-C): the terminal signals the whole
 * process group and the bootstrap script forwards the signal again, so the server receives SIGINT
 * more than once. The first starts the graceful stop; the others must not cut it short: the process
 * exits 0 after "SkillCert stopped" and the embedded store releases its data directory lock.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createShutdownHandler } from '@skillcert/server/main';

const mainScript = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
let dataDir = '';

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('server shutdown', () => {
  it('stops gracefully (exit 0, lock released) when SIGINT arrives three times in a row', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-shutdown-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', SKIP_DEMO_SEED: '1' };
    delete env.MONGODB_URI; // the embedded store, whose lock file shows a clean stop
    delete env.MONGOD_BIN;
    const child = spawn(process.execPath, ['--import', 'tsx', mainScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const until = Date.now() + 90_000;
    while (!/listening on http/.test(output)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`the server did not start: ${output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(join(dataDir, 'embedded', 'LOCK'))).toBe(true);

    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    child.kill('SIGINT');
    const { code, signal } = await exited;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('shutdown requested');
    expect(output).toContain('SkillCert stopped');
    expect(existsSync(join(dataDir, 'embedded', 'LOCK'))).toBe(false);
  }, 120_000);

  it('runs the stop once when the signal repeats while stopping, then exits 0; a failed stop exits 1', async () => {
    const logged: string[] = [];
    const logger = { info: (_details: unknown, message: string) => logged.push(message), error: (message: unknown) => logged.push(String(message)) };
    let stops = 0;
    let finishStop = () => undefined as void;
    const exits: number[] = [];
    const handler = createShutdownHandler({
      stop: () => {
        stops += 1;
        return new Promise<void>((resolve) => (finishStop = resolve));
      },
      logger: logger as never,
      exit: (code) => exits.push(code),
    });
    handler('SIGINT');
    handler('SIGINT');
    handler('SIGTERM');
    expect(stops).toBe(1);
    expect(exits).toEqual([]); // not cut short while the stop runs
    expect(logged).toEqual(['shutdown requested', 'shutdown already in progress', 'shutdown already in progress']);
    finishStop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exits).toEqual([0]);

    const failing: number[] = [];
    createShutdownHandler({ stop: () => Promise.reject(new Error('disk gone')), logger: logger as never, exit: (code) => failing.push(code) })('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failing).toEqual([1]);
  });
});
