/**
 * The exam page under the proctor's and the server's events, in the real browser (issue 7): a
 * second login is held until the proctor approves it and the first page then shows that the exam
 * continued on another device (R10, R17 one active session); browser events reach the proctor as
 * telemetry without being blocked; warnings, pause and extension show on the page; the layout holds
 * at 1024×768 with the larger-text choice kept after a reload; and at the server deadline the page
 * shows that the paper was submitted automatically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttemptModel } from '@skillcert/server/domain/attempts/attempt.model';
import { approveDeviceChange } from '@skillcert/server/domain/attempts/approve-device-change';
import { extendAttempt } from '@skillcert/server/domain/attempts/extend-attempt';
import { pauseAttempt } from '@skillcert/server/domain/attempts/pause-attempt';
import { resumeAttempt } from '@skillcert/server/domain/attempts/resume-attempt';
import { warnCandidate } from '@skillcert/server/domain/attempts/warn-candidate';
import { domainEvents } from '@skillcert/server/domain/events';
import { attachExamRoom } from '@skillcert/server/realtime/attach-realtime';
import { createExamFixture, type CandidateHandle, type ExamFixture } from '../helpers/exam-fixture';
import { pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

/** Runs `source` (an expression) in the page; the test project has no DOM types. */
function evaluate<T>(page: Page, source: string): Promise<T> {
  return page.evaluate(source) as Promise<T>;
}

