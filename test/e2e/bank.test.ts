/**
 * Bank editor journey in the real browser: create a scope, import the provincial low-voltage
 * electrician bank (../shared/banks/省级低压电工作业.xlsx, read in place) through the import screen —
 * dry-run report with counts, confirm — then the readiness dashboard with its R1 shortfalls, the
 * items list and an item in the editor with its live preview.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, findUnlabelledControls, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

const bankFile = fileURLToPath(new URL('../../../shared/banks/省级低压电工作业.xlsx', import.meta.url));

describe('bank import and readiness (e2e)', () => {
  let harness: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    harness = await startBrowserApp();
    page = await harness.signIn(await harness.app.createUser('bank_editor'));
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('creates a bank scope and lands on its import screen', async () => {
    await page.goto(harness.url('/bank'), { waitUntil: 'networkidle0' });
    const form = 'section[aria-labelledby="create-scope-heading"] form';
    await page.locator(`${form} input[name="occupationCode"]`).fill('6-31-01-03');
    await page.locator(`${form} input[name="occupationName"]`).fill('电工');
    await page.locator(`${form} input[name="workType"]`).fill('低压电工作业');
    await page.select(`${form} select[name="level"]`, '4');
    await Promise.all([page.waitForSelector('input[type="file"][name="bankFile"]'), page.locator(`${form} button[type="submit"]`).click()]);
    expect(page.url()).toMatch(/\/bank\/scopes\/[0-9a-f]{24}\/import$/);
    expect(await textOf(page, '.breadcrumb')).toContain('电工 · 低压电工作业 · 四级/中级工');
  });

  it('R1 R17: dry run of 省级低压电工作业.xlsx reports 734 items by type and no rejected row', async () => {
    const input = await page.waitForSelector('input[type="file"][name="bankFile"]');
    await input!.uploadFile(bankFile);
    await page.locator('button::-p-text(试导入)').click();
    await page.waitForSelector('section.report', { timeout: 60_000 });
    const figures = await textOf(page, 'ul.figures');
    expect(figures.replace(/\s+/g, ' ')).toContain('734 可导入题目 295 单选题 64 多选题 375 判断题');
    expect(figures.replace(/\s+/g, ' ')).toContain('0 被拒绝行');
    const report = await textOf(page, 'section.report');
    expect(report).toContain('试导入报告 · 省级低压电工作业.xlsx');
    expect(report).toContain('将根据“作业种类/章节”生成细目表');
    await harness.screenshot(page, 'bank-import-report');
    expect(await findUnlabelledControls(page)).toEqual([]);
  });

  it('R1: confirming imports all 734 items as drafts', async () => {
    await page.locator('button::-p-text(确认导入 734 道题)').click();
    const text = await waitForText(page, '已导入 734 道试题', 60_000);
    expect(text).toContain('状态：草稿');
  });

  it('R1 R2: the readiness dashboard shows the shortfalls against the R1 minimums', async () => {
    await Promise.all([page.waitForSelector('section[aria-labelledby="sizes-heading"]'), page.locator('a::-p-text(查看达标看板)').click()]);
    await page.waitForSelector('.recharts-surface');
    const verdict = await textOf(page, 'section[aria-labelledby="verdict-heading"]');
    expect(verdict).toMatch(/未达标（\d+ 项）/);
    expect(verdict).toContain('理论题数量');
    expect(verdict).toContain('理论卷库');
    const sizes = await textOf(page, 'section[aria-labelledby="sizes-heading"] table');
    expect(sizes.replace(/\s+/g, ' ')).toContain('理论题（已通过） 0 500');
    expect(sizes.replace(/\s+/g, ' ')).toContain('实操试卷（在用） 0 5');
    expect(await textOf(page, 'section[aria-labelledby="coverage-heading"]')).toMatch(/个鉴定点×题型中有 \d+ 个题量不足/);
    await harness.screenshot(page, 'readiness-dashboard');
  });

  it('lists the imported items with filters and opens one in the editor with its preview', async () => {
    await page.locator('nav[aria-label="题库范围功能"] a::-p-text(试题)').click();
    await waitForText(page, '共 734 道');
    await page.select('select#' + (await page.$eval('label::-p-text(题型)', (label) => (label as unknown as { htmlFor: string }).htmlFor)), 'multiple');
    await waitForText(page, '共 64 道');
    expect(await findUnlabelledControls(page)).toEqual([]);
    await Promise.all([page.waitForSelector('article.item-preview'), page.locator('table tbody tr:first-child a').click()]);
    const preview = await textOf(page, 'article.item-preview');
    expect(preview).toContain('多选题');
    expect(preview).toMatch(/答案: [A-E]{2,}/);
    expect(await bodyText(page)).toContain('提交审核');
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
