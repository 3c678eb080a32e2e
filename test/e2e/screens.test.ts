/**
 * The remaining screens in the real browser over a bank imported as approved: the paper library
 * assembled through the assemble dialog (overlap heat map, R1/R2), blueprint, duplicates, the item
 * editor with the review workflow, and the plan screens (announcement R8, roster import with row
 * errors R9, admission tickets, deadlines R7, calendar). Every screen must render without a client
 * error.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRosterRows, writeRosterWorkbook } from '@skillcert/server/domain/plans/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedBank, type SignedInAgent } from '../helpers/app';
import { bodyText, findUnlabelledControls, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

describe('bank and plan screens (e2e)', () => {
  let harness: BrowserApp;
  let page: Page;
  let scopeId: string;
  let batchId: string;
  let editor: SignedInAgent;
  const rosterPath = join(tmpdir(), `skillcert-e2e-roster-${process.pid}.xlsx`);

  beforeAll(async () => {
    harness = await startBrowserApp();
    const { app } = harness;
    editor = await app.login('bank_editor');
    const reviewer = await app.login('bank_reviewer');
    const scope = await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 4 });
    scopeId = scope.body.id;
    await importSharedBank(reviewer, scopeId, '省级低压电工作业.xlsx');
    const admin = await app.login('admin');
    const batch = await admin.post('/api/batches').send({ code: 'B2026-SCREENS', name: '界面检查批次', mode: 'promotion', scopes: [{ scopeId, weights: { theory: 0.4, practical: 0.6 } }] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    batchId = batch.body.id;
    page = await harness.signIn(admin.user);
  });

  afterAll(async () => {
    await rm(rosterPath, { force: true });
    await harness?.stop();
  });

  it('shows the areas of the roles on the home page', async () => {
    const text = await waitForText(page, '欢迎，');
    expect(text).toMatch(/系统管理[\s\S]*题库与组卷[\s\S]*评价计划/);
  });

  it('R1 R2: assembles a 5-paper library through the dialog and shows the overlap heat map within 10%', async () => {
    await page.goto(harness.url(`/bank/scopes/${scopeId}/papers`), { waitUntil: 'networkidle0' });
    await waitForText(page, '尚未组卷');
    await page.locator('button::-p-text(组卷)').click();
    await page.waitForSelector('dialog[open] input[name="paperCount"]');
    await page.locator('dialog[open] input[name="seed"]').fill('e2e-2026');
    await page.locator('dialog[open] button[type="submit"]').click();
    await page.waitForSelector('table.heatmap', { timeout: 90_000 });
    const matrix = await page.$$eval('table.heatmap tbody tr', (rows) => rows.map((row) => (row as unknown as { innerText: string }).innerText));
    expect(matrix).toHaveLength(5);
    expect(await page.$$('table.heatmap td.over-limit')).toHaveLength(0);
    const facts = await textOf(page, 'dl.facts');
    expect(facts).toContain('e2e-2026');
    expect(facts).toMatch(/最大两两重复率\s+\d+(\.\d)?% \/ 上限 10%/);
    await page.waitForSelector('section[aria-labelledby="difficulty-heading"] .recharts-surface');
    await harness.screenshot(page, 'paper-library', { scrollTo: '.breadcrumb' });
    expect(await findUnlabelledControls(page)).toEqual([]);
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R1: counts the assembled theory papers on the readiness dashboard', async () => {
    await page.goto(harness.url(`/bank/scopes/${scopeId}/readiness`), { waitUntil: 'networkidle0' });
    const sizes = (await textOf(page, 'section[aria-labelledby="sizes-heading"] table')).replace(/\s+/g, ' ');
    expect(sizes).toContain('理论题（已通过） 734 500');
    expect(sizes).toContain('理论试卷（在用） 5 5');
  });

  it('shows the derived blueprint with its leaves, structure and item counts', async () => {
    await page.goto(harness.url(`/bank/scopes/${scopeId}/blueprint`), { waitUntil: 'networkidle0' });
    await page.waitForSelector('[role="tree"]');
    const leaves = await textOf(page, 'section[aria-labelledby="leaves-heading"]');
    expect(leaves).toMatch(/鉴定点（\d+）/);
    expect(leaves).toContain('未归入鉴定点的试题：0 道');
    expect(await textOf(page, 'form tfoot')).toMatch(/合计\s+\d+/);
    expect(await findUnlabelledControls(page)).toEqual([]);
  });

  it('R2: reviews near-duplicate pairs side by side', async () => {
    await page.goto(harness.url(`/bank/scopes/${scopeId}/duplicates`), { waitUntil: 'networkidle0' });
    const text = await waitForText(page, '近似重复');
    expect(text).toMatch(/道试题中发现 \d+ 对近似重复/);
    expect(await page.$$('.pair-side')).not.toHaveLength(0);
    expect(await bodyText(page)).toContain('标记为不同');
  });

  it('R17: creates an item in the editor with a live preview and submits it for review', async () => {
    await page.goto(harness.url(`/bank/items/new?scopeId=${scopeId}`), { waitUntil: 'networkidle0' });
    await page.locator('textarea').fill('低压电气设备的额定电压一般不超过多少伏？');
    const options = ['220', '380', '1000', '10000'];
    for (const [index, option] of options.entries()) await page.locator(`input[aria-label="选项 ${'ABCD'[index]} 内容"]`).fill(option);
    await page.locator('input[aria-label="选项 C 为正确答案"]').click();
    const preview = await textOf(page, 'article.item-preview');
    expect(preview).toContain('低压电气设备的额定电压一般不超过多少伏？');
    expect(preview).toContain('答案: C');
    expect(await findUnlabelledControls(page)).toEqual([]);
    await Promise.all([page.waitForSelector('section[aria-labelledby="review-heading"]'), page.locator('button::-p-text(创建草稿)').click()]);
    expect(page.url()).toMatch(/\/bank\/items\/[0-9a-f]{24}$/);
    await page.locator('button::-p-text(提交审核)').click();
    await waitForText(page, '待审核');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R8: writes the announcement and previews the page with the offering and its method', async () => {
    await page.goto(harness.url(`/plans/batches/${batchId}/announcement`), { waitUntil: 'networkidle0' });
    await page.locator('textarea').fill('为提升员工技能水平，现组织开展职业技能等级认定。');
    await page.locator('input[aria-label="第 1 个地点名称"]').fill('培训中心');
    await page.locator('input[aria-label="第 1 个地点地址"]').fill('江门市蓬江区示例路 1 号');
    await page.locator('button::-p-text(创建公告草稿)').click();
    await page.waitForSelector('.announcement-preview article');
    const preview = await textOf(page, '.announcement-preview');
    expect(preview).toContain('电工（6-31-01-03）低压电工作业');
    expect(preview).toContain('培训中心');
    expect(await findUnlabelledControls(page)).toEqual([]);
  });

  it('R9: refuses a roster with a bad ID number and lists the row, column and reason', async () => {
    const rows = makeRosterRows(3, 'e2e-roster');
    rows[1]['证件号码'] = `${String(rows[1]['证件号码']).slice(0, 17)}${String(rows[1]['证件号码']).endsWith('0') ? '1' : '0'}`;
    await writeFile(rosterPath, await writeRosterWorkbook(rows, { title: '评价员工名册' }));
    await page.goto(harness.url(`/plans/batches/${batchId}/roster`), { waitUntil: 'networkidle0' });
    const input = await page.waitForSelector('input[type="file"]');
    await input!.uploadFile(rosterPath);
    await page.locator('button::-p-text(导入名册)').click();
    await page.waitForSelector('.error-box table');
    const error = await textOf(page, '.error-box');
    expect(error).toContain('名册未导入');
    expect(error).toMatch(/4\s+C \(证件号码\)\s+\S+/);
    await harness.screenshot(page, 'plans-roster-errors', { scrollTo: '.breadcrumb' });
  });

  it('shows the admission tickets, deadlines and calendar of the batch', async () => {
    await page.goto(harness.url(`/plans/batches/${batchId}/tickets`), { waitUntil: 'networkidle0' });
    expect(await waitForText(page, '尚未发放准考证')).toContain('准考证');
    await page.goto(harness.url(`/plans/batches/${batchId}/deadlines`), { waitUntil: 'networkidle0' });
    expect(await waitForText(page, '评价计划备案')).toMatch(/截至 \d{4}年\d{1,2}月\d{1,2}日/);
    await page.goto(harness.url('/plans/calendar'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('table.month-grid td.day');
    expect(await textOf(page, '.calendar-toolbar h2')).toMatch(/^\d{4}年\d{1,2}月$/);
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
