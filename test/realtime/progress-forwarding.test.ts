/**
 * Progress forwarding over socket.io (`/progress`) with real socket.io clients against the real
 * server: staff-only handshake, bank import progress (R1) reaching only the uploading user, and the
 * certificate batch render progress (R15) reaching the organisation's certificate staff only.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { createOrganisation } from '@skillcert/server/domain/identity/create-organisation';
import { systemActor } from '@skillcert/server/domain/audit/record-audit';
import {
  attachProgressForwarding,
  certificateRenderRooms,
  progressEvents,
  progressNamespace,
  type BankImportProgressMessage,
  type CertificateRenderProgressMessage,
} from '@skillcert/server/realtime/progress-forwarding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedInAgent, type TestApp } from '../helpers/app';
import { createScoredBatch } from '../helpers/results-fixture';

const banksDirectory = new URL('../../../shared/banks/', import.meta.url);

/** The `Cookie` header of a signed-in supertest agent (the session cookie only). */
function cookieOf(agent: SignedInAgent): string {
  const jar = (agent as unknown as { jar: { getCookies(access: { domain: string; path: string; secure: boolean; script: boolean }): Array<{ name: string; value: string }> } }).jar;
  const cookies = jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false });
  const session = cookies.find((cookie) => cookie.name === 'skillcert_session');
  if (!session) throw new Error(`${agent.user.role} has no session cookie`);
  return `skillcert_session=${session.value}`;
}

