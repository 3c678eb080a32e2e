/**
 * Opening a theory session from the plans screen (real browser, real server, real database): the
 * batch's sessions step lists its theory sessions with their status; an exam administrator of the
 * batch opens a `scheduled` session through the confirmation dialog, sees how many attempts were
 * prepared, and the session shows as open. The candidates' attempts exist (R3: a paper from the
 * library each). A system administrator, whom the open-session route refuses, sees the status
 * without the button.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentAttempt } from '@skillcert/server/contracts/exam-room';
import { createExamFixture, type ExamFixture } from '../helpers/exam-fixture';
import { pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

const candidateCount = 3;

describe('open theory session from the plans screen (e2e)', () => {
  let harness: BrowserApp;
  let fixture: ExamFixture;

  beforeAll(async () => {
    harness = await startBrowserApp();
    fixture = await createExamFixture({ candidateCount, organisationId: harness.app.organisationId, shouldOpenSession: false });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const sessionsUrl = () => harness.url(`/plans/batches/${fixture.batchId}/wizard/sessions`);
  const sessionRow = () => `tr[data-session-id="${fixture.sessionId}"]`;

  it('shows a scheduled session to a system administrator without the open button (route roles exam_admin, proctor)', async () => {
    const admin = await harness.app.createUser('admin');
    const page = await harness.signIn(admin);
    await page.goto(sessionsUrl(), { waitUntil: 'networkidle0' });
    expect(await textOf(page, sessionRow())).toContain('未开考');
    expect(await page.$(`${sessionRow()} button.open-session`)).toBeNull();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R3: the exam administrator opens the session through the dialog and sees the attempts prepared', async () => {
    const page: Page = await harness.signIn({ id: fixture.examAdmin.userId, role: 'exam_admin', name: fixture.examAdmin.actor.name, username: fixture.examAdmin.username, password: fixture.examAdmin.password });
    await page.goto(sessionsUrl(), { waitUntil: 'networkidle0' });
    expect(await textOf(page, sessionRow())).toContain('未开考');

    await page.locator(`${sessionRow()} button.open-session`).click();
    await page.waitForSelector('dialog[open] button.confirm-open-session');
    expect(await textOf(page, 'dialog[open]')).toContain('确认开考');
    await page.locator('dialog[open] button.confirm-open-session').click();

    const result = await waitForText(page, `本次为 ${candidateCount} 名考生准备了作答`);
    expect(result).toContain(`本场共 ${candidateCount} 份作答`);
    await page.locator('dialog[open] button.secondary:not(.small)').click();
    await page.waitForFunction((selector: string) => (globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document.querySelector(selector)?.innerText.includes('已开考') ?? false, {}, sessionRow());
    expect(await page.$(`${sessionRow()} button.open-session`)).toBeNull();
    expect(pageErrorsOf(page)).toEqual([]);

    for (const candidate of fixture.candidates) {
      const attempt = await fixture.attemptOf(candidate);
      expect(attempt?.status).toBe('waiting');
      expect(fixture.secrets.paperIds).toContain(String(attempt?.paperId));
    }
    const cookie = await fixture.createSessionCookie(fixture.candidates[0], harness.app.config.sessionSecret);
    const current = await supertest(harness.app.baseUrl).get('/api/exam/attempts/current').set('Cookie', cookie);
    expect(current.status).toBe(200);
    const body = current.body as CurrentAttempt;
    expect(body.session.status).toBe('open');
    expect(body.attempt).toMatchObject({ status: 'waiting', totalCount: 18 });
  });
});