/** `hh:mm:ss` → seconds. */
function toSeconds(text: string): number {
  const [hours, minutes, seconds] = text.trim().split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('exam page under proctor and server events (e2e)', () => {
  let harness: BrowserApp;
  let fixture: ExamFixture;
  let candidate: CandidateHandle;
  let attemptId: string;
  let page: Page;
  const telemetryTypes: string[] = [];
  let unsubscribe: () => void = () => undefined;

  /** Opens a fresh browser context (another login), signs `who` in and lands on /exam. */
  async function signInCandidate(who: CandidateHandle): Promise<Page> {
    const opened = await harness.newPage();
    await opened.goto(harness.url('/exam'), { waitUntil: 'networkidle0' });
    await opened.waitForSelector('input[name="idNumber"]');
    await opened.locator('input[name="idNumber"]').fill(who.idNumber);
    await opened.locator('input[name="admissionTicketNumber"]').fill(who.admissionTicketNumber);
    await opened.locator('input[name="password"]').fill(who.password);
    await opened.locator('form button[type="submit"]').click();
    await opened.waitForSelector('.exam');
    return opened;
  }

  /** Confirms the instructions and starts. */
  async function startExam(opened: Page): Promise<void> {
    await waitForText(opened, '考试须知与确认');
    await opened.locator('.exam-confirm input[type="checkbox"]').click();
    await opened.locator('button.exam-start').click();
    await opened.waitForSelector('.exam-question');
  }

  beforeAll(async () => {
    harness = await startBrowserApp();
    await attachExamRoom(harness.app.server.io, harness.app.server.context, { sweepIntervalMs: 500 });
    fixture = await createExamFixture({ candidateCount: 2, durationMinutes: 30 });
    candidate = fixture.candidates[0];
    unsubscribe = domainEvents.on('attempt.telemetry', (event) => {
      if (event.attemptId === attemptId) telemetryTypes.push(event.event.type);
    });
  });

  afterAll(async () => {
    unsubscribe();
    await harness?.stop();
  });

  it('R10 R17: holds a second login until the proctor approves it; the first page then shows the exam continued elsewhere', async () => {
    const first = await signInCandidate(candidate);
    await startExam(first);
    attemptId = String((await fixture.attemptOf(candidate))!._id);
    await first.locator('.exam-option[data-option="0"]').click();
    await first.waitForSelector('.exam-question .exam-save[data-save-status="saved"]');

    page = await signInCandidate(candidate);
    const held = await waitForText(page, '等待监考员批准本设备');
    expect(held).toContain('举手示意监考员');
    expect(await first.$('.exam-question')).not.toBeNull();

    await approveDeviceChange({ attemptId, actor: fixture.proctor.actor, reason: '考生更换故障电脑' });
    await page.waitForSelector('.exam-question');
    await page.waitForSelector('.exam-cell[data-slot="1"].answered');
    const superseded = await waitForText(first, '考试已在其他设备上继续');
    expect(superseded).toContain('监考员已批准您在另一台设备上继续作答');

    await page.keyboard.press('j');
    await page.keyboard.press('2');
    await page.waitForSelector('.exam-cell[data-slot="2"].answered:not(.unsaved)');
    await waitUntil('answer 2 stored', async () => (await fixture.attemptOf(candidate))?.answers['2'] !== undefined);
    expect((await fixture.attemptOf(candidate))?.answers['2'].response).toEqual([1]);
    expect(pageErrorsOf(first)).toEqual([]);
  });

  it('R10: reports focus loss, visibility, copy, paste, context menu and fullscreen exit without blocking them', async () => {
    const notPrevented = await evaluate<boolean[]>(
      page,
      `(() => {
        const results = [];
        window.dispatchEvent(new Event('blur'));
        window.dispatchEvent(new Event('focus'));
        document.dispatchEvent(new Event('visibilitychange'));
        results.push(document.dispatchEvent(new Event('copy', { bubbles: true, cancelable: true })));
        results.push(document.dispatchEvent(new Event('paste', { bubbles: true, cancelable: true })));
        return results;
      })()`,
    );
    expect(notPrevented).toEqual([true, true]);
    await page.click('.exam-stem', { button: 'right' });
    const isFullscreenSupported = await evaluate<boolean>(page, 'document.fullscreenEnabled');
    if (isFullscreenSupported) {
      await page.locator('button::-p-text(全屏)').click();
      await page.waitForFunction('document.fullscreenElement !== null');
      await page.locator('button::-p-text(退出全屏)').click();
      await page.waitForFunction('document.fullscreenElement === null');
    }
    const expected = ['focus_lost', 'focus_regained', 'visibility_visible', 'copy', 'paste', 'context_menu', ...(isFullscreenSupported ? ['fullscreen_exit'] : [])];
    await waitUntil(`telemetry ${expected.join(', ')}`, () => expected.every((type) => telemetryTypes.includes(type)));
    // The page keeps working after them.
    await page.keyboard.press('j');
    await page.keyboard.press('1');
    await page.waitForSelector('.exam-cell[data-slot="3"].answered:not(.unsaved)');
  });

  it('shows a proctor warning prominently, the paused overlay with a frozen timer, and an extension on the timer', async () => {
    await warnCandidate({ attemptId, actor: fixture.proctor.actor, reason: '左顾右盼', message: '请保持视线在本人屏幕上' });
    await page.waitForSelector('dialog[open] .exam-warning');
    expect(await textOf(page, 'dialog[open]')).toContain('请保持视线在本人屏幕上');
    await page.locator('dialog[open] button::-p-text(我知道了)').click();
    await page.waitForFunction('document.querySelector("dialog[open]") === null');

    await pauseAttempt({ attemptId, actor: fixture.proctor.actor, reason: '考生身体不适' });
    expect(await waitForText(page, '考试已暂停')).toContain('计时已停止');
    expect(await textOf(page, '.exam-timer-label')).toBe('已暂停');
    const frozen = await textOf(page, '.exam-timer-value');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await textOf(page, '.exam-timer-value')).toBe(frozen);
    await page.keyboard.press('j');
    await page.keyboard.press('1');
    expect(await page.$$('.exam-cell[data-slot="4"].answered')).toHaveLength(0);

    await resumeAttempt({ attemptId, actor: fixture.proctor.actor, reason: '考生恢复' });
    await page.waitForFunction('document.querySelector(".exam-overlay") === null');
    await page.keyboard.press('1');
    await page.waitForSelector('.exam-cell[data-slot="4"].answered:not(.unsaved)');

    const beforeS = toSeconds(await textOf(page, '.exam-timer-value'));
    await extendAttempt({ attemptId, actor: fixture.proctor.actor, extraMs: 10 * 60_000, reason: '设备故障补时' });
    await waitUntil('the extended timer', async () => toSeconds(await textOf(page, '.exam-timer-value')) > beforeS + 500);
    const afterS = toSeconds(await textOf(page, '.exam-timer-value'));
    expect(afterS - beforeS).toBeGreaterThan(590);
    expect(afterS - beforeS).toBeLessThanOrEqual(600);
  });

  it('holds the layout at 1024×768 and keeps the larger-text choice after a reload', async () => {
    await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
    const layout = await evaluate<{ scrollWidth: number; questionRight: number; gridLeft: number; gridRight: number; submitRight: number; submitBottom: number }>(
      page,
      `(() => {
        const box = (selector) => document.querySelector(selector).getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          questionRight: box('.exam-question').right,
          gridLeft: box('.exam-grid').left,
          gridRight: box('.exam-grid').right,
          submitRight: box('button.exam-submit').right,
          submitBottom: box('button.exam-submit').bottom,
        };
      })()`,
    );
    expect(layout.scrollWidth).toBeLessThanOrEqual(1024);
    expect(layout.gridLeft).toBeGreaterThanOrEqual(layout.questionRight);
    expect(layout.gridRight).toBeLessThanOrEqual(1024);
    expect(layout.submitRight).toBeLessThanOrEqual(1024);
    expect(layout.submitBottom).toBeLessThanOrEqual(768);

    await page.locator('button::-p-text(大字号)').click();
    await page.waitForSelector('.exam.exam-large');
    const largeFontPx = await evaluate<number>(page, 'parseFloat(getComputedStyle(document.querySelector(".exam-stem")).fontSize)');
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('.exam.exam-large .exam-question');
    expect(await evaluate<number>(page, 'parseFloat(getComputedStyle(document.querySelector(".exam-stem")).fontSize)')).toBe(largeFontPx);
    expect(await evaluate<string>(page, 'document.querySelector("button[aria-pressed=\\"true\\"]").textContent')).toBe('大字号');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('shows that the paper was submitted automatically when the server deadline passes', async () => {
    const other = fixture.candidates[1];
    const otherPage = await signInCandidate(other);
    await startExam(otherPage);
    await otherPage.locator('.exam-option[data-option="1"]').click();
    await otherPage.waitForSelector('.exam-question .exam-save[data-save-status="saved"]');
    // Let time pass: the stored deadline moves to 3 s from now; the page learns it on reload.
    const stored = await fixture.attemptOf(other);
    await AttemptModel.updateOne({ _id: stored!._id }, { $set: { deadlineAt: new Date(Date.now() + 3000) } });
    await otherPage.reload({ waitUntil: 'networkidle0' });
    await otherPage.waitForSelector('.exam-timer.low');
    const done = await waitForText(otherPage, '已交卷', 20_000);
    expect(done).toContain('考试时间到，系统已自动交卷');
    expect(await textOf(otherPage, '.exam-done [data-count="answered"]')).toBe('1 / 18 题');
    const submitted = await fixture.attemptOf(other);
    expect(submitted?.status).toBe('submitted');
    expect(submitted?.submitReason).toBe('deadline');
    expect(pageErrorsOf(otherPage)).toEqual([]);
  });
});