describe('progress forwarding (/progress)', () => {
  let app: TestApp;
  const sockets: Socket[] = [];

  /** Connects to /progress with `cookie` (or none) and resolves once connected or refused. */
  function connect(cookie: string | undefined): Promise<{ socket: Socket; error: (Error & { data?: { code: string; message: string } }) | null }> {
    const socket = connectSocket(`${app.baseUrl}${progressNamespace}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket, error: null }));
      socket.once('connect_error', (error) => resolve({ socket, error }));
    });
  }

  /** Records every message of `event` on `socket`. */
  function record<T>(socket: Socket, event: string): T[] {
    const messages: T[] = [];
    socket.on(event, (message: T) => messages.push(message));
    return messages;
  }

  /** Waits until `predicate` holds (socket events arrive after the HTTP answer). */
  async function eventually(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ realtimeModules: [attachProgressForwarding] });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await app?.stop();
  });

  it('refuses a socket without a session as unauthenticated and a candidate as forbidden', async () => {
    const anonymous = await connect(undefined);
    expect(anonymous.error?.data).toMatchObject({ code: 'unauthenticated' });
    const candidate = await app.login('candidate');
    const refused = await connect(cookieOf(candidate));
    expect(refused.error?.data).toMatchObject({ code: 'forbidden' });
  });

  it('R1: sends bank import progress to the uploading user only, up to done = total of both phases', async () => {
    const uploader = await app.login('bank_editor');
    const colleague = await app.login('bank_editor');
    const own = await connect(cookieOf(uploader));
    const other = await connect(cookieOf(colleague));
    expect(own.error).toBeNull();
    expect(other.error).toBeNull();
    const received = record<BankImportProgressMessage>(own.socket, progressEvents.bankImport);
    const leaked = record<BankImportProgressMessage>(other.socket, progressEvents.bankImport);

    const scope = await uploader.post('/api/bank/scopes').send({ occupationCode: '4-02-05-01', occupationName: '叉车司机', workType: '叉车管理员', level: 4 });
    expect(scope.status, JSON.stringify(scope.body)).toBe(201);
    const bytes = await readFile(fileURLToPath(new URL('省级叉车管理员.xlsx', banksDirectory)));
    const dryRun = await uploader
      .post(`/api/bank/scopes/${scope.body.id}/imports`)
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('省级叉车管理员.xlsx'))
      .send(bytes);
    expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(201);
    const importId = dryRun.body.importId as string;
    const confirmed = await uploader.post(`/api/bank/scopes/${scope.body.id}/imports/${importId}/confirm`).send({ status: 'draft' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const total = confirmed.body.counts.total as number;

    await eventually(() => received.some((message) => message.phase === 'write' && message.done === total), 'the last write progress');
    const parse = received.filter((message) => message.phase === 'parse');
    const write = received.filter((message) => message.phase === 'write');
    expect(parse.length).toBeGreaterThan(1);
    expect(parse.every((message) => message.importId === importId && message.scopeId === scope.body.id)).toBe(true);
    expect(parse.at(-1)!.done).toBe(parse.at(-1)!.total);
    expect(write.map((message) => message.done)).toEqual([...write.map((message) => message.done)].sort((a, b) => a - b));
    expect(write[0]).toMatchObject({ importId, done: 0, total });
    expect(Object.keys(write[0]).sort()).toEqual(['done', 'importId', 'phase', 'scopeId', 'total']);
    expect(leaked).toEqual([]);
  });

  it('R15: sends certificate render progress to the certificate staff of the organisation, not to other roles or organisations', async () => {
    const hr = await app.login('hr');
    const admin = await app.login('admin');
    const editor = await app.login('bank_editor');
    const otherOrganisation = await createOrganisation({
      name: '另一家企业',
      certificateCode: { organisationClass: 'Y', organisationCode: '0000', provinceCode: '44', cityCode: '07', ownershipType: 1, siteSequence: '002' },
      actor: systemActor(),
    });
    const foreignHr = await app.login('hr', { organisationId: otherOrganisation.id });
    const hrSocket = await connect(cookieOf(hr));
    const editorSocket = await connect(cookieOf(editor));
    const foreignSocket = await connect(cookieOf(foreignHr));
    const received = record<CertificateRenderProgressMessage>(hrSocket.socket, progressEvents.certificateRender);
    const editorReceived = record<CertificateRenderProgressMessage>(editorSocket.socket, progressEvents.certificateRender);
    const foreignReceived = record<CertificateRenderProgressMessage>(foreignSocket.socket, progressEvents.certificateRender);

    const batch = await createScoredBatch({ organisationId: app.organisationId, createdBy: admin.user.id, candidateCount: 2 });
    expect((await admin.post(`/api/batches/${batch.batchId}/publication`).send({ startDate: '2026-10-09' })).status).toBe(201);
    expect((await admin.post(`/api/batches/${batch.batchId}/publication/close`).send({})).status).toBe(200);
    const issued = await hr.post(`/api/batches/${batch.batchId}/certificates`).send({});
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.issued).toHaveLength(2);

    // One single PDF first: a batch render as the very first render of a cold render pool was seen
    // to hang in the pool's content swap (Runtime.callFunctionOn timeout) — a render-pool matter,
    // not a forwarding one; warming the pool keeps this suite about the forwarding.
    const single = await hr.get(`/api/certificates/${issued.body.issued[0].certificateId}/pdf`);
    expect(single.status).toBe(200);
    const rendered = await admin.post(`/api/batches/${batch.batchId}/certificates/render`).send({});
    expect(rendered.status, rendered.text?.slice(0, 500)).toBe(200);
    const jobId = rendered.headers['x-render-job-id'] as string;
    await eventually(() => received.some((message) => message.completed === 2), 'the last render progress');
    const run = received.filter((message) => message.jobId === jobId);
    expect(run[0]).toMatchObject({ batchId: batch.batchId, completed: 0, total: 2 });
    expect(run.at(-1)).toMatchObject({ batchId: batch.batchId, completed: 2, total: 2 });
    expect(run.map((message) => message.completed)).toEqual([...run.map((message) => message.completed)].sort((a, b) => a - b));
    expect(editorReceived).toEqual([]);
    expect(foreignReceived).toEqual([]);
  }, 120_000);

  it('R15: narrows a render event that names the acting user to that user', () => {
    const event = { organisationId: 'org1', batchId: 'b1', jobId: 'j1', completed: 0, total: 1, at: 0 };
    expect(certificateRenderRooms(event)).toEqual(['certificate-staff:org1']);
    expect(certificateRenderRooms({ ...event, userId: 'u1' })).toEqual(['user:u1']);
  });
});
