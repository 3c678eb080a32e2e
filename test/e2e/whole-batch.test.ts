/**
 * The whole certification batch end to end (issue 14), on the real provincial bank
 * (../shared/banks/省级低压电工作业.xlsx, read in place), the real server with the exam room and
 * proctoring attached, the built client in the system Chromium, real socket.io clients and the
 * embedded store (or MONGODB_URI). Steps share state and run in order:
 *
 * 1. bank: scope 电工 6-31-01-03 / 低压电工 / level 5; 56 practical tasks written by the bank editor
 *    and approved by the bank reviewer (four eyes); the xlsx dry run by the editor, confirmed as
 *    approved by the reviewer (blueprint derived from the bank's categories); 5 theory and 5
 *    practical papers; readiness passes (R1, R2, R17).
 * 2. plan: batch wizard, R7 filing on the organisation's working-day calendar (refused on the day,
 *    accepted on the latest filing date the refusal names), announcement (R8), roster of 30 from a
 *    generated xlsx (R9), admission tickets.
 * 3. exam: 5 candidates in Chromium through the candidate UI, 25 as socket.io clients; one drops
 *    and resumes with its answers intact, one leaves the page and the proctor warns them from the
 *    proctor console in Chromium, one is submitted by the server at its (shortened) deadline (R10).
 * 4. scoring: two assessors per practical card, supervisor sign-off, results, committee approval
 *    (R4, R6).
 * 5. publication on the organisation's calendar with a company rest day inside it (R11); one
 *    objection filed by a candidate and upheld with re-scoring; the working days pass on this
 *    process's clock (whole-batch/clock.ts) and the publication closes.
 * 6. certificates (R14 numbers parsed, one PDF read back with its QR code, public verification),
 *    HR export (R13), archive (R16) with manifest and audit excerpt, and the whole audit chain.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import supertest from 'supertest';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoPracticalBank } from '@skillcert/bank-tools/demo-bank/index';
import type { AttemptState, FormItemView, OpenSessionResult, SubmitResult } from '@skillcert/server/contracts/exam-room';
import { AttemptModel } from '@skillcert/server/domain/attempts/attempt.model';
import { computeAuditHash, computePayloadDigest, type AuditHashInput } from '@skillcert/server/domain/audit/audit-hash';
import { verifyAuditChain } from '@skillcert/server/domain/audit/verify-audit-chain';
import { parseCertificateNumber } from '@skillcert/server/domain/certificates/certificate-number';
import { attachProctoring } from '@skillcert/server/domain/proctoring/attach-proctoring';
import { attachExamRoom } from '@skillcert/server/realtime/attach-realtime';
import type { SignedInAgent, TestUser } from '../helpers/app';
import { bodyText, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';
import { decodeQrCodeFromPng, extractPdfText, removeWhitespace, renderPdfPageToPng } from '../helpers/pdf';
import type { CandidateClient } from '../realtime/exam-test-kit';
import { loadAnswerKey, type AnswerKey } from './whole-batch/answer-key';
import { answerOnPage, signInAtExamPage, startExamOnPage, submitOnPage } from './whole-batch/candidate-page';
import { advanceClockTo, chinaMorning, restoreClock, todayInChina } from './whole-batch/clock';
import { downloadBytes, expectStatus, uploadRaw, waitUntil } from './whole-batch/http';
import { buildPracticalSheet, type PracticalCardShape } from './whole-batch/practical-sheet';
import { openRoomConsole, waitForIncident, warnFromIncident } from './whole-batch/proctor-console';
import { makeRosterPeople, writeBatchRoster } from './whole-batch/roster';
import {
  answerItems,
  answerWithAccuracy,
  connectSocketCandidate,
  signInCandidateOverHttp,
  startAttempt,
  submitAttempt,
  type CandidateCredentials,
} from './whole-batch/socket-candidate';

const bankFile = fileURLToPath(new URL('../../../shared/banks/省级低压电工作业.xlsx', import.meta.url));
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const employer = '江门示例电力设备有限公司';
const candidateCount = 30;
const browserCandidateCount = 5;
/** Items per theory paper of the blueprint derived from the bank (the derivation's default). */
const itemsPerTheoryPaper = 100;
const roomName = '第一考场';

/** Journey start, for the duration printed at the end (ms, performance clock). */
const journeyStartedMs = performance.now();

/** An admitted candidate of the batch. */
interface Admitted extends CandidateCredentials {
  registrationId: string;
  /** Fraction 0..1 of theory questions answered correctly. */
  theoryAccuracy: number;
  /** Practical points in percent the first assessor gives (the second gives 1 more). */
  practicalPercent: number;
  sitsIn: 'browser' | 'socket';
}

/** Roles in the journey's cast (indexes into the admitted list, roster order). */
const cast = {
  /** Leaves the exam page; the proctor warns them from the console. */
  focusLoss: 0,
  /** Socket candidate whose connection drops mid-exam. */
  resumer: 5,
  /** Socket candidate submitted by the server at a shortened deadline. */
  autoSubmitted: 6,
  /** Weak in theory: fails. */
  weakTheory: [7, 8],
  /** Fails the practical on the first scoring; files the objection that is upheld. */
  objector: 9,
  /** Fails the practical. */
  weakPractical: 10,
} as const;

/** The first step that failed; later steps are skipped (they build on its state). */
let failedStep: string | undefined;

/**
 * One step of the journey: skipped when an earlier step failed, remembered when it fails itself.
 * @param timeoutMs the step's own time limit
 */
function step(name: string, run: () => Promise<void>, timeoutMs: number): void {
  it(name, async (context) => {
    if (failedStep) context.skip(`an earlier step failed: ${failedStep}`);
    try {
      await run();
    } catch (error) {
      failedStep = name;
      throw error;
    }
  }, timeoutMs);
}

