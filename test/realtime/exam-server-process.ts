/**
 * A second SkillCert server process for the scale-out suite and the benchmark:
 *   node --import tsx test/realtime/exam-server-process.ts '<json options>'
 * options: { databaseUri, databaseKind, sessionSecret, redisUrl?, logLevel? }. Prints one JSON line
 * `{"url": "http://127.0.0.1:<port>"}` once listening; stops on SIGTERM/SIGINT or when stdin closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind } from '@skillcert/server/db/connect';
import { startServer } from '@skillcert/server/main';
import { attachRealtime } from '@skillcert/server/realtime/attach-realtime';
import { testServerConfig } from './realtime-test-kit';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  databaseUri: string;
  databaseKind: DatabaseKind;
  sessionSecret: string;
  redisUrl?: string;
  logLevel?: string;
};
const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-exam-process-'));
const config = await testServerConfig({
  dataDir,
  sessionSecret: options.sessionSecret,
  logLevel: options.logLevel ?? 'silent',
  env: options.redisUrl ? { REDIS_URL: options.redisUrl } : {},
});
const server = await startServer({
  config,
  database: { kind: options.databaseKind, uri: options.databaseUri },
  realtimeModules: [attachRealtime],
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);

let isStopping = false;
const stop = () => {
  if (isStopping) return;
  isStopping = true;
  server
    .stop(500)
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
