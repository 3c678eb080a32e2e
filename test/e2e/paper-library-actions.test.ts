/**
 * Paper library actions in the real browser (R2, R3, R17) over the provincial low-voltage
 * electrician bank imported as approved and a theory library assembled through the API: a bank
 * editor retires one paper with a reason — a blank reason is refused by the server and its error
 * shown — and the page shows the paper retired, the drawn replacement and the replacement record,
 * which the API confirms; the assemble dialog warns which active library a new assembly supersedes
 * (and that handed-out papers stay, planned batches follow); exam administrators, who may assemble
 * but not retire, get no retire action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedBank, type SignedInAgent } from '../helpers/app';
import { bodyText, findUnlabelledControls, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';


interface PaperJson {
  id: string;
  code: string;
  status: 'active' | 'retired';
  retiredReason?: string;
  replacedBy?: string;
  replaces?: string;
  seed?: string;
}

interface LibraryJson {
  id: string;
  status: 'active' | 'retired';
  seed: string;
  paperIds: string[];
  overlapMatrix: number[][];
  maxOverlap: number;
  replacements: { retiredPaperId: string; paperId: string; reason: string; seed: string }[];
  papers: PaperJson[];
}

describe('paper library actions (e2e)', () => {
  let harness: BrowserApp;
  let page: Page;
  let editor: SignedInAgent;
  let scopeId: string;
  let libraryId: string;
  const librarySeed = 'e2e-retire-2026';

  const readLibrary = async (): Promise<LibraryJson> => {
    const response = await editor.get(`/api/papers/libraries/${libraryId}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as LibraryJson;
  };

  beforeAll(async () => {
    harness = await startBrowserApp();
    const { app } = harness;
    editor = await app.login('bank_editor');
    const reviewer = await app.login('bank_reviewer');
    const scope = await editor.post('/api/bank/scopes').send({ occupationCode: '6-31-01-03', occupationName: '电工', workType: '低压电工作业', level: 4 });
    expect(scope.status, JSON.stringify(scope.body)).toBe(201);
    scopeId = scope.body.id;
    await importSharedBank(reviewer, scopeId, '省级低压电工作业.xlsx');
    const library = await editor.post('/api/papers/libraries').send({ scopeId, kind: 'theory', paperCount: 5, seed: librarySeed });
    expect(library.status, JSON.stringify(library.body)).toBe(201);
    libraryId = library.body.id;
    page = await harness.signIn(editor.user);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R17: refuses a blank retire reason with the server error and retires nothing', async () => {
    const before = await readLibrary();
    const target = before.papers[1];
    await page.goto(harness.url(`/bank/scopes/${scopeId}/papers`), { waitUntil: 'networkidle0' });
    await page.locator(`tr[data-paper-code="${target.code}"] button.retire-paper`).click();
    await page.waitForSelector('dialog[open] textarea[name="reason"]');
    expect(await textOf(page, 'dialog[open] h2')).toContain(target.code);
    expect(await findUnlabelledControls(page)).toEqual([]);
    // Whitespace passes the browser's `required` check; the client sends it trimmed and the server refuses it.
    await page.locator('dialog[open] textarea[name="reason"]').fill('   ');
    await page.locator('dialog[open] button[type="submit"]').click();
    const error = await textOf(page, 'dialog[open] .error-box');
    expect(error).toContain('reason');
    expect((await readLibrary()).papers.find((paper) => paper.id === target.id)?.status).toBe('active');
    await page.locator('dialog[open] .dialog-header button').click();
  });

  it('R2 R17: retires one paper with a reason and shows it retired beside the replacement drawn for it', async () => {
    const before = await readLibrary();
    const target = before.papers[1];
    const reason = '试卷外泄（e2e 检查）';
    await page.locator(`tr[data-paper-code="${target.code}"] button.retire-paper`).click();
    await page.waitForSelector('dialog[open] textarea[name="reason"]');
    expect(await page.$eval('dialog[open] input[name="replace"]', (input) => (input as unknown as { checked: boolean }).checked)).toBe(true);
    await page.locator('dialog[open] textarea[name="reason"]').fill(reason);
    await page.locator('dialog[open] input[name="seed"]').fill('e2e-replacement');
    await page.locator('dialog[open] button[type="submit"]').click();
    const outcome = await textOf(page, '.retire-outcome');

    const after = await readLibrary();
    const retired = after.papers.find((paper) => paper.id === target.id)!;
    expect(retired).toMatchObject({ status: 'retired', retiredReason: reason });
    const replacement = after.papers.find((paper) => paper.id === retired.replacedBy)!;
    expect(replacement).toMatchObject({ status: 'active', replaces: target.id, seed: 'e2e-replacement' });
    expect(after.replacements).toEqual([expect.objectContaining({ retiredPaperId: target.id, paperId: replacement.id, reason, seed: 'e2e-replacement' })]);
    expect(after.papers.filter((paper) => paper.status === 'active')).toHaveLength(5);
    const offDiagonal = after.overlapMatrix.flatMap((row, rowIndex) => row.filter((_value, columnIndex) => columnIndex !== rowIndex));
    expect(Math.max(...offDiagonal)).toBeLessThanOrEqual(after.maxOverlap);

    expect(outcome).toContain(`试卷 ${target.code} 已停用`);
    expect(outcome).toContain(`替换试卷 ${replacement.code} 已抽取`);
    await page.waitForSelector(`tr[data-paper-code="${replacement.code}"]`);
    const retiredRow = await textOf(page, `tr[data-paper-code="${target.code}"]`);
    expect(retiredRow).toContain('已停用');
    expect(retiredRow).toContain(`停用原因：${reason}`);
    expect(retiredRow).toContain(`已由 ${replacement.code} 替换`);
    expect(await page.$(`tr[data-paper-code="${target.code}"] button.retire-paper`)).toBeNull();
    const replacementRow = await textOf(page, `tr[data-paper-code="${replacement.code}"]`);
    expect(replacementRow).toContain('在用');
    expect(replacementRow).toContain(`替换 ${target.code}`);
    expect(await page.$(`tr[data-paper-code="${replacement.code}"] button.retire-paper`)).not.toBeNull();
    const record = await textOf(page, 'section[aria-labelledby="replacements-heading"]');
    expect(record).toContain(reason);
    expect(record).toContain('e2e-replacement');
    expect(await textOf(page, 'dl.facts')).toContain('在用 5 套（共 6 套，含已停用）');
    expect(await page.$$('table.heatmap tbody tr')).toHaveLength(6);
    expect(await page.$$('table.heatmap td.over-limit')).toHaveLength(0);
    await harness.screenshot(page, 'paper-library-retired', { scrollTo: 'section[aria-labelledby="papers-heading"]' });
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R3: the assemble dialog names the active library it supersedes and what happens to handed-out papers and planned batches', async () => {
    await page.goto(harness.url(`/bank/scopes/${scopeId}/papers`), { waitUntil: 'networkidle0' });
    await page.locator('.page-header button::-p-text(组卷)').click();
    const warning = await textOf(page, 'dialog[open] .supersede-warning');
    expect(warning).toContain('组卷将替换本范围当前在用的卷库');
    expect(warning).toContain(`种子 ${librarySeed}`);
    expect(warning).toContain('理论');
    expect(warning).toContain('已发放给考生的试卷保持不变');
    expect(warning).toContain('使用旧卷库计划的批次，开考时将从新卷库抽卷');
    await harness.screenshot(page, 'paper-library-assemble-warning');

    // The scope has no practical library: choosing practical replaces none.
    const selector = 'dialog[open] select';
    await page.select(selector, 'practical');
    await page.waitForSelector('dialog[open] .supersede-none');
    expect(await page.$('dialog[open] .supersede-warning')).toBeNull();
    await page.select(selector, 'theory');
    await page.waitForSelector('dialog[open] .supersede-warning');
    await page.locator('dialog[open] .dialog-header button').click();
    expect((await readLibrary()).status).toBe('active');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R17: offers exam administrators the assemble dialog but no retire action', async () => {
    const examAdminPage = await harness.signIn(await harness.app.createUser('exam_admin'));
    await examAdminPage.goto(harness.url(`/bank/scopes/${scopeId}/papers`), { waitUntil: 'networkidle0' });
    await examAdminPage.waitForSelector('section[aria-labelledby="papers-heading"] tbody tr');
    expect(await examAdminPage.$$('button.retire-paper')).toHaveLength(0);
    expect(await bodyText(examAdminPage)).toContain('考生版 PDF');
    await examAdminPage.locator('.page-header button::-p-text(组卷)').click();
    await waitForText(examAdminPage, '已发放给考生的试卷保持不变');
  });
});
