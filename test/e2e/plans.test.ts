/**
 * Planner journey in the real browser: the batch wizard refuses a person in two roles with the
 * server's R6 message, then — staff, room and sessions fixed — filing too late is refused with the
 * R7 earliest allowed first-session date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { bodyText, findUnlabelledControls, pageErrorsOf, setReactInputValue, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

/** A calendar date `days` after today in China, `YYYY-MM-DD`. */
function chinaDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Clicks the checkbox labelled `name` inside the fieldset whose legend is `legend`. */
async function tickInFieldset(page: Page, legend: string, name: string): Promise<void> {
  await page.locator(`::-p-xpath(//fieldset[legend[normalize-space()="${legend}"]]//label[contains(normalize-space(), "${name}")]/input)`).click();
}

describe('batch wizard (e2e)', () => {
  let harness: BrowserApp;
  let page: Page;
  let assessorName: string;
  let supervisorName: string;

  beforeAll(async () => {
    harness = await startBrowserApp();
    const { app } = harness;
    const editor = await app.login('bank_editor');
    const scope = await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 4 });
    expect(scope.status, JSON.stringify(scope.body)).toBe(201);
    const admin = await app.createUser('admin');
    const adminAgent = supertest.agent(app.baseUrl);
    expect((await adminAgent.post('/api/auth/login').send({ username: admin.username, password: admin.password })).status).toBe(200);
    const twoRoles = await adminAgent
      .post('/api/admin/users')
      .send({ name: '李明', roles: ['exam_admin', 'assessor'], assessorGrade: 'assessor', username: 'li.ming', password: 'li-ming-initial-2026' });
    expect(twoRoles.status, JSON.stringify(twoRoles.body)).toBe(201);
    assessorName = (await app.createUser('assessor')).name;
    supervisorName = (await app.createUser('supervisor')).name;
    page = await harness.signIn(admin);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R4 R19: creates a promotion batch with its scope and weights', async () => {
    await page.goto(harness.url('/plans/batches/new'), { waitUntil: 'networkidle0' });
    await page.locator('input[name="code"]').fill('B2026-DG-04');
    await page.locator('input[name="name"]').fill('2026年第四季度电工晋级评价');
    await page.locator('::-p-xpath(//label[contains(., "低压电工作业")]/input[@type="checkbox"])').click();
    expect(await textOf(page, '.scope-choice.chosen .weights')).toContain('理论');
    await Promise.all([page.waitForFunction(() => (globalThis as unknown as { location: { pathname: string } }).location.pathname.endsWith('/wizard/staff')), page.locator('button::-p-text(创建并下一步)').click()]);
    expect(await textOf(page, '.breadcrumb')).toContain('B2026-DG-04');
  });

  it('R6: refuses 李明 as exam administrator and assessor of the same batch with the server message', async () => {
    await page.waitForSelector('::-p-xpath(//fieldset[legend[normalize-space()="考评员"]]//label[contains(normalize-space(), "李明")])');
    await tickInFieldset(page, '考务人员', '李明');
    await tickInFieldset(page, '考评员', '李明');
    expect(await waitForText(page, '李明 被同时选为 考务人员与考评员')).toContain('保存时将被拒绝');
    await page.locator('button::-p-text(保存并下一步)').click();
    const error = await textOf(page, '.error-box');
    expect(error).toContain('R6 角色冲突');
    expect(error).toMatch(/R6: 李明 \([0-9a-f]{24}\) holds two roles in the batch: exam administrator \(考务人员\) and assessor \(考评人员\)/);
    expect(error).toContain('李明 同时担任 考务人员与考评员');
    expect(page.url()).toMatch(/\/wizard\/staff$/);
    expect(await findUnlabelledControls(page)).toEqual([]);
    await harness.screenshot(page, 'plans-wizard-r6', { scrollTo: '.stepper' });
  });

  it('R6: accepts separate people for the three roles and a room proctored by the exam administrator', async () => {
    await tickInFieldset(page, '考评员', '李明');
    await tickInFieldset(page, '考评员', assessorName);
    await tickInFieldset(page, '内部质量督导员', supervisorName);
    await Promise.all([page.waitForSelector('input[aria-label="第 1 个考场名称"]'), page.locator('button::-p-text(保存并下一步)').click()]);
    await page.locator('input[aria-label="第 1 个考场名称"]').fill('第一考场');
    await page.locator('::-p-xpath(//td//label[contains(., "李明")]/input)').click();
    await Promise.all([page.waitForSelector('button::-p-text(添加场次)'), page.locator('button::-p-text(保存并下一步)').click()]);
  });

  it('R7: filing three days before the first session is refused with the earliest allowed session date', async () => {
    const soon = chinaDatePlus(3);
    for (const kind of ['theory', 'practical']) {
      await page.locator('button::-p-text(添加场次)').click();
      const row = (await page.$$('form table tbody tr')).length;
      await page.select(`form table tbody tr:nth-child(${row}) select[aria-label^="第 ${row} 场类别"]`, kind);
      await setReactInputValue(page, `form table tbody tr:nth-child(${row}) input[type="date"]`, soon);
    }
    expect(await findUnlabelledControls(page)).toEqual([]);
    await Promise.all([page.waitForSelector('button::-p-text(备案)'), page.locator('button::-p-text(保存并下一步)').click()]);
    expect(await textOf(page, 'section[aria-labelledby="summary-heading"]')).toContain('考务 1 人、考评 1 人、督导 1 人');
    await page.locator('form button[type="submit"]::-p-text(备案)').click();
    const error = await textOf(page, '.error-box');
    expect(error).toContain('R7 备案提前期不足');
    expect(error).toMatch(/最早可安排首场考试\s+\d{4}年\d{1,2}月\d{1,2}日/);
    expect(error).toContain('10 are required');
    await harness.screenshot(page, 'plans-filing-r7', { scrollTo: '.stepper' });
    expect(await bodyText(page)).not.toContain('页面出错');
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
