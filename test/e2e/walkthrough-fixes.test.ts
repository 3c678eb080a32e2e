/**
 * Screens the README walk-through leans on, in the real browser over an exam fixture (one batch,
 * one theory session, admitted candidates): the Tickets page offers each session's sign-in sheet
 * PDF to plan readers — exam administrators and supervisors — and the per-ticket PDF only to
 * planners (R10, R17); the candidate's home page leads into the exam (`/exam`); the organisation
 * settings inputs take the server's bounds and the R11 field says a change applies to publications
 * opened afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';

/** Status, content type and first bytes of a same-origin GET made by the page (with its cookies). */
function fetchFromPage(page: Page, path: string): Promise<{ status: number; contentType: string; head: string }> {
  return page.evaluate(async (url: string) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', head: String.fromCharCode(...bytes) };
  }, path);
}

describe('walk-through screens: sign-in sheets, the candidate home, organisation settings (e2e)', () => {
  let harness: BrowserApp;
  let fixture: ExamFixture;

  beforeAll(async () => {
    harness = await startBrowserApp();
    fixture = await createExamFixture({ candidateCount: 2, organisationId: harness.app.organisationId, shouldOpenSession: false });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R10: offers the exam administrator a sign-in sheet PDF for the theory session', async () => {
    const page = await harness.signIn({ id: fixture.examAdmin.userId, role: 'exam_admin', name: '', username: fixture.examAdmin.username, password: fixture.examAdmin.password });
    await page.goto(harness.url(`/plans/batches/${fixture.batchId}/tickets`), { waitUntil: 'networkidle0' });
    const card = await textOf(page, 'section[aria-labelledby="sign-in-sheets-heading"]');
    expect(card).toContain('签到表');
    expect(card).toContain('理论');
    const href = await page.$eval(`tr[data-session-id="${fixture.sessionId}"] a.sign-in-sheet`, (link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href'));
    expect(href).toBe(`/api/batches/${fixture.batchId}/sessions/${fixture.sessionId}/sign-in-sheet`);
    const sheet = await fetchFromPage(page, href);
    expect(sheet).toMatchObject({ status: 200, contentType: expect.stringContaining('application/pdf'), head: '%PDF-' });
    expect(await page.$$('a[href$="/pdf"]')).not.toHaveLength(0);
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R10 R17: offers the supervisor the sign-in sheet but not the admission ticket PDFs, which the server refuses them', async () => {
    const page = await harness.signIn(await harness.app.createUser('supervisor'));
    await page.goto(harness.url(`/plans/batches/${fixture.batchId}/tickets`), { waitUntil: 'networkidle0' });
    await page.waitForSelector(`tr[data-session-id="${fixture.sessionId}"] a.sign-in-sheet`);
    const sheet = await fetchFromPage(page, `/api/batches/${fixture.batchId}/sessions/${fixture.sessionId}/sign-in-sheet`);
    expect(sheet.status).toBe(200);
    await waitForText(page, fixture.candidates[0].admissionTicketNumber);
    expect(await page.$$('a[href*="/admission-tickets/"]')).toHaveLength(0);
    const ticket = await fetchFromPage(page, `/api/batches/${fixture.batchId}/admission-tickets/${fixture.candidates[0].registrationId}/pdf`);
    expect(ticket.status).toBe(403);
  });

  it('leads the candidate from the home page into the exam', async () => {
    const candidate = fixture.candidates[0];
    const page = await harness.newPage();
    await page.goto(harness.url('/candidate/login'), { waitUntil: 'networkidle0' });
    await page.locator('input[name="idNumber"]').fill(candidate.idNumber);
    await page.locator('input[name="admissionTicketNumber"]').fill(candidate.admissionTicketNumber);
    await page.locator('input[name="password"]').fill(candidate.password);
    // Signing in lands on the exam page; the home page at `/` holds the admission ticket and the way back in.
    await Promise.all([
      page.waitForFunction(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname === '/exam'),
      page.locator('form button[type="submit"]').click(),
    ]);
    await page.goto(harness.url('/'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('a.go-to-exam');
    expect(await textOf(page, 'a.go-to-exam')).toBe('进入考试');
    expect(await bodyText(page)).toContain(candidate.admissionTicketNumber);
    await Promise.all([
      page.waitForFunction(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname === '/exam'),
      page.locator('a.go-to-exam').click(),
    ]);
    // The exam room itself (socket, waiting room) is exam.test.ts's; here: the home page is left for the exam page.
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(selector: string): unknown } }).document.querySelector('a.go-to-exam') === null);
    expect(await bodyText(page)).not.toContain('我的准考证');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R7 R11 R12 R13: bounds the organisation settings inputs as the server does and explains when an R11 change applies', async () => {
    const page = await harness.signIn(await harness.app.createUser('admin'));
    await page.goto(harness.url('/admin/organisation'), { waitUntil: 'networkidle0' });
    const bounds = await page.$$eval('input[type="number"]', (inputs) =>
      Object.fromEntries(
        inputs.map((input) => {
          const element = input as unknown as { name: string; min: string; max: string };
          return [element.name, `${element.min}..${element.max}`];
        }),
      ),
    );
    expect(bounds).toEqual({
      planLeadTimeWorkingDays: '0..365',
      publicationWorkingDays: '1..365',
      resultsSubmissionWorkingDays: '1..365',
      certificateDataWorkingDays: '1..365',
      minimumPracticalWeight: '0..100',
      practicalScoreDifferenceThreshold: '0..100',
      'passMarks.theory': '0..100',
      'passMarks.practical': '0..100',
      'passMarks.review': '0..100',
      focusLossAlertCount: '1..1000',
      offlineAfterSeconds: '1..3600',
    });
    const publicationField = await textOf(page, '.field:has(input[name="publicationWorkingDays"])');
    expect(publicationField).toContain('范围 1–365');
    expect(publicationField).toContain('修改只对此后开启的公示生效');
    // 0 working days is out of range: the browser refuses to submit, nothing reaches the server.
    await page.locator('input[name="publicationWorkingDays"]').fill('0');
    expect(await page.$eval('input[name="publicationWorkingDays"]', (input) => (input as unknown as { validity: { rangeUnderflow: boolean } }).validity.rangeUnderflow)).toBe(true);
    await page.locator('form button[type="submit"]').click();
    const organisation = (await page.evaluate(() => fetch('/api/admin/organisation').then((response) => response.json()))) as { settings: { jurisdiction: { publicationWorkingDays: number } } };
    expect(organisation.settings.jurisdiction.publicationWorkingDays).toBe(5);
    expect(await bodyText(page)).not.toContain('已保存');
  });
});
