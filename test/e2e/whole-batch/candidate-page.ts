/**
 * A candidate at the exam page `/exam` in Chromium, acting as a person would: the sign-in form
 * (ID number, admission ticket number, password), the waiting room, the instructions with the
 * confirmation, answers chosen with the keyboard (option digits, `j` for the next question), and the
 * submit dialog. The page's text is read the way the candidate reads it (stem and options on screen).
 */
import { waitForText, type BrowserApp, type Page } from '../../helpers/browser';
import type { AnswerKey, ShownQuestion } from './answer-key';
import type { CandidateCredentials } from './socket-candidate';

/** The DOM the helpers read (the test project is compiled without the DOM library). */
interface DomElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Opens `/exam` in a fresh browser context and signs the candidate in; resolves in the waiting room or later. */
export async function signInAtExamPage(harness: BrowserApp, candidate: CandidateCredentials): Promise<Page> {
  const page = await harness.newPage();
  await page.goto(harness.url('/exam'), { waitUntil: 'networkidle0' });
  await page.waitForSelector('input[name="idNumber"]');
  await page.locator('input[name="idNumber"]').fill(candidate.idNumber);
  await page.locator('input[name="admissionTicketNumber"]').fill(candidate.admissionTicketNumber);
  await page.locator('input[name="password"]').fill(candidate.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForSelector('.exam');
  return page;
}

/** Confirms the instructions and starts; resolves on the first question. */
export async function startExamOnPage(page: Page): Promise<void> {
  await waitForText(page, '考试须知与确认', 60_000);
  await page.locator('.exam-confirm input[type="checkbox"]').click();
  await page.locator('button.exam-start').click();
  await page.waitForSelector('.exam-question');
}

/** The question on screen as the candidate reads it, with its number and the paper's length. */
export type QuestionOnScreen = ShownQuestion & { number: number; total: number };

/**
 * Reads the question on screen (stem, options in the shown order, whether several may be chosen);
 * with `number`, first waits until that question is shown. One round trip to the page.
 * @throws Error when question `number` is not shown within 20 s
 */
export async function readShownQuestion(page: Page, number?: number): Promise<QuestionOnScreen> {
  return page.evaluate(async (wanted: number | null) => {
    const document = (globalThis as unknown as { document: DomDocument }).document;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const heading = document.querySelector('#exam-question-heading')?.textContent ?? '';
      const [, shown, total] = /第\s*(\d+)\s*题\s*\/\s*共\s*(\d+)\s*题/.exec(heading) ?? [];
      if (shown !== undefined && (wanted === null || Number(shown) === wanted)) {
        const options = Array.from(document.querySelectorAll('.exam-option .exam-option-text')).map((option) => option.textContent ?? '');
        const isMultiple = document.querySelector('.exam-options')?.getAttribute('role') === 'group';
        const isJudge = options.length === 2 && options[0] === '正确' && options[1] === '错误';
        return {
          number: Number(shown),
          total: Number(total),
          stem: document.querySelector('.exam-stem')?.textContent ?? '',
          options,
          type: isMultiple ? ('multiple' as const) : isJudge ? ('judge' as const) : ('single' as const),
        };
      }
      if (Date.now() > deadline) throw new Error(`question ${wanted} not shown within 20 s (heading: ${heading})`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }, number ?? null);
}

/**
 * Answers questions from the current one on, `count` of them (default: to the end), with the keyboard:
 * option digits, then `j`. `accuracy` (0..1) of them correctly, deterministically by number: question
 * n is answered wrongly when (n * 37) mod 100 >= accuracy * 100.
 * With `firstNumber`, waits until that question is on screen first.
 * @returns how many questions were answered
 */
export async function answerOnPage(page: Page, key: AnswerKey, options: { accuracy: number; count?: number; firstNumber?: number }): Promise<number> {
  let answered = 0;
  let question = await readShownQuestion(page, options.firstNumber);
  for (;;) {
    const isCorrect = (question.number * 37) % 100 < options.accuracy * 100;
    const response = (isCorrect ? key.correctResponse(question) : null) ?? key.wrongResponse(question);
    for (const index of response) await page.keyboard.press(String(index + 1) as '1');
    answered += 1;
    if (question.number >= question.total || (options.count !== undefined && answered >= options.count)) break;
    await page.keyboard.press('j');
    question = await readShownQuestion(page, question.number + 1);
  }
  return answered;
}

/** Waits until every answer shown as answered is acknowledged (no cell marked unsaved). */
export async function waitForAllSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as { document: DomDocument }).document.querySelectorAll('.exam-cell.unsaved').length === 0,
    { timeout: 30_000 },
  );
}

/** Opens the submit dialog, confirms, and resolves on the done page with its text. */
export async function submitOnPage(page: Page): Promise<string> {
  await waitForAllSaved(page);
  await page.locator('button.exam-submit').click();
  await page.waitForSelector('dialog[open] .exam-submit-dialog');
  await page.locator('dialog[open] button.exam-submit-confirm').click();
  return waitForText(page, '已交卷', 30_000);
}
