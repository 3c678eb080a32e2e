/**
 * The proctor 监考 at the proctor console `/proctor` in Chromium (R10): opens their room from the
 * room list, watches the grid and the incident feed, opens a candidate from an incident and warns
 * them with a reason and a message, marking the incident handled.
 */
import { textOf, waitForText, type BrowserApp, type Page } from '../../helpers/browser';
import type { TestUser } from '../../helpers/app';

/** Signs the proctor in, opens the room list and enters the room; resolves once the console is live. */
export async function openRoomConsole(harness: BrowserApp, proctor: TestUser, roomName: string): Promise<Page> {
  const page = await harness.signIn(proctor);
  await page.goto(harness.url('/proctor'), { waitUntil: 'networkidle0' });
  await waitForText(page, roomName);
  await page.locator('a::-p-text(进入考场)').click();
  await page.waitForSelector('.proctor-console');
  await waitForText(page, '实时连接');
  return page;
}

/** Waits for an incident of `candidateName` with the rule text `ruleText` in the feed; returns the feed text. */
export async function waitForIncident(page: Page, candidateName: string, ruleText: string, timeoutMs = 30_000): Promise<string> {
  await page.waitForFunction(
    (name: string, rule: string) => {
      const items = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> } }).document.querySelectorAll(
        '.incident-list li.incident',
      );
      return Array.from(items).some((item) => (item.textContent ?? '').includes(name) && (item.textContent ?? '').includes(rule));
    },
    { timeout: timeoutMs },
    candidateName,
    ruleText,
  );
  return textOf(page, '.incident-feed');
}

/**
 * From the incident feed, opens the candidate, chooses 警告提醒, writes the reason and the message
 * shown to the candidate, ticks the open incidents it handles and confirms; resolves on the notice.
 */
export async function warnFromIncident(page: Page, candidateName: string, reason: string, message: string): Promise<void> {
  await page.locator(`.incident-list button.link::-p-text(${candidateName})`).click();
  await page.waitForSelector('dialog[open] .candidate-detail');
  await page.locator('dialog[open] .candidate-detail button::-p-text(警告提醒)').click();
  await page.waitForSelector('dialog[open] form.action-form');
  const textareas = await page.$$('dialog[open] form.action-form textarea');
  await textareas[0].type(reason);
  await textareas[1].type(message);
  for (const checkbox of await page.$$('dialog[open] form.action-form fieldset input[type="checkbox"]')) await checkbox.click();
  await page.locator('dialog[open] form.action-form button[type="submit"]').click();
  await waitForText(page, '已警告提醒。');
}
