/**
 * Test kit of the proctoring suites (issue 8): starts the real server in-process (127.0.0.1, port 0)
 * with the exam room AND the `/proctor` namespace attached, opens staff logins without HTTP, creates
 * extra staff (supervisor, proctor of a second room) on an exam fixture, and a socket.io client of
 * `/proctor` that records every event and acknowledgement.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Socket } from 'socket.io-client';
import { proctorNamespace, type ProctorAck } from '@skillcert/proctoring/protocol';
import type { TestDatabase } from '@skillcert/server/db/test-database';
import { systemActor } from '@skillcert/server/domain/audit/record-audit';
import type { Actor } from '@skillcert/server/domain/identity/actor';
import { createUser } from '@skillcert/server/domain/identity/create-user';
import { openSession, sessionCookieName } from '@skillcert/server/domain/identity/session-tokens';
import { BatchModel } from '@skillcert/server/domain/plans/batch.model';
import { attachProctoringRoom, type ProctoringHandle, type ProctoringOptions } from '@skillcert/server/domain/proctoring/attach-proctoring';
import type { ExamFixture, StaffHandle } from '../helpers/exam-fixture';
import { startExamTestServer, type ExamTestServer } from './exam-test-kit';
import { acknowledgementHelpers, connectTestSocket } from './realtime-test-kit';

/** A running in-process server with the exam room and proctoring. */
export interface ProctorTestServer extends ExamTestServer {
  proctoring: ProctoringHandle;
}

/** Starts SkillCert on `database` with `/exam` and `/proctor` (the exam-test-kit server plus proctoring). */
export async function startProctorTestServer(options: {
  database: Pick<TestDatabase, 'kind' | 'uri'>;
  sessionSecret: string;
  env?: Record<string, string>;
  proctoring?: ProctoringOptions;
}): Promise<ProctorTestServer> {
  let proctoring: ProctoringHandle | undefined;
  const running = await startExamTestServer({
    database: options.database,
    sessionSecret: options.sessionSecret,
    env: options.env,
    dataDirPrefix: 'skillcert-proctor-',
    realtimeModules: [
      async (io, context) => {
        proctoring = await attachProctoringRoom(io, context, options.proctoring);
      },
    ],
  });
  return { ...running, proctoring: proctoring! };
}

/** The Cookie header value of a new staff login of `staff` (as POST /api/auth/login opens it). */
export async function createStaffCookie(staff: Pick<StaffHandle, 'userId'>, organisationId: string, sessionSecret: string): Promise<string> {
  const { token } = await openSession({
    user: { _id: new Types.ObjectId(staff.userId), organisationId: new Types.ObjectId(organisationId) },
    kind: 'staff',
    sessionSecret,
  });
  return `${sessionCookieName}=${token}`;
}

/** Creates a staff user of the fixture's organisation with one role. */
export async function createStaffUser(fixture: Pick<ExamFixture, 'organisationId'>, role: 'supervisor' | 'proctor' | 'exam_admin' | 'admin', label: string): Promise<StaffHandle> {
  const suffix = randomBytes(4).toString('hex');
  const username = `${role}.${label}.${suffix}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const created = await createUser({
    organisationId: fixture.organisationId,
    actor: systemActor(fixture.organisationId),
    request: { name: `${label}${suffix}`, roles: [role], username, password },
  });
  const actor: Actor = { userId: created.id, organisationId: fixture.organisationId, roles: [role], name: created.name };
  return { userId: created.id, username, password, actor };
}

/** Adds a supervisor 内督员 to the fixture's batch staff. */
export async function addBatchSupervisor(fixture: ExamFixture): Promise<StaffHandle> {
  const supervisor = await createStaffUser(fixture, 'supervisor', '督导');
  await BatchModel.updateOne({ _id: new Types.ObjectId(fixture.batchId) }, { $push: { staff: { userId: new Types.ObjectId(supervisor.userId), role: 'supervisor' } } });
  return supervisor;
}

/** Adds a second room with its own proctor (no session) to the fixture's batch. */
export async function addSecondRoom(fixture: ExamFixture): Promise<{ roomId: string; proctor: StaffHandle }> {
  const proctor = await createStaffUser(fixture, 'proctor', '二考场监考');
  const roomId = new Types.ObjectId();
  await BatchModel.updateOne(
    { _id: new Types.ObjectId(fixture.batchId) },
    { $push: { rooms: { _id: roomId, name: '第二考场', seats: 30, workstations: 0, proctorIds: [new Types.ObjectId(proctor.userId)] } } },
  );
  return { roomId: String(roomId), proctor };
}

/** One message a proctor socket received. */
export interface ProctorMessage {
  name: string;
  payload: unknown;
  /** Local receipt time, ms epoch. */
  receivedAt: number;
}

/** A `/proctor` socket with helpers. */
export interface ProctorClient {
  socket: Socket;
  received: ProctorMessage[];
  /** Emits and resolves with the acknowledgement. */
  request<Data = unknown>(event: string, payload?: unknown, timeoutMs?: number): Promise<ProctorAck<Data>>;
  /** Like `request`, throwing unless ok; returns the data. */
  call<Data = unknown>(event: string, payload?: unknown): Promise<Data>;
  /**
   * The first event `name` (received from index `fromIndex` on, default: everything so far) whose
   * payload satisfies `predicate`; waits up to `timeoutMs`.
   */
  waitFor<Payload = unknown>(name: string, predicate?: (payload: Payload) => boolean, options?: { timeoutMs?: number; fromIndex?: number }): Promise<Payload>;
  close(): void;
}

/**
 * Connects to `/proctor` over websocket with `cookie`.
 * @throws Error carrying the server's error JSON in `data` when the handshake is refused.
 */
export async function connectProctor(url: string, cookie: string | null): Promise<ProctorClient> {
  const received: ProctorMessage[] = [];
  const waiters = new Set<() => void>();
  const socket = await connectTestSocket(url, proctorNamespace, cookie, {
    onEvent: (name, payload) => {
      received.push({ name, payload, receivedAt: Date.now() });
      for (const waiter of [...waiters]) waiter();
    },
  });
  const { request, call } = acknowledgementHelpers(socket);
  return {
    socket,
    received,
    request,
    call,
    waitFor<Payload>(name: string, predicate: (payload: Payload) => boolean = () => true, options: { timeoutMs?: number; fromIndex?: number } = {}) {
      let index = options.fromIndex ?? 0;
      return new Promise<Payload>((resolve, reject) => {
        const check = () => {
          for (; index < received.length; index += 1) {
            const message = received[index];
            if (message.name === name && predicate(message.payload as Payload)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(message.payload as Payload);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${name} matching within ${options.timeoutMs ?? 10_000} ms`));
        }, options.timeoutMs ?? 10_000);
        waiters.add(check);
        check();
      });
    },
    close() {
      socket.close();
    },
  };
}
