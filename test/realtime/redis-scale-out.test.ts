/**
 * Scale-out with the socket.io Redis adapter: two server processes share the database and a Redis;
 * a room event emitted by a use case on one process reaches the candidate connected to the other,
 * and a device change approved on one process supersedes a socket held by the other.
 * Skipped (with the reason) when Debian's redis-server is not installed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examEvents, type AttemptJoinResult, type AttemptState, type DeadlineChange, type SessionSuperseded } from '@skillcert/server/contracts/exam-room';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import { approveDeviceChange } from '@skillcert/server/domain/attempts/approve-device-change';
import { extendAttempt } from '@skillcert/server/domain/attempts/extend-attempt';
import { warnCandidate } from '@skillcert/server/domain/attempts/warn-candidate';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { connectCandidate, startExamTestServer, type CandidateClient, type ExamTestServer } from './exam-test-kit';
import { isRedisInstalled, startTestRedis, type TestRedis } from './redis-server';
import { spawnServerProcess, type ServerProcess } from './server-process';

const hasRedis = isRedisInstalled();

describe.skipIf(!hasRedis)('exam room on two server processes with the Redis adapter (skipped: redis-server is not installed)', () => {
  let database: TestDatabase;
  let redis: TestRedis | null;
  let local: ExamTestServer;
  let remote: ServerProcess;
  let fixture: ExamFixture;
  const sessionSecret = randomBytes(32).toString('hex');
  const clients: CandidateClient[] = [];

  beforeAll(async () => {
    database = await startTestDatabase();
    redis = await startTestRedis();
    local = await startExamTestServer({ database, sessionSecret, env: { REDIS_URL: redis!.url } });
    remote = await spawnServerProcess({ databaseUri: database.uri, databaseKind: database.kind, sessionSecret, redisUrl: redis!.url });
    fixture = await createExamFixture({ candidateCount: 2 });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await remote?.stop();
    await local?.stop();
    await redis?.stop();
    await database?.stop();
  });

  it('delivers a deadline change and a warning emitted on this process to a candidate connected to the other', async () => {
    const client = await connectCandidate(remote.url, await fixture.createSessionCookie(fixture.candidates[0], sessionSecret));
    clients.push(client);
    await client.call(examEvents.join);
    const state = await client.call<AttemptState>(examEvents.start);
    expect(remote.pid).not.toBe(process.pid);

    const deadlineEvent = client.next<DeadlineChange>(examEvents.deadline);
    const extended = await extendAttempt({ attemptId: state.attemptId, actor: fixture.proctor.actor, extraMs: 300_000, reason: '跨进程补时' });
    expect(await deadlineEvent).toMatchObject({ attemptId: state.attemptId, cause: 'extended', deadlineAt: extended.deadlineAt });

    const warning = client.next(examEvents.warning);
    await warnCandidate({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '跨进程提醒' });
    expect(await warning).toMatchObject({ attemptId: state.attemptId, message: '跨进程提醒' });
    await expect(client.call(examEvents.answer, { slot: 1, response: [0], seq: 1 })).resolves.toMatchObject({ seq: 1 });
  });

  it('R17: a device change approved on this process supersedes the socket on the other and promotes the held one', async () => {
    const candidate = fixture.candidates[1];
    const first = await connectCandidate(remote.url, await fixture.createSessionCookie(candidate, sessionSecret));
    clients.push(first);
    await first.call(examEvents.join);
    const state = await first.call<AttemptState>(examEvents.start);
    await first.call(examEvents.answer, { slot: 1, response: [1], seq: 1 });

    const second = await connectCandidate(local.url, await fixture.createSessionCookie(candidate, sessionSecret));
    clients.push(second);
    expect(await second.call<AttemptJoinResult>(examEvents.join)).toMatchObject({ connection: 'held' });

    const superseded = first.next<SessionSuperseded>(examEvents.superseded);
    const closed = new Promise<void>((resolve) => first.socket.once('disconnect', () => resolve()));
    const promoted = second.next<AttemptState>(examEvents.state);
    await approveDeviceChange({ attemptId: state.attemptId, actor: fixture.proctor.actor, reason: '换机' });
    expect(await superseded).toMatchObject({ reason: 'device_change_approved' });
    await closed;
    expect((await promoted).answers['1']).toMatchObject({ seq: 1 });
    await expect(second.call(examEvents.answer, { slot: 2, response: [0], seq: 2 })).resolves.toMatchObject({ seq: 2 });
  });
});
