/**
 * Candidate exam journey in the real browser (issue 7): the built client served by the real server
 * with the exam room attached, driven by the system Chromium. A candidate signs in, waits in the
 * waiting room until the session opens, confirms the instructions, answers with mouse and keyboard,
 * flags, sees saved states; the network drops while answering (answers queue in the IndexedDB
 * outbox), comes back (everything acknowledged and stored); a reload restores answers, flags,
 * position and remaining time; an outbox left behind by a closed page is sent by the next page;
 * the submit dialog shows the unanswered and flagged counts; the done page shows the result.
 *
 * The browser's clock runs 3 hours ahead of the server: the timer must still show the server's
 * remaining time (clock offset from `serverNow`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachExamRoom } from '@skillcert/server/realtime/attach-realtime';
import { createExamFixture, type CandidateHandle, type ExamFixture } from '../helpers/exam-fixture';
import { bodyText, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

/** How far the candidate's browser clock is ahead of the server (ms). */
const clockSkewMs = 3 * 60 * 60_000;
const durationMinutes = 45;

/** Runs `source` (an expression) in the page; the test project has no DOM types. */
function evaluate<T>(page: Page, source: string): Promise<T> {
  return page.evaluate(source) as Promise<T>;
}

/** Slots waiting in the IndexedDB outbox of the page's origin. */
function outboxSlots(page: Page): Promise<number[]> {
  return evaluate(
    page,
    `new Promise((resolve, reject) => {
      const request = indexedDB.open('skillcert-exam');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const database = request.result;
        if (!database.objectStoreNames.contains('answers')) { database.close(); resolve([]); return; }
        const all = database.transaction('answers', 'readonly').objectStore('answers').getAll();
        all.onsuccess = () => { database.close(); resolve(all.result.map((entry) => entry.slot).sort((a, b) => a - b)); };
        all.onerror = () => reject(all.error);
      };
    })`,
  );
}

/** The heading of the question on screen, e.g. `第 3 题 / 共 18 题…`. */
function questionHeading(page: Page): Promise<string> {
  return textOf(page, '#exam-question-heading');
}

/** Waits until the question on screen is number `number`. */
async function waitForQuestion(page: Page, number: number): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => ((globalThis as unknown as { document: { querySelector(selector: string): { textContent: string } | null } }).document.querySelector('#exam-question-heading')?.textContent ?? '').startsWith(wanted),
    {},
    `第 ${number} 题`,
  );
}

/** Waits until the current question shows `status` (data-save-status). */
async function waitForSaveStatus(page: Page, status: string): Promise<string> {
  await page.waitForSelector(`.exam-question .exam-save[data-save-status="${status}"]`);
  return textOf(page, '.exam-question .exam-save');
}

