/**
 * From score cards to a verified certificate in the real browser (R4, R6, R11-R15): two assessors
 * score a practical card independently — the second sees nothing of the first until submitting —,
 * the exam administrator computes the results, the internal quality supervisor signs off and
 * approves them, the publication opens with masked ID numbers, a candidate files an objection that
 * blocks the close until an administrator upholds it with a re-score, HR issues the certificates,
 * renders them with live progress over socket.io and downloads the export, and the public page of
 * the QR code answers "valid".
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultModel } from '@skillcert/server/domain/scoring/result.model';
import { settleTheoryScoring } from '@skillcert/server/domain/scoring/score-theory-attempt';
import { closeSharedRenderPool } from '@skillcert/server/render/shared-render-pool';
import { attachProgressForwarding } from '@skillcert/server/realtime/progress-forwarding';
import type { TestUser } from '../helpers/app';
import { bodyText, findUnlabelledControls, pageErrorsOf, setReactInputValue, startBrowserApp, waitForText, type BrowserApp, type Page } from '../helpers/browser';
import { createExamFixture, type CandidateHandle, type ExamFixture } from '../helpers/exam-fixture';
import { keyedResponse, preparePracticalScoring, sitAndForceSubmit } from '../helpers/scoring-fixture';
import { decodeQrCodeFromPng, renderPdfPageToPng } from '../helpers/pdf';

type Agent = ReturnType<typeof supertest.agent>;

/** Signs a staff agent in through the API. */
async function loginAgent(baseUrl: string, user: { username?: string; password: string }): Promise<Agent> {
  const agent = supertest.agent(baseUrl);
  const response = await agent.post('/api/auth/login').send({ username: user.username, password: user.password });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return agent;
}