describe('whole certification batch on the real bank (e2e)', () => {
  let harness: BrowserApp;
  let baseUrl: string;
  let admin: SignedInAgent;
  let bankEditor: SignedInAgent;
  let bankReviewer: SignedInAgent;
  let planner: SignedInAgent;
  let proctor: SignedInAgent;
  let assessorA: SignedInAgent;
  let assessorB: SignedInAgent;
  let supervisor: SignedInAgent;
  let hr: SignedInAgent;
  let scopeId: string;
  let batchId: string;
  let roomId: string;
  let theorySessionId: string;
  let answerKey: AnswerKey;
  let admitted: Admitted[] = [];
  const resultIdByRegistration = new Map<string, string>();
  let publicationEnd: string;
  const timings: Record<string, number> = {};
  let stepStartedMs = performance.now();
  const markStep = (name: string) => {
    timings[name] = Math.round(performance.now() - stepStartedMs);
    stepStartedMs = performance.now();
  };

  /** Staff sign in again (sessions last 12 hours; after the clock moved on they have expired). */
  async function signInAgain(user: TestUser): Promise<SignedInAgent> {
    const agent = supertest.agent(baseUrl);
    expectStatus(await agent.post('/api/auth/login').send({ username: user.username, password: user.password }), 200, `login ${user.role}`);
    return Object.assign(agent, { user });
  }

  /** The calendar setting: supplementary years past the statutory data up to next year, plus `extraRestDays`. */
  async function putCalendar(extraRestDays: string[]): Promise<{ coveredRange: { first: string; last: string } }> {
    const current = expectStatus<{ coveredRange: { first: string; last: string }; supplementaryYears: unknown[] }>(await admin.get('/api/organisation/calendar'), 200, 'calendar');
    const statutoryLastYear = Number(current.coveredRange.last.slice(0, 4)) - current.supplementaryYears.length;
    const neededLastYear = Number(todayInChina().slice(0, 4)) + 1;
    const supplementaryYears = [];
    for (let year = statutoryLastYear + 1; year <= neededLastYear; year += 1) {
      // The State Council publishes each year's schedule late in the previous year; until the calendar
      // data has it, the organisation enters it (here: New Year's Day only, an assumption of the test).
      supplementaryYears.push({ year, restDays: [`${year}-01-01`], workingDays: [], source: `${year}年节假日安排（测试假定：仅元旦）` });
    }
    return expectStatus(await admin.put('/api/organisation/calendar').send({ extraRestDays, extraWorkingDays: [], supplementaryYears }), 200, 'put calendar');
  }

  /** Working days of the organisation calendar after `from` (exclusive), in order, over the next `span` days. */
  async function workingDaysAfter(from: string, span = 40): Promise<string[]> {
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + span * 86_400_000).toISOString().slice(0, 10);
    const days = expectStatus<{ days: { date: string; isWorkingDay: boolean }[] }>(
      await planner.get('/api/organisation/calendar/days').query({ from, to }),
      200,
      'calendar days',
    );
    return days.days.filter((day) => day.isWorkingDay && day.date > from).map((day) => day.date);
  }

  beforeAll(async () => {
    harness = await startBrowserApp({
      realtimeModules: [(io, context) => attachExamRoom(io, context, { sweepIntervalMs: 1000 }).then(() => undefined), attachProctoring],
    });
    baseUrl = harness.app.baseUrl;
    [admin, bankEditor, bankReviewer, planner, proctor, assessorA, assessorB, supervisor, hr] = await Promise.all([
      harness.app.login('admin'),
      harness.app.login('bank_editor'),
      harness.app.login('bank_reviewer'),
      harness.app.login('exam_admin'),
      harness.app.login('proctor'),
      harness.app.login('assessor', { assessorGrade: 'assessor' }),
      harness.app.login('assessor', { assessorGrade: 'assessor' }),
      harness.app.login('supervisor'),
      harness.app.login('hr'),
    ]);
    markStep('startMs');
  }, 300_000);

  afterAll(async () => {
    restoreClock();
    await harness?.stop();
    const totalMs = Math.round(performance.now() - journeyStartedMs);
    process.stdout.write(`[whole-batch] step durations (ms): ${JSON.stringify(timings)}; total ${totalMs} ms\n`);
  }, 60_000);

  step('R1 R2 R17: imports the real bank as approved items, adds 56 practical tasks, assembles 5 + 5 papers and passes readiness', async () => {
    const scope = expectStatus<{ id: string }>(
      await bankEditor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工', level: 5, practicalTasksPerPaper: 2 }),
      201,
      'create scope',
    );
    scopeId = scope.id;

    // Practical tasks first: each write refreshes the scope's duplicate clusters, cheap while small.
    const tasks = generateDemoPracticalBank({ seed: 'whole-batch-2026' });
    expect(tasks.length).toBeGreaterThanOrEqual(50);
    const taskIds: string[] = [];
    for (const task of tasks) {
      taskIds.push(expectStatus<{ id: string }>(await bankEditor.post('/api/bank/items').send({ scopeId, content: task }), 201, 'create practical task').id);
    }
    for (const itemId of taskIds) expectStatus(await bankEditor.post(`/api/bank/items/${itemId}/submit`).send({ note: '实操题提交审核' }), 200, 'submit task');
    for (const itemId of taskIds) expectStatus(await bankReviewer.post(`/api/bank/items/${itemId}/approve`).send({ note: '审核通过' }), 200, 'approve task');

    const dryRun = expectStatus<{ importId: string; counts: Record<string, number>; rejectedCount: number; canConfirm: boolean; analysis: { blueprint: string } }>(
      await uploadRaw(bankEditor, `/api/bank/scopes/${scopeId}/imports`, '省级低压电工作业.xlsx', await readFile(bankFile)),
      201,
      'bank import dry run',
    );
    expect(dryRun).toMatchObject({ counts: { single: 295, multiple: 64, judge: 375, total: 734 }, rejectedCount: 0, canConfirm: true, analysis: { blueprint: 'derived' } });
    // Approved on import needs the bank reviewer (R17): the editor cannot, the reviewer confirms.
    expect((await bankEditor.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.importId}/confirm`).send({ status: 'approved' })).status).toBe(403);
    const confirmed = expectStatus<{ status: string; itemIds: string[] }>(
      await bankReviewer.post(`/api/bank/scopes/${scopeId}/imports/${dryRun.importId}/confirm`).send({ status: 'approved' }),
      200,
      'confirm import',
    );
    expect(confirmed.itemIds).toHaveLength(734);
    const blueprint = expectStatus<{ leaves: { code: string; itemCount: number }[]; blueprint: { structure: { type: string; count: number }[] } }>(
      await bankEditor.get(`/api/bank/scopes/${scopeId}/blueprint`),
      200,
      'blueprint',
    );
    expect(blueprint.leaves.reduce((sum, leaf) => sum + leaf.itemCount, 0)).toBe(734);
    expect(blueprint.blueprint.structure.reduce((sum, entry) => sum + entry.count, 0)).toBe(itemsPerTheoryPaper);

    const theoryLibrary = expectStatus<{ id: string; paperIds: string[]; maxOverlap: number }>(
      await planner.post('/api/papers/libraries').send({ scopeId, kind: 'theory', paperCount: 5, seed: 'whole-batch-theory' }),
      201,
      'assemble theory library',
    );
    const practicalLibrary = expectStatus<{ id: string; paperIds: string[]; maxOverlap: number }>(
      await planner.post('/api/papers/libraries').send({ scopeId, kind: 'practical', paperCount: 5, seed: 'whole-batch-practical' }),
      201,
      'assemble practical library',
    );
    expect(theoryLibrary.paperIds).toHaveLength(5);
    expect(theoryLibrary.maxOverlap).toBeLessThanOrEqual(0.1);
    expect(practicalLibrary.paperIds).toHaveLength(5);
    expect(practicalLibrary.maxOverlap).toBeLessThanOrEqual(0.1);
    const readiness = expectStatus<{ isReady: boolean; shortfalls: unknown[]; counts: Record<string, number> }>(
      await bankReviewer.get(`/api/bank/scopes/${scopeId}/readiness`),
      200,
      'readiness',
    );
    expect(readiness.shortfalls).toEqual([]);
    expect(readiness).toMatchObject({ isReady: true, counts: { approvedTheoryItems: 734, approvedPracticalItems: tasks.length, activeTheoryPapers: 5, activePracticalPapers: 5 } });

    const page = await harness.signIn(bankReviewer.user);
    await page.goto(harness.url(`/bank/scopes/${scopeId}/readiness`), { waitUntil: 'networkidle0' });
    expect(await textOf(page, 'section[aria-labelledby="verdict-heading"]')).toContain('已达到认定要求');
    await page.waitForSelector('.recharts-surface');
    await harness.screenshot(page, 'whole-batch-readiness');
    expect(pageErrorsOf(page)).toEqual([]);
    await page.browserContext().close();

    answerKey = await loadAnswerKey(bankReviewer, scopeId);
    // A few items share stem and options (near-duplicates of the provincial bank): one key entry each.
    expect(answerKey.size).toBeGreaterThan(700);
    markStep('bankMs');
  }, 180_000);

  step('R7 R8 R9: plans the batch, files it on the working-day calendar, announces it, imports the roster and issues admission tickets', async () => {
    await putCalendar([]);
    expectStatus(await admin.put('/api/organisation/enterprise-units').send({ enterpriseUnits: [employer] }), 200, 'enterprise units');
    const created = expectStatus<{ id: string }>(
      await planner.post('/api/batches').send({
        code: `${todayInChina().slice(0, 4)}-低压电工-初级-01`,
        name: '低压电工五级/初级工认定（全流程）',
        mode: 'promotion',
        scopes: [{ scopeId, weights: { theory: 0.3, practical: 0.7 } }],
      }),
      201,
      'create batch',
    );
    batchId = created.id;
    expectStatus(
      await planner.put(`/api/batches/${batchId}/staff`).send({
        staff: [
          { userId: planner.user.id, role: 'exam_admin' },
          { userId: proctor.user.id, role: 'exam_admin' },
          { userId: assessorA.user.id, role: 'assessor' },
          { userId: assessorB.user.id, role: 'assessor' },
          { userId: supervisor.user.id, role: 'supervisor' },
        ],
      }),
      200,
      'staff',
    );
    const rooms = expectStatus<{ rooms: { id: string; name: string }[] }>(
      await planner.put(`/api/batches/${batchId}/rooms`).send({
        rooms: [
          { name: roomName, seats: candidateCount, workstations: 0, proctorIds: [proctor.user.id] },
          { name: '实操车间', seats: 0, workstations: 15, proctorIds: [] },
        ],
      }),
      200,
      'rooms',
    );
    roomId = rooms.rooms.find((room) => room.name === roomName)!.id;
    const workshopId = rooms.rooms.find((room) => room.name === '实操车间')!.id;
    // The theory session starts now (this minute); two practical sessions of 15 workstations follow (R21).
    const theoryStartsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const hoursLater = (hours: number) => new Date(theoryStartsAt.getTime() + hours * 3_600_000).toISOString();
    const sessions = expectStatus<{ sessions: { id: string; kind: string; date: string }[]; warnings: { ruleId: string }[] }>(
      await planner.put(`/api/batches/${batchId}/sessions`).send({
        sessions: [
          { kind: 'theory', scopeId, roomId, startsAt: theoryStartsAt.toISOString(), durationMinutes: 90 },
          { kind: 'practical', scopeId, roomId: workshopId, startsAt: hoursLater(2), durationMinutes: 120 },
          { kind: 'practical', scopeId, roomId: workshopId, startsAt: hoursLater(4.5), durationMinutes: 120 },
        ],
      }),
      200,
      'sessions',
    );
    theorySessionId = sessions.sessions.find((session) => session.kind === 'theory')!.id;
    expect(sessions.warnings.filter((warning) => warning.ruleId === 'R21')).toEqual([]);

    // R7: filing today is too late for a session today; the refusal names the latest filing date.
    const today = todayInChina();
    const tooLate = await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: today });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error).toMatchObject({ code: 'lead_time_violation', details: { ruleId: 'R7' } });
    const { latestFilingDate, requiredWorkingDays } = tooLate.body.error.details as { latestFilingDate: string; requiredWorkingDays: number };
    expect(requiredWorkingDays).toBeGreaterThanOrEqual(5);
    expect(latestFilingDate < today).toBe(true);
    const filed = expectStatus<{ batch: { status: string; filingDate: string }; leadTime: { leadWorkingDays: number } }>(
      await planner.post(`/api/batches/${batchId}/filing`).send({ filingDate: latestFilingDate }),
      200,
      'filing',
    );
    expect(filed.batch).toMatchObject({ status: 'filed', filingDate: latestFilingDate });
    expect(filed.leadTime.leadWorkingDays).toBeGreaterThanOrEqual(requiredWorkingDays);
    // The working days strictly between filing and session, counted on the organisation's calendar.
    const between = (await workingDaysAfter(latestFilingDate)).filter((date) => date < today);
    expect(between.length).toBe(filed.leadTime.leadWorkingDays);

    const announcement = expectStatus<{ id: string }>(
      await planner.post(`/api/batches/${batchId}/announcement`).send({
        title: '关于开展低压电工五级/初级工职业技能等级认定的公告',
        introduction: '根据企业职业技能等级认定工作方案，现开展本批次认定，请符合条件的员工按要求参加。',
        places: [{ name: '培训中心', address: '江门市蓬江区示例路 1 号培训中心三楼' }],
        materials: ['身份证原件', '准考证'],
        contacts: [{ name: '林老师', department: '人力资源部', phone: '0750-1234567' }],
      }),
      201,
      'announcement',
    );
    const published = expectStatus<{ status: string; contentHash: string; page: { schedule: { kind: string }[]; offerings: { level: number }[] } }>(
      await planner.post(`/api/announcements/${announcement.id}/publish`),
      200,
      'publish announcement',
    );
    expect(published.status).toBe('published');
    expect(published.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.page.schedule.map((entry) => entry.kind).sort()).toEqual(['practical', 'practical', 'theory']);
    expect(published.page.offerings[0].level).toBe(5);

    const people = makeRosterPeople(candidateCount);
    const roster = expectStatus<{ imported: number; eligible: number; rejected: number }>(
      await planner
        .post(`/api/batches/${batchId}/roster`)
        .query({ file: 'roster.xlsx' })
        .set('Content-Type', xlsxType)
        .send(await writeBatchRoster(people, employer, '低压电工初级工认定 评价员工名册')),
      201,
      'roster import',
    );
    expect(roster).toMatchObject({ imported: candidateCount, eligible: candidateCount, rejected: 0 });

    const tickets = expectStatus<{
      issued: { id: string; admissionTicketNumber: string; candidateName: string; seatNumber: number; theorySessionId: string }[];
      initialPasswords: { admissionTicketNumber: string; idNumber: string; name: string; password: string }[];
    }>(await planner.post(`/api/batches/${batchId}/admission-tickets`).send({}), 201, 'admission tickets');
    expect(tickets.issued).toHaveLength(candidateCount);
    expect(tickets.initialPasswords).toHaveLength(candidateCount);
    expect(new Set(tickets.issued.map((registration) => registration.seatNumber)).size).toBe(candidateCount);
    admitted = people.map((person, index) => {
      const credentials = tickets.initialPasswords.find((entry) => entry.idNumber === person.idNumber)!;
      const registration = tickets.issued.find((entry) => entry.admissionTicketNumber === credentials.admissionTicketNumber)!;
      expect(registration.theorySessionId).toBe(theorySessionId);
      const weak = (cast.weakTheory as readonly number[]).includes(index);
      return {
        name: person.name,
        idNumber: person.idNumber,
        admissionTicketNumber: credentials.admissionTicketNumber,
        password: credentials.password,
        registrationId: registration.id,
        theoryAccuracy: weak ? 0.3 : index === cast.autoSubmitted ? 0.95 : 0.88,
        practicalPercent: index === cast.objector ? 55 : index === cast.weakPractical ? 50 : 80,
        sitsIn: index < browserCandidateCount ? 'browser' : 'socket',
      };
    });
    markStep('planMs');
  }, 120_000);

  describe('theory exam', () => {
    const pages: Page[] = [];
    let proctorPage: Page;
    const clients = new Map<number, CandidateClient>();
    const cookies = new Map<number, string>();
    const sentAnswers = new Map<number, Map<number, number[]>>();
    const submitResults = new Map<number, SubmitResult>();

    step('R10: signs the candidates in (5 in Chromium, 25 over socket.io) to wait, then opens the session', async () => {
      expectStatus(await admin.patch('/api/proctoring/settings').send({ incidentThresholds: { focusLostThresholdMs: 4000 } }), 200, 'proctoring settings');
      pages.push(
        ...(await Promise.all(
          admitted
            .filter((entry) => entry.sitsIn === 'browser')
            .map(async (candidate) => {
              const page = await signInAtExamPage(harness, candidate);
              expect(await waitForText(page, '候考室')).toContain('考场尚未开放');
              return page;
            }),
        )),
      );
      await Promise.all(
        admitted.map(async (candidate, index) => {
          if (candidate.sitsIn !== 'socket') return;
          const cookie = await signInCandidateOverHttp(baseUrl, candidate);
          cookies.set(index, cookie);
          const client = await connectSocketCandidate(baseUrl, cookie);
          clients.set(index, client);
          const joined = await client.call<{ connection: string }>('attempt:join', {});
          expect(joined.connection).toBe('none');
        }),
      );
      const openedEvents = [...clients.values()].map((client) => client.next('session:opened', 30_000));

      const opened = expectStatus<OpenSessionResult>(await proctor.post(`/api/exam/batches/${batchId}/sessions/${theorySessionId}/open`), 200, 'open session');
      expect(opened).toMatchObject({ status: 'open', attemptsCreated: candidateCount, attemptCount: candidateCount });
      // R2 in use: the 30 candidates are spread over the 5 papers of the library (6 each).
      expect(opened.candidatesPerPaper).toEqual([6, 6, 6, 6, 6]);
      await Promise.all(openedEvents);
      for (const page of pages) expect(await waitForText(page, '考试须知与确认')).toContain(`共 ${itemsPerTheoryPaper} 题`);
      proctorPage = await openRoomConsole(harness, proctor.user, roomName);
      markStep('examOpenMs');
    }, 120_000);

    step('R10 R17: 30 candidates answer and hand in; a drop is resumed with answers intact, a focus loss is warned from the console, a deadline auto-submits', async () => {
      const sittingsStartedMs = performance.now();
      const focusLossName = admitted[cast.focusLoss].name;
      const warning = '请勿离开考试页面，再次离开将记录为违纪。';

      const browserSittings = admitted.slice(0, browserCandidateCount).map(async (candidate, index) => {
        const page = pages[index];
        await startExamOnPage(page);
        if (index !== cast.focusLoss) {
          await answerOnPage(page, answerKey, { accuracy: candidate.theoryAccuracy });
          await page.keyboard.press('Home');
          if (index === 1) await harness.screenshot(page, 'whole-batch-candidate-exam');
          return submitOnPage(page);
        }
        await answerOnPage(page, answerKey, { accuracy: candidate.theoryAccuracy, count: 10 });
        // The candidate switches to another window and stays away past the threshold.
        await page.evaluate('window.dispatchEvent(new Event("blur"))');
        await page.waitForSelector('dialog[open] .exam-warning', { timeout: 60_000 });
        expect(await textOf(page, 'dialog[open] .exam-warning')).toContain(warning);
        await page.evaluate('window.dispatchEvent(new Event("focus"))');
        await page.locator('dialog[open] button::-p-text(我知道了)').click();
        await page.waitForFunction('document.querySelector("dialog[open]") === null');
        await page.keyboard.press('j');
        await answerOnPage(page, answerKey, { accuracy: candidate.theoryAccuracy, firstNumber: 11 });
        return submitOnPage(page);
      });

      const proctoring = (async () => {
        const feed = await waitForIncident(proctorPage, focusLossName, '长时间离开考试页面', 60_000);
        expect(feed).toContain(focusLossName);
        // The grid and the summary count the incident with the next room delta.
        await proctorPage.waitForSelector('.proctor-figures li.figure-bad', { timeout: 10_000 });
        await proctorPage.waitForSelector('.candidate-card.has-incidents');
        await harness.screenshot(proctorPage, 'whole-batch-proctor-incident');
        await warnFromIncident(proctorPage, focusLossName, '考生离开考试页面超过 4 秒', warning);
        await proctorPage.waitForSelector('.incident-list li.incident .success');
        expect(await textOf(proctorPage, '.incident-feed')).toContain(`${proctor.user.name} 已处理 · 警告提醒`);
        await proctorPage.keyboard.press('Escape');
      })();

      const socketSittings = [...clients.entries()].map(async ([index, client]) => {
        const candidate = admitted[index];
        const choose = answerWithAccuracy(candidate.theoryAccuracy);
        const joined = await client.call<{ connection: string; attempt: AttemptState }>('attempt:join', {});
        expect(joined.connection).toBe('active');
        const state = await startAttempt(client);
        const items = state.form.items as FormItemView[];
        expect(items).toHaveLength(itemsPerTheoryPaper);
        if (index === cast.resumer) {
          const first = await answerItems(client, items.slice(0, 50), { key: answerKey, choose, firstSeq: state.lastSeq + 1 });
          client.close();
          // Back on a new connection with the same login: the answers come back from the server.
          const again = await connectSocketCandidate(baseUrl, cookies.get(index)!);
          clients.set(index, again);
          const rejoined = await again.call<{ connection: string; attempt: AttemptState }>('attempt:join', {});
          expect(rejoined.connection).toBe('active');
          expect(rejoined.attempt.status).toBe('in_progress');
          const restored = Object.fromEntries(Object.entries(rejoined.attempt.answers).map(([slot, answer]) => [slot, answer.response]));
          expect(restored).toEqual(Object.fromEntries([...first.sent.entries()].map(([slot, response]) => [String(slot), response])));
          expect(rejoined.attempt.lastSeq).toBe(first.lastSeq);
          const rest = await answerItems(again, items.slice(50), { key: answerKey, choose, firstSeq: rejoined.attempt.lastSeq + 1 });
          sentAnswers.set(index, new Map([...first.sent, ...rest.sent]));
          submitResults.set(index, await submitAttempt(again));
          return;
        }
        if (index === cast.autoSubmitted) {
          const partial = await answerItems(client, items.slice(0, 70), { key: answerKey, choose, firstSeq: state.lastSeq + 1 });
          sentAnswers.set(index, partial.sent);
          // The candidate's time runs out (the 90 minutes are shortened to now + 1.5 s in the store):
          // the server submits by itself and tells the candidate.
          const submitted = client.next<SubmitResult>('attempt:submitted', 20_000);
          await AttemptModel.updateOne({ _id: new Types.ObjectId(state.attemptId) }, { $set: { deadlineAt: new Date(Date.now() + 1500) } });
          submitResults.set(index, await submitted);
          return;
        }
        const answered = await answerItems(client, items, { key: answerKey, choose, firstSeq: state.lastSeq + 1 });
        sentAnswers.set(index, answered.sent);
        submitResults.set(index, await submitAttempt(client));
      });

      const timed = <T>(name: string, promise: Promise<T>) => promise.then((value) => ((timings[name] = Math.round(performance.now() - sittingsStartedMs)), value));
      const [doneTexts] = await Promise.all([timed('browserSittingsMs', Promise.all(browserSittings)), timed('socketSittingsMs', Promise.all(socketSittings)), proctoring]);
      for (const text of doneTexts) expect(text).toContain('您已成功交卷');
      for (const page of pages) expect(pageErrorsOf(page)).toEqual([]);

      expect(submitResults.get(cast.autoSubmitted)).toMatchObject({ submitReason: 'deadline', answeredCount: 70, totalCount: itemsPerTheoryPaper });
      expect(submitResults.get(cast.resumer)).toMatchObject({ submitReason: 'candidate', answeredCount: itemsPerTheoryPaper });
      const attempts = await AttemptModel.find({ batchId: new Types.ObjectId(batchId) }, { status: 1, submitReason: 1, registrationId: 1, answers: 1 }).lean();
      expect(attempts).toHaveLength(candidateCount);
      expect(attempts.every((attempt) => attempt.status === 'submitted')).toBe(true);
      // What the resumed candidate sent before and after the drop is what the server stored.
      const resumed = attempts.find((attempt) => String(attempt.registrationId) === admitted[cast.resumer].registrationId)!;
      const stored = Object.fromEntries(Object.entries(resumed.answers as Record<string, { response: number[] }>).map(([slot, answer]) => [slot, answer.response]));
      expect(stored).toEqual(Object.fromEntries([...sentAnswers.get(cast.resumer)!.entries()].map(([slot, response]) => [String(slot), response])));
      markStep('examMs');
    }, 240_000);

    step('R10: the proctor sees every paper handed in and files the room record', async () => {
      const figures = () =>
        proctorPage.$$eval('.proctor-figures li', (items) =>
          Object.fromEntries(
            items.map((item) => {
              const element = item as unknown as { querySelector(selector: string): { textContent: string | null } | null };
              return [element.querySelector('.figure-label')?.textContent ?? '', Number(element.querySelector('.figure-value')?.textContent)];
            }),
          ),
        );
      await waitUntil('the console to count 30 papers handed in', async () => (await figures())['已交卷'] === candidateCount, 20_000);
      expect(await figures()).toMatchObject({ 考生: candidateCount, 作答中: 0, 已交卷: candidateCount });
      // Every incident of the room is the candidate who left the page (after the long absence, the
      // quick answers on return may add an answer-burst incident).
      const incidents = await proctorPage.$$eval('.incident-list li.incident', (items) => items.map((item) => (item as unknown as { textContent: string | null }).textContent ?? ''));
      expect(incidents.length).toBe((await figures())['异常']);
      for (const incident of incidents) expect(incident).toContain(admitted[cast.focusLoss].name);
      const record = expectStatus<{ version: number }>(
        await proctor.post('/api/proctoring/room-records').send({ batchId, sessionId: theorySessionId, roomId, conditions: '考场秩序良好，监控设备 2 路正常；1 名考生离开页面已警告。' }),
        201,
        'room record',
      );
      expect(record.version).toBe(1);
      // The warning and the incident it handled are on the candidate's timeline (R10).
      const focusLossAttempt = await AttemptModel.findOne({ registrationId: new Types.ObjectId(admitted[cast.focusLoss].registrationId) }, { _id: 1 }).lean();
      const timeline = expectStatus<{ entries: { kind: string; detail: Record<string, unknown> }[] }>(
        await proctor.get(`/api/proctoring/attempts/${String(focusLossAttempt!._id)}/timeline`),
        200,
        'timeline',
      );
      expect(timeline.entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'incident', detail: expect.objectContaining({ rule: 'focus_lost_too_long' }) }),
          expect.objectContaining({ kind: 'action', detail: expect.objectContaining({ action: 'warn', reason: '考生离开考试页面超过 4 秒' }) }),
          expect.objectContaining({ kind: 'submitted', detail: { submitReason: 'candidate' } }),
        ]),
      );
      for (const client of clients.values()) client.close();
      for (const page of [...pages, proctorPage]) await page.browserContext().close();
      markStep('roomRecordMs');
    }, 60_000);
  });

  step('R4 R6: two assessors score every practical card independently, the supervisor signs off, the committee approves the results', async () => {
    expectStatus(await planner.post(`/api/scoring/batches/${batchId}/theory`).send({}), 200, 'theory scoring catch-up');
    const prepared = expectStatus<{ cardCount: number }>(
      await planner.post(`/api/scoring/batches/${batchId}/score-cards`).send({ component: 'practical' }),
      201,
      'prepare score cards',
    );
    expect(prepared.cardCount).toBe(candidateCount);
    const cards = expectStatus<{ cards: (PracticalCardShape & { id: string; registrationId: string; canScore: boolean })[] }>(
      await assessorA.get(`/api/scoring/batches/${batchId}/score-cards`).query({ component: 'practical' }),
      200,
      'score cards',
    ).cards;
    expect(cards).toHaveLength(candidateCount);
    const byRegistration = new Map(admitted.map((candidate) => [candidate.registrationId, candidate]));
    for (const [cardIndex, card] of cards.entries()) {
      const candidate = byRegistration.get(card.registrationId)!;
      expect(card.canScore).toBe(true);
      expect(card.tasks).toHaveLength(2);
      const pointsA = Math.round((card.maxPoints * candidate.practicalPercent) / 100);
      expectStatus(await assessorA.post(`/api/scoring/score-cards/${card.id}/scores`).send(buildPracticalSheet(card, pointsA, '操作规范')), 201, 'score A');
      if (cardIndex === 0) {
        // R6: the second assessor sees nothing of the first one's points before scoring.
        const seenByB = expectStatus<{ entries: unknown[]; scoredCount: number; finalPoints: number | null }>(await assessorB.get(`/api/scoring/score-cards/${card.id}`), 200, 'card seen by B');
        expect(seenByB).toMatchObject({ entries: [], scoredCount: 1, finalPoints: null });
      }
      const scoredB = expectStatus<{ status: string; finalPoints: number }>(
        await assessorB.post(`/api/scoring/score-cards/${card.id}/scores`).send(buildPracticalSheet(card, pointsA + 2, '基本规范')),
        201,
        'score B',
      );
      expect(scoredB).toMatchObject({ status: 'final', finalPoints: pointsA + 1 });
    }

    expectStatus(await supervisor.post(`/api/scoring/batches/${batchId}/sign-offs`).send({ component: 'practical', note: '评分过程符合规定' }), 201, 'sign-off');
    const computed = expectStatus<{ computedCount: number; incomplete: unknown[]; results: { id: string; registrationId: string; isPass: boolean; components: { key: string; score: number }[] }[] }>(
      await planner.post(`/api/scoring/batches/${batchId}/results/compute`).send({}),
      200,
      'compute results',
    );
    expect(computed).toMatchObject({ computedCount: candidateCount, incomplete: [] });
    for (const result of computed.results) resultIdByRegistration.set(result.registrationId, result.id);
    // Theory: question (slot) n is answered correctly when (37 n mod 100) < accuracy x 100, which
    // over 1..100 is exactly accuracy x 100 questions of 1 point (a few stems of the provincial bank
    // repeat with other keys, hence the tolerance); practical: the mean of the two assessors.
    const componentsOf = (index: number) =>
      Object.fromEntries(computed.results.find((result) => result.registrationId === admitted[index].registrationId)!.components.map((component) => [component.key, component.score]));
    const expectTheory = (index: number, expected: number) => expect(Math.abs(componentsOf(index).theory - expected), `theory of candidate ${index}`).toBeLessThanOrEqual(3);
    for (const index of [1, 2, 3, 4, cast.resumer, 11, 20, 29]) expectTheory(index, 88);
    for (const index of cast.weakTheory) expectTheory(index, 30);
    const autoSubmittedCorrect = Array.from({ length: 70 }, (_, slot) => slot + 1).filter((slot) => (slot * 37) % 100 < 95).length;
    expectTheory(cast.autoSubmitted, autoSubmittedCorrect);
    expect(componentsOf(1).practical).toBe(80.5);
    expect(componentsOf(cast.objector).practical).toBe(55.5);
    const passing = new Set(computed.results.filter((result) => result.isPass).map((result) => result.registrationId));
    const expectedFailures = [...cast.weakTheory, cast.objector, cast.weakPractical].map((index) => admitted[index].registrationId);
    expect([...byRegistration.keys()].filter((registrationId) => !passing.has(registrationId)).sort()).toEqual([...expectedFailures].sort());
    const approved = expectStatus<{ approvedCount: number }>(
      await supervisor.post(`/api/scoring/batches/${batchId}/results/approve`).send({ decisionReference: '评委会〔2026〕12号' }),
      200,
      'approve results',
    );
    expect(approved.approvedCount).toBe(candidateCount);
    markStep('scoringMs');
  }, 120_000);

  step('R11: publishes for the working days of the organisation calendar, upholds an objection with re-scoring, and closes after the period', async () => {
    const today = todayInChina();
    // The company's own rest day on the second working day of the period lengthens it by one day.
    const statutory = await workingDaysAfter(today);
    const companyRestDay = statutory[1];
    await putCalendar([companyRestDay]);
    const workingDays = await workingDaysAfter(today);
    expect(workingDays).not.toContain(companyRestDay);

    const opened = expectStatus<{ status: string; startDate: string; periodWorkingDays: number; earliestEndDate: string }>(
      await planner.post(`/api/batches/${batchId}/publication`).send({ remarks: '公示期内如有异议，请向评价工作委员会提出。' }),
      201,
      'open publication',
    );
    expect(opened).toMatchObject({ status: 'open', startDate: today });
    expect(opened.periodWorkingDays).toBeGreaterThanOrEqual(3);
    expect(opened.earliestEndDate).toBe(workingDays[opened.periodWorkingDays - 1]);
    expect(opened.earliestEndDate > statutory[opened.periodWorkingDays - 1]).toBe(true);

    // The candidate sees the published result and files a re-scoring objection.
    const objector = admitted[cast.objector];
    const candidateAgent = supertest.agent(baseUrl);
    expectStatus(await candidateAgent.post('/api/auth/candidate-login').send({ idNumber: objector.idNumber, admissionTicketNumber: objector.admissionTicketNumber, password: objector.password }), 200, 'candidate login');
    const mine = expectStatus<{ results: { id: string; isPass: boolean; status: string }[] }>(await candidateAgent.get('/api/scoring/my-results'), 200, 'my results');
    expect(mine.results).toEqual([expect.objectContaining({ id: resultIdByRegistration.get(objector.registrationId), isPass: false, status: 'published' })]);
    const objection = expectStatus<{ id: string; status: string; isFiledOnBehalf: boolean }>(
      await candidateAgent.post(`/api/batches/${batchId}/publication/objections`).send({ resultId: mine.results[0].id, kind: 'rescoring', reason: '实操第二项接线工艺扣分过多，申请复核。' }),
      201,
      'file objection',
    );
    expect(objection).toMatchObject({ status: 'open', isFiledOnBehalf: false });
    const objectionId = objection.id;

    const blocked = await planner.post(`/api/batches/${batchId}/publication/close`).send({});
    expect(blocked.status).toBe(409);
    const decided = expectStatus<{ status: string; decision: { rescoring: { previous: { isPass: boolean }; current: { isPass: boolean; totalScore: number } } } }>(
      await admin.post(`/api/objections/${objectionId}/decision`).send({ outcome: 'upheld', reason: '复核录像后确认接线工艺扣分有误，实操改判 70 分。', changes: [{ component: 'practical', score: 70 }] }),
      200,
      'decide objection',
    );
    expect(decided.status).toBe('upheld');
    expect(decided.decision.rescoring.previous.isPass).toBe(false);
    expect(decided.decision.rescoring.current.isPass).toBe(true);
    const tooEarly = await planner.post(`/api/batches/${batchId}/publication/close`).send({});
    expect(tooEarly.status).toBe(412);
    expect(tooEarly.body.error.details).toMatchObject({ earliestEndDate: opened.earliestEndDate });

    // The working days pass.
    advanceClockTo(chinaMorning(opened.earliestEndDate));
    expect(todayInChina()).toBe(opened.earliestEndDate);
    planner = await signInAgain(planner.user);
    const closed = expectStatus<{ status: string; endDate: string; finalNoticeHash: string; notice: { passCount: number; totalCount: number } }>(
      await planner.post(`/api/batches/${batchId}/publication/close`).send({}),
      200,
      'close publication',
    );
    expect(closed).toMatchObject({ status: 'closed', endDate: opened.earliestEndDate, notice: { totalCount: candidateCount, passCount: candidateCount - 3 } });
    expect(closed.finalNoticeHash).toMatch(/^[0-9a-f]{64}$/);
    publicationEnd = closed.endDate;
    markStep('publicationMs');
  }, 120_000);

  step('R13 R14 R15 R16 R17: issues numbered certificates, renders and verifies one, exports HR data, archives the batch and the audit chain holds', async () => {
    hr = await signInAgain(hr.user);
    admin = await signInAgain(admin.user);
    const issued = expectStatus<{ issued: { certificateId: string; resultId: string; number: string }[]; notPassedCount: number }>(
      await hr.post(`/api/batches/${batchId}/certificates`).send({}),
      201,
      'issue certificates',
    );
    expect(issued.issued).toHaveLength(candidateCount - 3);
    expect(issued.notPassedCount).toBe(3);
    const issueYear = Number(publicationEnd.slice(0, 4));
    const serials = issued.issued.map((certificate) => {
      const fields = parseCertificateNumber(certificate.number);
      expect(certificate.number).toHaveLength(22);
      expect(fields).toMatchObject({
        organisationClass: 'Y',
        organisationCode: '0000',
        provinceCode: '44',
        siteSerial: { kind: 'employer', cityCode: '03', siteType: 2, siteSequence: 1 },
        issueYear,
        level: 5,
      });
      return fields.serial;
    });
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: serials.length }, (_, index) => index + 1));
    const objectorCertificate = issued.issued.find((certificate) => certificate.resultId === resultIdByRegistration.get(admitted[cast.objector].registrationId));
    expect(objectorCertificate).toBeDefined();

    // One certificate read back from its PDF: name, number and the QR code of the verification page.
    const browserCandidate = admitted[1];
    const certificate = issued.issued.find((entry) => entry.resultId === resultIdByRegistration.get(browserCandidate.registrationId))!;
    const { bytes: pdf } = await downloadBytes(hr, `/api/certificates/${certificate.certificateId}/pdf`, 'certificate pdf');
    const text = removeWhitespace(await extractPdfText(new Uint8Array(pdf)));
    expect(text).toContain(removeWhitespace(browserCandidate.name));
    expect(text).toContain(certificate.number);
    const qr = decodeQrCodeFromPng(await renderPdfPageToPng(new Uint8Array(pdf), { scale: 3 }));
    expect(qr).not.toBeNull();
    const verifyUrl = new URL(qr!);
    expect(`${verifyUrl.origin}${verifyUrl.pathname}`).toBe(`${baseUrl}/verify/${certificate.number}`);
    const anonymous = supertest(baseUrl);
    const verified = expectStatus<{ status: string; certificate: { number: string; level: number } }>(
      await anonymous.get(`/api/verify/${certificate.number}`).query({ t: verifyUrl.searchParams.get('t') }),
      200,
      'verify api',
    );
    expect(verified).toMatchObject({ status: 'valid', certificate: { number: certificate.number, level: 5 } });
    const verifyPage = await harness.newPage();
    await verifyPage.goto(qr!, { waitUntil: 'networkidle0' });
    expect(await bodyText(verifyPage)).toContain('证书有效');
    await verifyPage.browserContext().close();

    // R13: the HR export with the reporting columns, one row per certificate.
    const { bytes: workbookBytes } = await downloadBytes(hr, `/api/certificates/export?format=xlsx&batchId=${batchId}`, 'hr export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['证书编号', '姓名', '证件类型', '证件号码', '职业编码', '职业名称', '工种', '等级', '考核日期', '发证日期']);
    expect(sheet.actualRowCount).toBe(1 + issued.issued.length);
    const exportedNumbers = new Set<string>();
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber > 1) exportedNumbers.add(String(row.getCell(1).value));
    });
    expect([...exportedNumbers].sort()).toEqual(issued.issued.map((entry) => entry.number).sort());
    const deadlines = expectStatus<{ deadlines: { ruleId: string; date: string | null }[] }>(await planner.get(`/api/batches/${batchId}/deadlines`), 200, 'deadlines');
    expect(deadlines.deadlines.find((deadline) => deadline.ruleId === 'R13')?.date ?? '').toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // R16: the archive with its manifest and audit excerpt.
    const archive = expectStatus<{ id: string; version: number }>(await planner.post(`/api/batches/${batchId}/archive`).send({}), 201, 'build archive');
    const { bytes: zipBytes } = await downloadBytes(admin, `/api/archives/${archive.id}/download`, 'archive download');
    const zip = await JSZip.loadAsync(zipBytes);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      batch: { id: string };
      documents: { key: string; files: string[]; isMissing: boolean }[];
      files: { path: string; sha256: string }[];
      missing: { document: string; reason: string }[];
    };
    expect(manifest.batch.id).toBe(batchId);
    const documentsPresent = manifest.documents.filter((document) => document.files.length > 0).map((document) => document.key);
    expect(documentsPresent).toEqual([
      'announcement',
      'roster',
      'applications',
      'papers',
      'sign_in_sheets',
      'room_records',
      'score_sheets',
      'result_summary',
      'publication',
      'certificate_table',
      'audit_excerpt',
    ]);
    // Level 5 has no comprehensive review; the video stays with the monitoring system (R16).
    expect(manifest.missing.map((entry) => entry.document).sort()).toEqual(['monitoring_video', 'review_materials']);
    for (const file of manifest.files) {
      const content = await zip.file(file.path)?.async('nodebuffer');
      expect(content, file.path).toBeDefined();
      expect(createHash('sha256').update(content!).digest('hex'), file.path).toBe(file.sha256);
    }
    expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining([expect.stringMatching(/room-records\.json$/), expect.stringMatching(/objections\.json$/)]));
    const excerptPath = manifest.documents.find((document) => document.key === 'audit_excerpt')!.files[0];
    const excerpt = JSON.parse(await zip.file(excerptPath)!.async('string')) as {
      chain: { isIntact: boolean };
      isExcerptConsistent: boolean;
      entries: { seq: number; at: string; organisationId: string | null; actor: { userId: string | null; name: string; roles: string[] }; action: string; target: { kind: string; id: string | null; label?: string }; payloadJson: string; payloadDigest: string; previousHash: string; hash: string }[];
    };
    expect(excerpt.chain.isIntact).toBe(true);
    expect(excerpt.isExcerptConsistent).toBe(true);
    const excerptActions = new Set(excerpt.entries.map((entry) => entry.action));
    for (const action of ['batch.filed', 'publication.opened', 'publication.closed']) expect(excerptActions, action).toContain(action);
    // Each entry's hash recomputes from its own fields, and consecutive entries link, checked here
    // independently of the builder.
    for (const [index, entry] of excerpt.entries.entries()) {
      const previous = excerpt.entries[index - 1];
      if (previous && previous.seq === entry.seq - 1) expect(entry.previousHash).toBe(previous.hash);
      expect(computePayloadDigest(entry.payloadJson)).toBe(entry.payloadDigest);
      expect(
        computeAuditHash({ ...entry, actor: entry.actor as AuditHashInput['actor'], target: entry.target as AuditHashInput['target'], at: new Date(entry.at) }),
      ).toBe(entry.hash);
    }

    const chain = await verifyAuditChain();
    expect(chain).toMatchObject({ isIntact: true });
    expect(expectStatus<{ isIntact: boolean }>(await admin.get('/api/admin/audit/verify'), 200, 'audit verify').isIntact).toBe(true);
    markStep('certificatesArchiveMs');
  }, 180_000);
});