/** `hh:mm:ss` → seconds. */
function toSeconds(text: string): number {
  const [hours, minutes, seconds] = text.trim().split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** Stored answers of the candidate: slot → displayed option indexes. */
async function storedAnswers(fixture: ExamFixture, candidate: CandidateHandle): Promise<Record<string, number[]>> {
  const attempt = await fixture.attemptOf(candidate);
  return Object.fromEntries(Object.entries(attempt?.answers ?? {}).map(([slot, answer]) => [slot, answer.response]));
}

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Grid cells with a class, as slot numbers. */
function cellsWith(page: Page, className: string): Promise<number[]> {
  return page.$$eval(`.exam-cell.${className}`, (cells) => cells.map((cell) => Number((cell as unknown as { dataset: { slot: string } }).dataset.slot)));
}

describe('candidate exam page (e2e)', () => {
  let harness: BrowserApp;
  let fixture: ExamFixture;
  let candidate: CandidateHandle;
  let page: Page;
  let totalCount: number;

  beforeAll(async () => {
    harness = await startBrowserApp();
    await attachExamRoom(harness.app.server.io, harness.app.server.context, { sweepIntervalMs: 1000 });
    fixture = await createExamFixture({ candidateCount: 2, durationMinutes, shouldOpenSession: false });
    candidate = fixture.candidates[0];
    page = await harness.newPage();
    await page.evaluateOnNewDocument(`(() => { const real = Date.now.bind(Date); Date.now = () => real() + ${clockSkewMs}; })()`);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R10 R17: signs the candidate in and waits in the waiting room until the session opens', async () => {
    await page.goto(harness.url('/exam'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('input[name="idNumber"]');
    await page.locator('input[name="idNumber"]').fill(candidate.idNumber);
    await page.locator('input[name="admissionTicketNumber"]').fill(candidate.admissionTicketNumber);
    await page.locator('input[name="password"]').fill(candidate.password);
    await page.locator('form button[type="submit"]').click();
    const waiting = await waitForText(page, '候考室');
    expect(waiting).toContain('考场尚未开放');
    expect(waiting).toContain(`${durationMinutes} 分钟`);
    expect(waiting).toContain('键盘操作');

    await fixture.openSession();
    const instructions = await waitForText(page, '考试须知与确认');
    expect(instructions).toContain('共 18 题');
    expect(await page.$eval('button.exam-start', (button) => (button as unknown as { disabled: boolean }).disabled)).toBe(true);
  });

  it('starts after the confirmation and shows the candidate form with the server remaining time despite a skewed clock', async () => {
    await page.locator('.exam-confirm input[type="checkbox"]').click();
    await page.locator('button.exam-start').click();
    await page.waitForSelector('.exam-question');
    totalCount = (await page.$$('.exam-cell')).length;
    expect(totalCount).toBe(18);
    expect(await questionHeading(page)).toContain('第 1 题 / 共 18 题');
    const attempt = await fixture.attemptOf(candidate);
    expect(attempt?.status).toBe('in_progress');
    const serverRemainingS = (new Date(attempt!.deadlineAt!).getTime() - Date.now()) / 1000;
    const shownS = toSeconds(await textOf(page, '.exam-timer-value'));
    // The page's clock is 3 h ahead; without the offset the timer would show 00:00:00.
    expect(Math.abs(shownS - serverRemainingS)).toBeLessThan(5);
    expect(shownS).toBeGreaterThan(durationMinutes * 60 - 30);
  });

  it('saves answers chosen with the mouse and the keyboard and shows the saved state', async () => {
    await page.locator('.exam-option[data-option="1"]').click();
    expect(await waitForSaveStatus(page, 'saved')).toMatch(/已保存 \d\d:\d\d:\d\d/);

    await page.keyboard.press('j');
    await waitForQuestion(page, 2);
    await page.keyboard.press('1');
    await waitForSaveStatus(page, 'saved');
    await page.keyboard.press('f');
    await page.waitForSelector('.exam-cell[data-slot="2"].flagged');

    await page.keyboard.press('ArrowRight');
    await waitForQuestion(page, 3);
    await page.keyboard.press('b');
    await waitForSaveStatus(page, 'saved');
    await page.keyboard.press('PageUp');
    await waitForQuestion(page, 2);
    await page.keyboard.press('PageDown');
    await waitForQuestion(page, 3);

    const stored = await storedAnswers(fixture, candidate);
    expect(stored).toEqual({ '1': [1], '2': [0], '3': [1] });
    expect((await fixture.attemptOf(candidate))?.flaggedSlots).toEqual([2]);
    expect(await cellsWith(page, 'answered')).toEqual([1, 2, 3]);
    expect(await outboxSlots(page)).toEqual([]);
  });

  it('queues answers in the outbox while offline and stores all of them once back online', async () => {
    await page.setOfflineMode(true);
    await waitForText(page, '网络已断开');
    await page.keyboard.press('j');
    await waitForQuestion(page, 4);
    await page.keyboard.press('1');
    expect(await waitForSaveStatus(page, 'retrying')).toBe('未保存 — 正在重试');
    await page.keyboard.press('j');
    await waitForQuestion(page, 5);
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    await waitForSaveStatus(page, 'retrying');
    expect(await textOf(page, '.exam-connection')).toContain('2 题待保存');
    expect(await cellsWith(page, 'unsaved')).toEqual([4, 5]);
    expect(await outboxSlots(page)).toEqual([4, 5]);
    const whileOffline = await storedAnswers(fixture, candidate);
    expect(whileOffline['4']).toBeUndefined();
    expect(whileOffline['5']).toBeUndefined();

    await page.setOfflineMode(false);
    await page.waitForSelector('.exam-connection.online');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document.querySelectorAll('.exam-cell.unsaved').length === 0);
    await waitForSaveStatus(page, 'saved');
    expect(await outboxSlots(page)).toEqual([]);
    const stored = await storedAnswers(fixture, candidate);
    expect(stored['4']).toEqual([0]);
    // Question 5 was changed twice offline: the later choice (option 1 → index 0) wins... unless the
    // item is multiple choice, where both options stay chosen.
    expect([[0], [0, 1]]).toContainEqual(stored['5']);
    expect(stored['5']).toEqual(await page.$$eval('.exam-option[aria-checked="true"]', (options) => options.map((option) => Number((option as unknown as { dataset: { option: string } }).dataset.option))));
  });

  it('restores answers, flags, position and remaining time after a reload', async () => {
    await page.locator('.exam-cell[data-slot="7"]').click();
    await waitForQuestion(page, 7);
    await page.locator('.exam-option[data-option="0"]').click();
    await waitForSaveStatus(page, 'saved');
    await page.locator('.exam-flag-button').click();
    await page.waitForSelector('.exam-cell[data-slot="7"].flagged');
    // The position is sent after a short pause.
    await waitUntil('the stored position 7', async () => (await fixture.attemptOf(candidate))?.position === 7);
    const beforeS = toSeconds(await textOf(page, '.exam-timer-value'));
    const answeredBefore = await cellsWith(page, 'answered');

    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('.exam-question');
    expect(await questionHeading(page)).toContain('第 7 题');
    expect(await page.$$eval('.exam-option[aria-checked="true"]', (options) => options.length)).toBe(1);
    expect(await cellsWith(page, 'answered')).toEqual(answeredBefore);
    expect(await cellsWith(page, 'flagged')).toEqual([2, 7]);
    const afterS = toSeconds(await textOf(page, '.exam-timer-value'));
    expect(afterS).toBeLessThanOrEqual(beforeS);
    expect(beforeS - afterS).toBeLessThan(30);
    await waitForSaveStatus(page, 'saved');

    await page.keyboard.press('j');
    await waitForQuestion(page, 8);
    await page.keyboard.press('a');
    await waitForSaveStatus(page, 'saved');
    await harness.screenshot(page, 'exam-page');
  });

  it('sends the outbox (answer and position) a closed page left behind when the exam is opened again', async () => {
    await page.setOfflineMode(true);
    await waitForText(page, '网络已断开');
    await page.keyboard.press('j');
    await waitForQuestion(page, 9);
    await page.keyboard.press('1');
    await waitForSaveStatus(page, 'retrying');
    expect(await outboxSlots(page)).toEqual([9]);
    const context = page.browserContext();
    await page.close();

    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push((error as Error).message));
    (page as Page & { pageErrors: string[] }).pageErrors = errors;
    await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
    await page.evaluateOnNewDocument(`(() => { const real = Date.now.bind(Date); Date.now = () => real() + ${clockSkewMs}; })()`);
    await page.goto(harness.url('/exam'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('.exam-question');
    // The position on screen when the page closed was in the outbox too.
    expect(await questionHeading(page)).toContain('第 9 题');
    await page.waitForSelector('.exam-cell[data-slot="9"].answered');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document.querySelectorAll('.exam-cell.unsaved').length === 0);
    expect((await storedAnswers(fixture, candidate))['9']).toEqual([0]);
    expect(await outboxSlots(page)).toEqual([]);
    await waitUntil('the stored position 9', async () => (await fixture.attemptOf(candidate))?.position === 9);
  });

  it('asks for confirmation with the unanswered and flagged counts, then shows the done page', async () => {
    const answered = (await cellsWith(page, 'answered')).length;
    await page.locator('button.exam-submit').click();
    await page.waitForSelector('dialog[open] .exam-submit-dialog');
    const count = (name: string) => textOf(page, `dialog[open] [data-count="${name}"]`);
    expect(await count('total')).toBe(String(totalCount));
    expect(await count('answered')).toBe(String(answered));
    expect(await count('unanswered')).toBe(String(totalCount - answered));
    expect(await count('flagged')).toBe('2');
    expect(await textOf(page, 'dialog[open]')).toContain('标记待复查的题：2、7');
    await harness.screenshot(page, 'exam-submit-dialog');

    await page.locator('dialog[open] button.exam-submit-confirm').click();
    const done = await waitForText(page, '已交卷');
    expect(done).toContain('您已成功交卷');
    expect(await textOf(page, '.exam-done [data-count="answered"]')).toBe(`${answered} / ${totalCount} 题`);
    const attempt = await fixture.attemptOf(candidate);
    expect(attempt?.status).toBe('submitted');
    expect(attempt?.submitReason).toBe('candidate');
    expect(Object.values(attempt?.answers ?? {}).filter((answer) => answer.response.length > 0)).toHaveLength(answered);

    // Reloading after the submission shows the done page again, not the paper.
    await page.reload({ waitUntil: 'networkidle0' });
    expect(await waitForText(page, '已交卷')).toContain(`${answered} / ${totalCount} 题`);
    expect(pageErrorsOf(page)).toEqual([]);
    expect(await bodyText(page)).not.toContain('第 1 题 / 共');
  });
});
