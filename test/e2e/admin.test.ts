/**
 * Administrator journeys in the real browser against the real server: role-aware navigation,
 * creating a user with roles and an assessor grade, organisation settings (R14 code fields,
 * jurisdiction defaults), audit chain verification (R10, R17), language toggle and Chinese dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, findUnlabelledControls, pageErrorsOf, startBrowserApp, textOf, waitForText, type BrowserApp } from '../helpers/browser';

describe('admin area (e2e)', () => {
  let harness: BrowserApp;

  beforeAll(async () => {
    harness = await startBrowserApp();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R17: shows each user only the areas their roles may open', async () => {
    const admin = await harness.signIn(await harness.app.createUser('admin'));
    const adminNavigation = await textOf(admin, 'nav.main-nav');
    expect(adminNavigation).toContain('系统管理');
    expect(adminNavigation).toContain('题库与组卷');
    expect(adminNavigation).toContain('评价计划');

    const editor = await harness.signIn(await harness.app.createUser('bank_editor'));
    const editorNavigation = await textOf(editor, 'nav.main-nav');
    expect(editorNavigation).toContain('题库与组卷');
    expect(editorNavigation).not.toContain('系统管理');
    expect(editorNavigation).not.toContain('评价计划');
    await editor.goto(harness.url('/admin/users'), { waitUntil: 'networkidle0' });
    expect(await waitForText(editor, '无权操作')).toContain('您的角色无权使用此功能');
  });

  it('creates a senior assessor through the users screen and lists it with a Chinese date', async () => {
    const page = await harness.signIn(await harness.app.createUser('admin'));
    await page.goto(harness.url('/admin/users'), { waitUntil: 'networkidle0' });
    const form = 'section[aria-labelledby="create-user-heading"] form';
    await page.locator(`${form} input[name="name"]`).fill('张伟');
    await page.locator(`${form} input[value="assessor"]`).click();
    await page.locator(`${form} input[value="exam_admin"]`).click();
    await page.locator(`${form} select[name="assessorGrade"]`).wait();
    await page.select(`${form} select[name="assessorGrade"]`, 'senior_assessor');
    await page.locator(`${form} input[name="username"]`).fill('zhang.wei');
    await page.locator(`${form} input[name="password"]`).fill('zhang-wei-initial-2026');
    await page.locator(`${form} button[type="submit"]`).click();

    const text = await waitForText(page, '已创建用户：张伟');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(selector: string): { innerText: string } | null } }).document.querySelector('table tbody')?.innerText.includes('zhang.wei'));
    const table = await textOf(page, 'section[aria-labelledby="user-list-heading"] table');
    expect(table).toMatch(/张伟\s+zhang\.wei\s+(考务人员、考评员|考评员、考务人员) \(高级考评员（五至一级）\)/);
    expect(table).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).not.toContain('填写内容有误');

    await harness.screenshot(page, 'admin-users');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R14: shows the certificate code fields with the example number and saves a change', async () => {
    const page = await harness.signIn(await harness.app.createUser('admin'));
    await page.goto(harness.url('/admin/organisation'), { waitUntil: 'networkidle0' });
    const year = String(new Date().getFullYear() % 100).padStart(2, '0');
    expect(await textOf(page, 'code.certificate-number')).toBe(`Y000044032001${year}4000001`);
    expect(await bodyText(page)).toContain('默认 10');

    await page.locator('input[pattern="\\\\d{3}"]').fill('007');
    expect(await textOf(page, 'code.certificate-number')).toBe(`Y000044032007${year}4000001`);
    await page.locator('form button[type="submit"]').click();
    await page.waitForFunction(() => /已保存|填写内容有误|系统错误/.test((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText));
    expect(await bodyText(page)).toContain('已保存');
    const saved = (await page.evaluate(() => fetch('/api/admin/organisation').then((response) => response.json()))) as {
      settings: { certificateCode: { siteSequence: string } };
    };
    expect(saved.settings.certificateCode.siteSequence).toBe('007');
    await harness.screenshot(page, 'admin-organisation');
  });

  it('starts keyboard navigation at a visible skip link and labels every form control', async () => {
    const page = await harness.signIn(await harness.app.createUser('admin'));
    await page.goto(harness.url('/admin/users'), { waitUntil: 'networkidle0' });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as {
        document: { activeElement: { textContent: string } | null };
        getComputedStyle(element: unknown): { outlineStyle: string; left: string };
      };
      const element = document.activeElement!;
      const style = getComputedStyle(element);
      return { text: element.textContent, outline: style.outlineStyle, left: style.left };
    });
    expect(focused).toEqual({ text: '跳到主要内容', outline: 'solid', left: expect.not.stringMatching(/^-/) });
    expect(await findUnlabelledControls(page)).toEqual([]);
  });

  it('R10 R17: verifies the audit chain as intact and switches the interface to English', async () => {
    const page = await harness.signIn(await harness.app.createUser('admin'));
    await page.goto(harness.url('/admin/audit'), { waitUntil: 'networkidle0' });
    await page.locator('button::-p-text(校验审计链)').click();
    const text = await waitForText(page, '审计链完整');
    expect(text).toMatch(/已校验记录\s+\d+/);

    await page.locator('.header-tools button[lang="en"]').click();
    await waitForText(page, 'Audit log');
    expect(await textOf(page, 'nav.main-nav')).toContain('Administration');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
  });
});
