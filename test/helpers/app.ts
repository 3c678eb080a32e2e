/**
 * Starts the real SkillCert server in-process on 127.0.0.1, port 0, against `startTestDatabase()`
 * (the embedded store, or MONGODB_URI when set), with a fresh organisation, and hands out
 * logged-in supertest agents per role.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import supertest from 'supertest';
import { completeConfig, loadConfig, type Config } from '@skillcert/server/config';
import {
  computeResidentIdCheckCharacter,
  type AssessorGrade,
  type Role,
} from '@skillcert/server/contracts/identity';
import { startTestDatabase } from '@skillcert/server/db/test-database';
import { systemActor } from '@skillcert/server/domain/audit/record-audit';
import { createOrganisation } from '@skillcert/server/domain/identity/create-organisation';
import { createUser } from '@skillcert/server/domain/identity/create-user';
import { startServer, type RealtimeModule, type RunningServer } from '@skillcert/server/main';

/** A supertest agent (keeps cookies) signed in as `user`. */
export type SignedInAgent = ReturnType<typeof supertest.agent> & { user: TestUser };

/** A user created by the helper, with the credentials it logs in with. */
export interface TestUser {
  id: string;
  role: Role;
  name: string;
  password: string;
  username?: string;
  idNumber?: string;
  admissionTicketNumber?: string;
  assessorGrade?: AssessorGrade;
}

/** The running test application. */
export interface TestApp {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Anonymous supertest agent bound to `baseUrl` (keeps cookies between its own requests). */
  agent: ReturnType<typeof supertest.agent>;
  server: RunningServer;
  config: Config;
  /** The organisation every helper-created user belongs to. */
  organisationId: string;
  /** Creates a user of `role` (a fresh account per call) without logging in. */
  createUser(role: Role, options?: { assessorGrade?: AssessorGrade; organisationId?: string }): Promise<TestUser>;
  /** Creates a user of `role` and returns an agent signed in through the real login route. */
  login(role: Role, options?: { assessorGrade?: AssessorGrade; organisationId?: string }): Promise<SignedInAgent>;
  /** Stops the server, the database and removes the temporary DATA_DIR. */
  stop(): Promise<void>;
}

let counter = 0;

function uniqueSuffix(): string {
  counter += 1;
  return `${counter}${randomBytes(3).toString('hex')}`;
}

/** A valid 18-character resident identity card number, different on every call. */
export function makeResidentIdNumber(): string {
  const serial = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const first17 = `440300${1970 + Math.floor(Math.random() * 30)}05${day}${serial}`;
  return first17 + computeResidentIdCheckCharacter(first17);
}

/**
 * Starts the app. Pass `env` to add configuration variables (e.g. `REDIS_URL`) and
 * `realtimeModules` to attach socket.io handlers.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; realtimeModules?: readonly RealtimeModule[] } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'skillcert-test-'));
  const database = await startTestDatabase();
  let server: RunningServer | undefined;
  try {
    const config = await completeConfig(
      loadConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        PATH: process.env.PATH,
        PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH,
        ...options.env,
      }),
    );
    server = await startServer({
      config,
      database: { kind: database.kind, uri: database.uri },
      realtimeModules: options.realtimeModules,
    });
    const running = server;
    const organisation = await createOrganisation({
      name: `测试企业 ${uniqueSuffix()}`,
      certificateCode: {
        organisationClass: 'Y',
        organisationCode: '0000',
        provinceCode: '44',
        cityCode: '03',
        ownershipType: 2,
        siteSequence: '001',
      },
      actor: systemActor(),
    });
    const baseUrl = running.url;

    const makeUser: TestApp['createUser'] = async (role, userOptions = {}) => {
      const suffix = uniqueSuffix();
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const organisationId = userOptions.organisationId ?? organisation.id;
      const actor = systemActor(organisationId);
      if (role === 'candidate') {
        const idNumber = makeResidentIdNumber();
        const admissionTicketNumber = `T${suffix}`;
        const created = await createUser({
          organisationId,
          actor,
          request: {
            name: `考生${suffix}`,
            roles: ['candidate'],
            password,
            idType: 'resident_identity_card',
            idNumber,
            admissionTicketNumbers: [admissionTicketNumber],
          },
        });
        return { id: created.id, role, name: created.name, password, idNumber, admissionTicketNumber };
      }
      const assessorGrade = role === 'assessor' ? (userOptions.assessorGrade ?? 'assessor') : undefined;
      const username = `${role.replace('_', '.')}.${suffix}`;
      const created = await createUser({
        organisationId,
        actor,
        request: { name: `${role} ${suffix}`, roles: [role], username, password, ...(assessorGrade ? { assessorGrade } : {}) },
      });
      return { id: created.id, role, name: created.name, password, username, ...(assessorGrade ? { assessorGrade } : {}) };
    };

    const login: TestApp['login'] = async (role, userOptions) => {
      const user = await makeUser(role, userOptions);
      const agent = supertest.agent(baseUrl);
      const response =
        role === 'candidate'
          ? await agent.post('/api/auth/candidate-login').send({
              idNumber: user.idNumber,
              admissionTicketNumber: user.admissionTicketNumber,
              password: user.password,
            })
          : await agent.post('/api/auth/login').send({ username: user.username, password: user.password });
      if (response.status !== 200) {
        throw new Error(`login as ${role} failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return Object.assign(agent, { user });
    };

    return {
      baseUrl,
      agent: supertest.agent(baseUrl),
      server: running,
      config,
      organisationId: organisation.id,
      createUser: makeUser,
      login,
      async stop() {
        await running.stop(1000);
        await database.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop(0).catch(() => undefined);
    await database.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The real banks of ../shared/banks (others' writing: read in tests, never copied into the project). */
export const sharedBanksDirectory = new URL('../../../shared/banks/', import.meta.url);

/**
 * Imports a workbook of ../shared/banks into `scopeId` through the HTTP API as `reviewer`: the dry
 * run (`POST /api/bank/scopes/:scopeId/imports`, raw bytes with `X-File-Name`), then the confirm with
 * the items approved (R2 bank import; the import is all-or-nothing).
 * @param fileName the workbook's file name in ../shared/banks, e.g. `省级低压电工作业.xlsx`.
 * @returns the dry run's import id.
 * @throws Error naming the step and the HTTP status and body when the dry run is not 201 or the confirm not 200.
 */
export async function importSharedBank(reviewer: SignedInAgent, scopeId: string, fileName: string): Promise<string> {
  const bytes = await readFile(fileURLToPath(new URL(fileName, sharedBanksDirectory)));
  const dryRun = await reviewer
    .post(`/api/bank/scopes/${scopeId}/imports`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-File-Name', encodeURIComponent(fileName))
    .send(bytes);
  if (dryRun.status !== 201) throw new Error(`dry run of ${fileName}: expected HTTP 201, got ${dryRun.status} ${JSON.stringify(dryRun.body)}`);
  const importId = String(dryRun.body.importId);
  const confirmed = await reviewer.post(`/api/bank/scopes/${scopeId}/imports/${importId}/confirm`).send({ status: 'approved' });
  if (confirmed.status !== 200) throw new Error(`confirm of ${fileName}: expected HTTP 200, got ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return importId;
}
