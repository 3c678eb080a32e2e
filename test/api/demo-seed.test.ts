/**
 * The first-run demo (issue 14) seeded into a fresh store by the real server start, then checked
 * through the HTTP API the walkthrough uses: readiness (R1), the filed plan (R7), tickets, logins,
 * R6, and that a second start seeds nothing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeConfig, loadConfig, type Config } from '@skillcert/server/config';
import { isValidResidentIdNumber, roles } from '@skillcert/server/contracts/identity';
import { startTestDatabase, type TestDatabase } from '@skillcert/server/db/test-database';
import type { CalendarDate } from '@skillcert/server/domain/calendar/calendar-date';
import { AuditEntryModel } from '@skillcert/server/domain/audit/audit-entry.model';
import { UserModel } from '@skillcert/server/domain/identity/user.model';
import { ItemModel } from '@skillcert/server/domain/bank/item.model';
import { checkPlanLeadTime } from '@skillcert/server/domain/plans/lead-time';
import { loadWorkingDayCalendar } from '@skillcert/server/domain/plans/load-plan-settings';
import { checkStaffAssignments } from '@skillcert/server/domain/plans/staff-assignment';
import { startServer, type RunningServer } from '@skillcert/server/main';
import { formatDemoAccounts, seedDemoOrganisation, type DemoAccount } from '@skillcert/server/seed/demo-organisation';
import { createLogger } from '@skillcert/server/logger';

describe('demo seed on first start', () => {
  let database: TestDatabase;
  let dataDir: string;
  let config: Config;
  let server: RunningServer;
  let accounts: DemoAccount[];
  const agents = new Map<string, ReturnType<typeof supertest.agent>>();

  async function signIn(username: string): Promise<ReturnType<typeof supertest.agent>> {
    const existing = agents.get(username);
    if (existing) return existing;
    const account = accounts.find((candidate) => candidate.username === username)!;
    const agent = supertest.agent(server.url);
    const response = await agent.post('/api/auth/login').send({ username, password: account.password });
    expect(response.status, `login of ${username}: ${JSON.stringify(response.body)}`).toBe(200);
    agents.set(username, agent);
    return agent;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'skillcert-demo-seed-'));
    database = await startTestDatabase();
    config = await completeConfig(
      loadConfig({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        PATH: process.env.PATH,
      }),
    );
    server = await startServer({ config, database: { kind: database.kind, uri: database.uri }, shouldSeedDemo: true });
    accounts = server.demoSeed?.accounts ?? [];
  });

  afterAll(async () => {
    await server?.stop();
    await database?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the demo: staff for every role, 30 candidates with valid ID numbers, one shared demo password', () => {
    const seed = server.demoSeed!;
    expect(seed.isCreated).toBe(true);
    expect(new Set(accounts.map((account) => account.role))).toEqual(new Set(roles.filter((role) => role !== 'proctor')));
    const examAdmin = accounts.find((account) => account.username === 'exam.admin');
    expect(examAdmin?.title).toBe('exam admin + proctor');
    expect(accounts.filter((account) => account.role === 'assessor').map((account) => account.assessorGrade).sort()).toEqual([
      'assessor',
      'assessor',
      'senior_assessor',
    ]);
    const candidates = accounts.filter((account) => account.role === 'candidate');
    expect(candidates).toHaveLength(30);
    expect(candidates.every((candidate) => isValidResidentIdNumber(candidate.idNumber!))).toBe(true);
    expect(new Set(candidates.map((candidate) => candidate.idNumber)).size).toBe(30);
    expect(new Set(accounts.map((account) => account.password)).size).toBe(1);
    expect(seed.summary).toMatchObject({ certificateCode: 'Y 0001 44 07 2 001', theoryPapers: 5, practicalPapers: 5 });
    const banner = formatDemoAccounts(seed);
    if (process.env.SHOW_DEMO_BANNER) process.stdout.write(banner);
    expect(banner).toContain('exam admin + proctor');
    expect(banner).toContain(`${candidates[0].idNumber} + ${candidates[0].admissionTicketNumber}`);
  });

  it('R1: the demo scope passes the readiness gate (>= 500 approved theory items, 5 + 5 papers, >= 50 practical items)', async () => {
    const agent = await signIn('bank.editor');
    const response = await agent.get(`/api/bank/scopes/${server.demoSeed!.summary!.scopeId}/readiness`);
    expect(response.status).toBe(200);
    expect(response.body.isReady).toBe(true);
    expect(response.body.shortfalls).toEqual([]);
    expect(response.body.counts.approvedTheoryItems).toBeGreaterThanOrEqual(600);
    expect(response.body.counts.activeTheoryPapers).toBe(5);
    expect(response.body.counts.approvedPracticalItems).toBeGreaterThanOrEqual(50);
    expect(response.body.counts.activePracticalPapers).toBe(5);
  });

  it('R7: files the plan today with the lead time held on the organisation calendar, and publishes the announcement (R8)', async () => {
    const summary = server.demoSeed!.summary!;
    const agent = await signIn('exam.admin');
    const response = await agent.get(`/api/batches/${summary.batchId}`);
    expect(response.status).toBe(200);
    const batch = response.body;
    expect(batch.status).toBe('announced');
    expect(batch.filingDate).toBe(summary.filingDate);
    expect(batch.rooms).toEqual([expect.objectContaining({ seats: 30, workstations: 12 })]);
    expect(batch.sessions.filter((session: { kind: string }) => session.kind === 'theory')).toHaveLength(1);
    expect(batch.sessions.filter((session: { kind: string }) => session.kind === 'practical').length).toBeGreaterThanOrEqual(1);
    const firstSessionDate = [...batch.sessions.map((session: { date: string }) => session.date)].sort()[0] as CalendarDate;
    const calendar = await loadWorkingDayCalendar(summary.organisationId);
    expect(checkPlanLeadTime({ filingDate: batch.filingDate, firstSessionDate, leadTimeWorkingDays: 10, calendar }).ok).toBe(true);
    const announcement = await agent.get(`/api/announcements/${batch.announcementId}`);
    expect(announcement.body.status).toBe('published');
  });

  it('R9, R21: evaluates 32 applications (30 eligible, 2 rejected with reasons) and issues 30 admission tickets with seats and workstations', async () => {
    const { batchId } = server.demoSeed!.summary!;
    const agent = await signIn('exam.admin');
    const applications = await agent.get(`/api/batches/${batchId}/applications`);
    expect(applications.body.counts).toMatchObject({ admitted: 30, rejected: 2, eligible: 0 });
    for (const rejected of applications.body.applications.filter((application: { status: string }) => application.status === 'rejected')) {
      expect(rejected.eligibility.reasons.length).toBeGreaterThan(0);
    }
    const tickets = await agent.get(`/api/batches/${batchId}/admission-tickets`);
    expect(tickets.status).toBe(200);
    expect(tickets.body.tickets).toHaveLength(30);
    expect(new Set(tickets.body.tickets.map((ticket: { admissionTicketNumber: string }) => ticket.admissionTicketNumber)).size).toBe(30);
    for (const ticket of tickets.body.tickets) {
      expect(ticket.sessions.map((session: { kind: string }) => session.kind).sort()).toEqual(['practical', 'theory']);
    }
  });

  it('R6: nobody holds two batch roles, the room proctor is the exam administrator and the assessors cover level 4', async () => {
    const summary = server.demoSeed!.summary!;
    const agent = await signIn('exam.admin');
    const batch = (await agent.get(`/api/batches/${summary.batchId}`)).body;
    const users = await UserModel.find({ _id: { $in: batch.staff.map((entry: { userId: string }) => entry.userId) } }).lean();
    const grades = Object.fromEntries(users.map((user) => [String(user._id), user.assessorGrade]));
    const check = checkStaffAssignments({
      batchLevels: [4],
      assignments: batch.staff.map((entry: { userId: string; role: 'exam_admin' | 'assessor' | 'supervisor'; name?: string }) => ({
        personId: entry.userId,
        personName: entry.name ?? entry.userId,
        role: entry.role,
      })),
      assessorGrades: grades,
    });
    expect(check.warnings).toEqual([]);
    expect(batch.staff.map((entry: { role: string }) => entry.role).sort()).toEqual(['assessor', 'assessor', 'assessor', 'exam_admin', 'supervisor']);
    const examAdministrator = batch.staff.find((entry: { role: string }) => entry.role === 'exam_admin').userId;
    expect(batch.rooms[0].proctorIds).toEqual([examAdministrator]);
  });

  it('lets every demo staff account and a demo candidate sign in with the printed credentials', async () => {
    for (const account of accounts.filter((candidate) => candidate.role !== 'candidate')) {
      const response = await supertest(server.url).post('/api/auth/login').send({ username: account.username, password: account.password });
      expect(response.status, account.username).toBe(200);
      expect(response.body.roles).toContain(account.role);
    }
    const candidate = accounts.find((account) => account.role === 'candidate')!;
    const response = await supertest(server.url)
      .post('/api/auth/candidate-login')
      .send({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password });
    expect(response.status).toBe(200);
    expect(response.body.roles).toEqual(['candidate']);
  });

  it('R10, R17: every seeded step is in an intact audit chain', async () => {
    const agent = await signIn('admin');
    const response = await agent.get('/api/admin/audit/verify');
    expect(response.status).toBe(200);
    expect(response.body.isIntact).toBe(true);
    const actions = await AuditEntryModel.distinct('action');
    for (const action of ['organisation.created', 'item.approved', 'bank_import.confirmed', 'paper_library.assembled', 'batch.filed', 'announcement.published', 'application.submitted', 'admission_tickets.issued']) {
      expect(actions, action).toContain(action);
    }
  });

  it('is idempotent: seeding again creates nothing and reports the stored accounts', async () => {
    const users = await UserModel.countDocuments();
    const items = await ItemModel.countDocuments();
    const again = await seedDemoOrganisation({ dataDir, logger: createLogger({ level: 'silent' }) });
    expect(again).toMatchObject({ isCreated: false, skippedReason: 'already_seeded' });
    expect(again.accounts).toEqual(accounts);
    expect(again.summary?.batchId).toBe(server.demoSeed!.summary!.batchId);
    expect(await UserModel.countDocuments()).toBe(users);
    expect(await ItemModel.countDocuments()).toBe(items);
  });

  it('R3: leaves the theory session for the walkthrough: the exam administrator opens it and each candidate gets a waiting 90-item attempt', async () => {
    const summary = server.demoSeed!.summary!;
    const agent = await signIn('exam.admin');
    const batch = (await agent.get(`/api/batches/${summary.batchId}`)).body;
    const theory = batch.sessions.find((session: { kind: string }) => session.kind === 'theory');
    expect(theory.status).toBe('scheduled');
    const opened = await agent.post(`/api/exam/batches/${summary.batchId}/sessions/${theory.id}/open`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', attemptCount: 30 });
    const candidate = accounts.find((account) => account.role === 'candidate')!;
    const candidateAgent = supertest.agent(server.url);
    await candidateAgent
      .post('/api/auth/candidate-login')
      .send({ idNumber: candidate.idNumber, admissionTicketNumber: candidate.admissionTicketNumber, password: candidate.password })
      .expect(200);
    const current = await candidateAgent.get('/api/exam/attempts/current');
    expect(current.status).toBe(200);
    expect(current.body.attempt).toMatchObject({ status: 'waiting', totalCount: 90 });
  });
});