/** supertest parser keeping the body as bytes. */
function binary(response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Clicks the button whose text contains `text` (inside `within` when given). */
async function clickButton(page: Page, text: string, within = ''): Promise<void> {
  await page.locator(`${within} button::-p-text(${text})`.trim()).click();
}

/** Waits until `directory` holds a finished download (no `.crdownload`) and returns its path. */
async function waitForDownload(directory: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = (await readdir(directory)).filter((name) => !name.endsWith('.crdownload'));
    if (names.length > 0) return join(directory, names[0]);
    if (Date.now() > deadline) throw new Error(`no download arrived in ${directory}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('scoring to certificate journey (e2e)', () => {
  let harness: BrowserApp;
  let fixture: ExamFixture;
  let examAdminAgent: Agent;
  let assessorA: TestUser;
  let assessorB: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;
  let hr: TestUser;
  let candidate: CandidateHandle;
  const cardIdByTicket = new Map<string, string>();
  const downloadDirectories: string[] = [];

  /** A browser page signed in as a staff member through the sign-in form. */
  function staffPage(user: { username?: string; password: string }): Promise<Page> {
    return harness.signIn({ id: '', role: 'admin', name: '', username: user.username, password: user.password });
  }

  beforeAll(async () => {
    harness = await startBrowserApp({ realtimeModules: [attachProgressForwarding] });
    const { app } = harness;
    fixture = await createExamFixture({ candidateCount: 2, organisationId: app.organisationId });
    candidate = fixture.candidates[0];
    [assessorA, assessorB, supervisor, admin, hr] = await Promise.all([
      app.createUser('assessor', { assessorGrade: 'assessor' }),
      app.createUser('assessor', { assessorGrade: 'assessor' }),
      app.createUser('supervisor'),
      app.createUser('admin'),
      app.createUser('hr'),
    ]);
    await preparePracticalScoring(fixture, [
      { userId: assessorA.id, role: 'assessor' },
      { userId: assessorB.id, role: 'assessor' },
      { userId: supervisor.id, role: 'supervisor' },
    ]);
    // Both candidates sit the theory paper (every answer right) and are scored on submission.
    for (const each of fixture.candidates) await sitAndForceSubmit(fixture, each, (slot) => keyedResponse(fixture, slot));
    await settleTheoryScoring();
    examAdminAgent = await loginAgent(app.baseUrl, fixture.examAdmin);
    const prepared = await examAdminAgent.post(`/api/scoring/batches/${fixture.batchId}/score-cards`).send({ component: 'practical' });
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(201);
    const cards = await examAdminAgent.get(`/api/scoring/batches/${fixture.batchId}/score-cards`);
    for (const card of cards.body.cards as Array<{ id: string; admissionTicketNumber: string }>) cardIdByTicket.set(card.admissionTicketNumber, card.id);
  });

  afterAll(async () => {
    await closeSharedRenderPool();
    await harness?.stop();
    for (const directory of downloadDirectories) await rm(directory, { recursive: true, force: true });
  });

  it("R6: assessor B sees nothing of assessor A's score until B submits; then both scores and the mean", async () => {
    const cardId = cardIdByTicket.get(candidate.admissionTicketNumber)!;
    const pageA = await staffPage(assessorA);
    await pageA.goto(harness.url('/scoring'), { waitUntil: 'networkidle0' });
    const mine = await waitForText(pageA, '我的评分表');
    expect(mine).toContain(candidate.name);
    await pageA.locator(`a[href="/scoring/cards/${cardId}"]`).click();
    await pageA.waitForSelector('input[name="deductions-0-1"]');
    // Task 1, criterion 2 (max 30): deductions 2 + 2 + 1 → 25; live total 95 of 100.
    await pageA.locator('input[name="deductions-0-1"]').fill('2 2 1');
    expect(await waitForText(pageA, '95 / 100')).toContain('25');
    expect(await findUnlabelledControls(pageA)).toEqual([]);
    await harness.screenshot(pageA, 'scoring-sheet');
    await clickButton(pageA, '提交并签名');
    await clickButton(pageA, '确认签名提交', 'dialog');
    const waiting = await waitForText(pageA, '等待另一位考评员评分');
    expect(waiting).toContain('您的评分已提交');

    const pageB = await staffPage(assessorB);
    await pageB.goto(harness.url(`/scoring/cards/${cardId}`), { waitUntil: 'networkidle0' });
    const before = await waitForText(pageB, '独立评分');
    expect(before).toContain('已有 1 / 2 位考评员提交评分');
    expect(before).not.toContain(assessorA.name);
    // A's total (95) and criterion score (25) appear nowhere as numbers; the random run id in
    // names and ticket numbers may contain the digits "95", so match whole numbers only.
    expect(before).not.toMatch(/(?<![\w.])95(?![\w.])/);
    expect(before).not.toMatch(/(?<![\w.])25(?![\w.])/);
    await pageB.locator('input[name="deductions-0-0"]').fill('5');
    await waitForText(pageB, '95 / 100');
    await pageB.locator('input[name="deductions-0-0"]').fill('5 5');
    await waitForText(pageB, '90 / 100');
    await clickButton(pageB, '提交并签名');
    await clickButton(pageB, '确认签名提交', 'dialog');
    const after = await waitForText(pageB, '全部评分');
    expect(after).toContain(assessorA.name);
    expect(after).toContain(assessorB.name);
    expect(after).toContain('两位考评员分数的平均值');
    expect(after).toContain('92.5 / 100');

    await pageA.reload({ waitUntil: 'networkidle0' });
    expect(await waitForText(pageA, '全部评分')).toContain(assessorB.name);
    expect(pageErrorsOf(pageA)).toEqual([]);
    expect(pageErrorsOf(pageB)).toEqual([]);
    await pageA.close();
    await pageB.close();

    // The other candidate's card, scored through the API by both assessors.
    const other = cardIdByTicket.get(fixture.candidates[1].admissionTicketNumber)!;
    for (const user of [assessorA, assessorB]) {
      const agent = await loginAgent(harness.app.baseUrl, user);
      const scored = await agent.post(`/api/scoring/score-cards/${other}/scores`).send({ tasks: [{ deductions: [], vetoItemsObserved: [] }, { deductions: [{ criterionIndex: 0, deductedPoints: [5] }], vetoItemsObserved: [] }] });
      expect(scored.status, JSON.stringify(scored.body)).toBe(201);
    }
  });

  it('R4 R6 R11: the exam administrator computes the results, the supervisor signs off and approves them', async () => {
    const examAdminPage = await staffPage(fixture.examAdmin);
    await examAdminPage.goto(harness.url(`/scoring/batches/${fixture.batchId}/results`), { waitUntil: 'networkidle0' });
    await clickButton(examAdminPage, '计算结果', '.card');
    expect(await waitForText(examAdminPage, '已计算 2 条结果')).toContain('评价结果汇总表');
    await examAdminPage.close();

    const supervisorPage = await staffPage(supervisor);
    await supervisorPage.goto(harness.url(`/scoring/batches/${fixture.batchId}/results`), { waitUntil: 'networkidle0' });
    await clickButton(supervisorPage, '审定 2 条结果');
    await clickButton(supervisorPage, '确认审定', 'dialog');
    const refused = await waitForText(supervisorPage, '前置条件未满足');
    expect(refused).toMatch(/not signed off/);
    await supervisorPage.goto(harness.url(`/scoring/batches/${fixture.batchId}/cards`), { waitUntil: 'networkidle0' });
    await clickButton(supervisorPage, '签核操作技能考核评分');
    await waitForText(supervisorPage, '已签核 2 张评分表');
    await supervisorPage.goto(harness.url(`/scoring/batches/${fixture.batchId}/results`), { waitUntil: 'networkidle0' });
    await supervisorPage.locator('input[name="decisionReference"]').fill('评委会〔2026〕9号');
    await clickButton(supervisorPage, '审定 2 条结果');
    await clickButton(supervisorPage, '确认审定', 'dialog');
    const approved = await waitForText(supervisorPage, '已审定 2 条结果');
    expect(approved).toContain('已审定');
    expect(pageErrorsOf(supervisorPage)).toEqual([]);
    await supervisorPage.close();
  });

  it('R11: the exam administrator opens the publication with channels; the notice masks the ID numbers', async () => {
    // The committee approved weeks ago (as in a real batch), so a publication started then can close today.
    await ResultModel.updateMany({ batchId: new Types.ObjectId(fixture.batchId) }, { $set: { approvedAt: new Date('2026-10-08T02:00:00Z') } });
    const page = await staffPage(fixture.examAdmin);
    await page.goto(harness.url(`/results/batches/${fixture.batchId}`), { waitUntil: 'networkidle0' });
    await waitForText(page, '开始公示');
    await setReactInputValue(page, 'input[name="startDate"]', '2026-10-09');
    await clickButton(page, '添加联系人', 'fieldset:nth-of-type(1)');
    await page.locator('input[name="complaint-name-0"]').fill('王老师');
    await page.locator('input[name="complaint-phone-0"]').fill('0750-1234567');
    await clickButton(page, '添加联系人', 'fieldset:nth-of-type(2)');
    await page.locator('input[name="rescoring-name-0"]').fill('李老师');
    await page.locator('input[name="rescoring-department-0"]').fill('人力资源部');
    expect(await findUnlabelledControls(page)).toEqual([]);
    await clickButton(page, '开始公示', 'form');
    const notice = await waitForText(page, '职业技能等级认定结果公示');
    for (const each of fixture.candidates) {
      expect(notice).toContain(each.name);
      expect(notice).not.toContain(each.idNumber);
      expect(notice).toContain(`${each.idNumber.slice(0, 4)}**********${each.idNumber.slice(-4)}`);
    }
    expect(notice).toContain('王老师');
    expect(notice).toContain('公示中');
    await harness.screenshot(page, 'publication-notice');
    expect(pageErrorsOf(page)).toEqual([]);
    await page.close();
  });

  it('R11: a candidate files an objection; the close is refused while it is open; an administrator upholds it with a re-score', async () => {
    const candidatePage = await harness.newPage();
    await candidatePage.goto(harness.url('/candidate/login'), { waitUntil: 'networkidle0' });
    await candidatePage.locator('input[name="idNumber"]').fill(candidate.idNumber);
    await candidatePage.locator('input[name="admissionTicketNumber"]').fill(candidate.admissionTicketNumber);
    await candidatePage.locator('input[name="password"]').fill(candidate.password);
    await candidatePage.locator('form button[type="submit"]').click();
    await candidatePage.waitForFunction(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname !== '/candidate/login');
    await candidatePage.goto(harness.url('/results'), { waitUntil: 'networkidle0' });
    const mine = await waitForText(candidatePage, '我的成绩');
    expect(mine).toContain('操作技能');
    expect(mine).toContain('92.5');
    await candidatePage.locator('textarea[name="reason"]').fill('第一项任务安全操作规范扣分与现场情况不符，申请复核。');
    await clickButton(candidatePage, '提交异议');
    await waitForText(candidatePage, '异议已登记');
    expect(await bodyText(candidatePage)).toContain('等待评价工作委员会处理');

    const examAdminPage = await staffPage(fixture.examAdmin);
    await examAdminPage.goto(harness.url(`/results/batches/${fixture.batchId}`), { waitUntil: 'networkidle0' });
    await clickButton(examAdminPage, '结束公示', '.card');
    await clickButton(examAdminPage, '确认结束', 'dialog');
    const refused = await waitForText(examAdminPage, '不能结束公示');
    expect(refused).toMatch(/objection\(s\) are still open/);

    const adminPage = await staffPage(admin);
    await adminPage.goto(harness.url(`/results/batches/${fixture.batchId}`), { waitUntil: 'networkidle0' });
    await clickButton(adminPage, '处理');
    await adminPage.locator('dialog input[value="upheld"]').click();
    await adminPage.locator('dialog input[name="score-0"]').fill('97');
    await adminPage.locator('dialog textarea[name="decisionReason"]').fill('复核录像，安全操作规范不应扣分，改判操作技能 97 分。');
    await clickButton(adminPage, '记录评价工作委员会决定', 'dialog');
    const decided = await waitForText(adminPage, '待处理 0 件，不予支持 0 件，予以支持 1 件');
    expect(decided).toContain('复核改判');
    expect(pageErrorsOf(adminPage)).toEqual([]);
    await adminPage.close();

    await examAdminPage.reload({ waitUntil: 'networkidle0' });
    await clickButton(examAdminPage, '结束公示', '.card');
    await clickButton(examAdminPage, '确认结束', 'dialog');
    await waitForText(examAdminPage, '公示已结束');
    await examAdminPage.close();

    await candidatePage.reload({ waitUntil: 'networkidle0' });
    const rescored = await waitForText(candidatePage, '予以支持');
    expect(rescored).toContain('97');
    expect(pageErrorsOf(candidatePage)).toEqual([]);
    await candidatePage.close();
  });

  it('R13 R14 R15: HR issues the certificates, renders them with live progress and downloads the data export; the QR code verifies as valid', async () => {
    const page = await staffPage(hr);
    await page.goto(harness.url('/certificates'), { waitUntil: 'networkidle0' });
    await page.locator(`a[href="/certificates/batches/${fixture.batchId}"]`).click();
    await clickButton(page, '为本批次发证');
    const issued = await waitForText(page, '新发 2 张');
    const numbers = [...new Set([...issued.matchAll(/\b([YS]\d{21})\b/g)].map((match) => match[1]))];
    expect(numbers).toHaveLength(2);

    // One certificate PDF first (its QR code is verified below; it also starts the render pool).
    const hrAgent = await loginAgent(harness.app.baseUrl, hr);
    const list = await hrAgent.get(`/api/batches/${fixture.batchId}/certificates`);
    const holder = (list.body.certificates as Array<{ id: string; candidateId: string; number: string }>).find((certificate) => certificate.candidateId === candidate.userId)!;
    const pdf = await hrAgent.get(`/api/certificates/${holder.id}/pdf`).buffer(true).parse(binary as never);
    expect(pdf.status).toBe(200);
    const qrUrl = decodeQrCodeFromPng(await renderPdfPageToPng(new Uint8Array(pdf.body as Buffer), { scale: 2 }));
    expect(qrUrl).toMatch(new RegExp(`/verify/${holder.number}\\?t=`));

    const renderDirectory = await mkdtemp(join(tmpdir(), 'skillcert-render-'));
    downloadDirectories.push(renderDirectory);
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: renderDirectory, browserContextId: page.browserContext().id, eventsEnabled: true });
    await clickButton(page, '生成并下载');
    await waitForText(page, '已生成 2 / 2', 60_000);
    // The progress came over socket.io: the run id of certificates:render_progress is on the bar.
    expect(await page.$eval('.render-progress', (element) => element.getAttribute('data-job-id'))).toMatch(/^[0-9a-f-]{36}$/);
    expect((await waitForDownload(renderDirectory)).endsWith('.zip')).toBe(true);
    await waitForText(page, '已下载');
    await harness.screenshot(page, 'certificates');

    const exportDirectory = await mkdtemp(join(tmpdir(), 'skillcert-export-'));
    downloadDirectories.push(exportDirectory);
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: exportDirectory, browserContextId: page.browserContext().id, eventsEnabled: true });
    await page.goto(harness.url('/certificates/export'), { waitUntil: 'networkidle0' });
    await page.select('select[name="batchId"]', fixture.batchId);
    await page.select('select[name="format"]', 'xlsx');
    await clickButton(page, '导出', 'form');
    await waitForText(page, '2 行');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await waitForDownload(exportDirectory))) as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['证书编号', '姓名', '证件类型']);
    const exportedNumbers = [2, 3].map((row) => String(sheet.getRow(row).getCell(1).value));
    expect(exportedNumbers.sort()).toEqual([...numbers].sort());
    expect(pageErrorsOf(page)).toEqual([]);
    await page.close();

    // The public page of the QR code (no sign-in), and the app's verification page with the same URL.
    const publicPage = await harness.newPage();
    await publicPage.goto(qrUrl!, { waitUntil: 'networkidle0' });
    const verdict = await bodyText(publicPage);
    expect(verdict).toContain('证书有效');
    expect(verdict).toContain(holder.number);
    expect(verdict).not.toContain(candidate.idNumber);
    await publicPage.goto(harness.url('/verify'), { waitUntil: 'networkidle0' });
    await publicPage.locator('input[name="verificationLink"]').fill(qrUrl!);
    await clickButton(publicPage, '查验', 'form');
    // Wait for the verdict itself: the page's hint text also contains "有效".
    const checked = await waitForText(publicPage, holder.number);
    expect(checked).toContain('证书有效');
    expect(checked).not.toContain(candidate.idNumber);
    expect(pageErrorsOf(publicPage)).toEqual([]);
  }, 120_000);
});
