/**
 * Organisation settings of the plans area in the real browser: an administrator edits the
 * organisation calendar (an own rest day, an own working day, the 2027 supplementary year the
 * holiday data lacks) that every working-day deadline uses (R7, R11-R13), sees server refusals at
 * the field they name, and edits the enterprise units of R9; a supervisor reads both read-only.
 * Everything is checked after a reload and through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../helpers/app';
import { bodyText, findUnlabelledControls, pageErrorsOf, setReactInputValue, startBrowserApp, textOf, waitForText, type BrowserApp, type Page } from '../helpers/browser';

/** Minimal DOM shapes read in `page.$eval` (the test project compiles without the DOM library). */
interface InputLike {
  value: string;
}

/** The `YYYY-MM-DD` dates listed in the date-list fieldset of `field`. */
async function listedDates(page: Page, field: string): Promise<string[]> {
  await page.waitForSelector(`fieldset[data-field="${field}"]`);
  return page.$$eval(`fieldset[data-field="${field}"] li[data-date]`, (items) =>
    items.map((item) => (item as unknown as { getAttribute(name: string): string | null }).getAttribute('data-date') ?? ''),
  );
}

/** Types `date` into the add input of the date list `field` and clicks its add button. */
async function addDateTo(page: Page, field: string, date: string): Promise<void> {
  await setReactInputValue(page, `input[name="${field}.new"]`, date);
  await page.locator(`fieldset[data-field="${field}"] .add-entry button`).click();
}

/** The value of the input matching `selector`. */
function inputValue(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => (element as unknown as InputLike).value);
}

/** The values of the enterprise unit name inputs, top to bottom. */
function unitNames(page: Page): Promise<string[]> {
  return page.$$eval('input[name^="enterpriseUnits."]', (inputs) => inputs.map((input) => (input as unknown as InputLike).value));
}

describe('organisation calendar and enterprise units (e2e)', () => {
  let harness: BrowserApp;
  let page: Page;
  let admin: TestUser;
  let api: Awaited<ReturnType<BrowserApp['app']['login']>>;
  const source = '国务院办公厅关于2027年部分节假日安排的通知';

  beforeAll(async () => {
    harness = await startBrowserApp();
    admin = await harness.app.createUser('admin');
    api = await harness.app.login('admin');
    page = await harness.signIn(admin);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('R7 R11-R13: saves an own rest day, an own working day and the 2027 supplementary year, kept after a reload and in the API', async () => {
    await page.goto(harness.url('/plans/calendar'), { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForSelector('fieldset[data-field="extraRestDays"]'), page.locator('.page-header a::-p-text(日历设置)').click()]);
    expect(page.url()).toMatch(/\/plans\/calendar-settings$/);
    expect(await textOf(page, 'section[aria-labelledby="calendar-coverage-heading"]')).toContain('2026年12月31日');

    await addDateTo(page, 'extraRestDays', '2026-06-03');
    expect(await listedDates(page, 'extraRestDays')).toEqual(['2026-06-03']);
    // Enter in the date input adds the date (keyboard use) and does not submit the form.
    await setReactInputValue(page, 'input[name="extraWorkingDays.new"]', '2026-06-06');
    await page.focus('input[name="extraWorkingDays.new"]');
    await page.keyboard.press('Enter');
    expect(await listedDates(page, 'extraWorkingDays')).toEqual(['2026-06-06']);
    expect(await textOf(page, 'p[role="status"]')).toBe('');

    // A date already listed is refused before anything is sent, at its own input.
    await addDateTo(page, 'extraRestDays', '2026-06-03');
    expect(await textOf(page, 'fieldset[data-field="extraRestDays"] .add-entry .field-error')).toBe('2026年6月3日 已在列表中，不能重复添加。');
    // The same day as a rest day and a working day is refused too.
    await addDateTo(page, 'extraRestDays', '2026-06-06');
    expect(await textOf(page, 'fieldset[data-field="extraRestDays"] .add-entry .field-error')).toContain('已列为单位工作日');
    expect(await listedDates(page, 'extraRestDays')).toEqual(['2026-06-03']);
    await setReactInputValue(page, 'input[name="extraRestDays.new"]', '');
    expect(await page.$('fieldset[data-field="extraRestDays"] .add-entry .field-error')).toBeNull();

    await page.locator('button::-p-text(添加补充年份)').click();
    await page.waitForSelector('fieldset[data-field="supplementaryYears.0"]');
    expect(await inputValue(page, 'input[name="supplementaryYears.0.year"]')).toBe('2027');
    await setReactInputValue(page, 'input[name="supplementaryYears.0.source"]', source);
    await addDateTo(page, 'supplementaryYears.0.restDays', '2027-02-08');
    await addDateTo(page, 'supplementaryYears.0.restDays', '2027-01-01');
    await addDateTo(page, 'supplementaryYears.0.workingDays', '2027-02-20');
    expect(await listedDates(page, 'supplementaryYears.0.restDays')).toEqual(['2027-01-01', '2027-02-08']);
    expect(await findUnlabelledControls(page)).toEqual([]);

    await page.locator('form button[type="submit"]::-p-text(保存日历设置)').click();
    await waitForText(page, '日历设置已保存。');
    expect(await textOf(page, 'section[aria-labelledby="calendar-coverage-heading"]')).toContain('2027年12月31日');
    await harness.screenshot(page, 'plans-calendar-settings', { scrollTo: 'section[aria-labelledby="supplementary-years-heading"]' });

    await page.reload({ waitUntil: 'networkidle0' });
    expect(await listedDates(page, 'extraRestDays')).toEqual(['2026-06-03']);
    expect(await listedDates(page, 'extraWorkingDays')).toEqual(['2026-06-06']);
    expect(await listedDates(page, 'supplementaryYears.0.restDays')).toEqual(['2027-01-01', '2027-02-08']);
    expect(await listedDates(page, 'supplementaryYears.0.workingDays')).toEqual(['2027-02-20']);
    expect(await inputValue(page, 'input[name="supplementaryYears.0.year"]')).toBe('2027');
    expect(await inputValue(page, 'input[name="supplementaryYears.0.source"]')).toBe(source);

    const stored = await api.get('/api/organisation/calendar');
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);
    expect(stored.body).toMatchObject({
      extraRestDays: ['2026-06-03'],
      extraWorkingDays: ['2026-06-06'],
      supplementaryYears: [{ year: 2027, restDays: ['2027-01-01', '2027-02-08'], workingDays: ['2027-02-20'], source }],
      coveredRange: { last: '2027-12-31' },
    });
    // The stored setting is the calendar the deadlines count on.
    const days = await api.get('/api/organisation/calendar/days').query({ from: '2026-06-03', to: '2026-06-06' });
    expect(days.status, JSON.stringify(days.body)).toBe(200);
    expect(days.body.days[0]).toMatchObject({ date: '2026-06-03', isWorkingDay: false, kind: 'organisation_rest_day' });
    expect(days.body.days[3]).toMatchObject({ date: '2026-06-06', isWorkingDay: true, kind: 'organisation_working_day' });
    const days2027 = await api.get('/api/organisation/calendar/days').query({ from: '2027-02-08', to: '2027-02-20' });
    expect(days2027.status, JSON.stringify(days2027.body)).toBe(200);
    expect(days2027.body.days[0]).toMatchObject({ date: '2027-02-08', isWorkingDay: false, kind: 'statutory_holiday' });
    expect(days2027.body.days[12]).toMatchObject({ date: '2027-02-20', isWorkingDay: true, kind: 'adjusted_working_day' });
  });

  it('R7 R11-R13: refuses a holiday outside the supplementary year and a year that does not follow the data, each at its field', async () => {
    await addDateTo(page, 'supplementaryYears.0.restDays', '2028-01-03');
    await page.locator('form button[type="submit"]::-p-text(保存日历设置)').click();
    const atList = await textOf(page, '[data-error-for="supplementaryYears.0.restDays"]');
    expect(atList).toContain('supplementaryYears[0].restDays holds 2028-01-03, outside the year 2027');
    expect(await textOf(page, '.error-box')).toContain('填写内容有误');
    expect(await page.$('[data-error-for="extraRestDays"]')).toBeNull();
    const unchanged = await api.get('/api/organisation/calendar');
    expect(unchanged.body.supplementaryYears[0].restDays).toEqual(['2027-01-01', '2027-02-08']);

    await page.locator('fieldset[data-field="supplementaryYears.0.restDays"] li[data-date="2028-01-03"] button').click();
    await setReactInputValue(page, 'input[name="supplementaryYears.0.year"]', '2029');
    await page.locator('form button[type="submit"]::-p-text(保存日历设置)').click();
    await page.waitForSelector('input[name="supplementaryYears.0.year"][aria-invalid="true"]');
    const yearField = await textOf(page, 'fieldset[data-field="supplementaryYears.0"] .field:has(input[name="supplementaryYears.0.year"]) .field-error');
    expect(yearField).toContain('supplementaryYears[0].year must be 2027');
    await harness.screenshot(page, 'plans-calendar-settings-error', { scrollTo: 'section[aria-labelledby="supplementary-years-heading"]' });

    await setReactInputValue(page, 'input[name="supplementaryYears.0.year"]', '2027');
    await page.locator('form button[type="submit"]::-p-text(保存日历设置)').click();
    await waitForText(page, '日历设置已保存。');
    expect(await page.$('input[name="supplementaryYears.0.year"][aria-invalid="true"]')).toBeNull();
    expect((await api.get('/api/organisation/calendar')).body.supplementaryYears[0].year).toBe(2027);
  });

  it('R9: edits the enterprise units, refusing blank and duplicate names before saving, kept after a reload and in the API', async () => {
    await Promise.all([page.waitForSelector('input[name="enterpriseUnits.0"]'), page.locator('nav.subnav a::-p-text(企业单位)').click()]);
    const [organisationName] = await unitNames(page);
    expect(organisationName).toMatch(/^测试企业 /);

    await setReactInputValue(page, 'input[name="enterpriseUnits.0"]', '湘潭电机集团有限公司');
    await setReactInputValue(page, 'input[name="newEnterpriseUnit"]', '湘电股份有限公司');
    await page.focus('input[name="newEnterpriseUnit"]');
    await page.keyboard.press('Enter');
    await setReactInputValue(page, 'input[name="newEnterpriseUnit"]', '湘电风能有限公司');
    await page.locator('button::-p-text(添加单位)').click();
    expect(await unitNames(page)).toEqual(['湘潭电机集团有限公司', '湘电股份有限公司', '湘电风能有限公司']);

    await setReactInputValue(page, 'input[name="newEnterpriseUnit"]', ' 湘电股份有限公司 ');
    await page.locator('button::-p-text(添加单位)').click();
    expect(await textOf(page, '.add-entry .field-error')).toBe('“湘电股份有限公司”已在列表中。');

    await setReactInputValue(page, 'input[name="newEnterpriseUnit"]', '');
    await setReactInputValue(page, 'input[name="enterpriseUnits.2"]', '湘电股份有限公司');
    await page.locator('form button[type="submit"]::-p-text(保存企业单位)').click();
    expect(await textOf(page, '[data-error-for="enterpriseUnits.2"]')).toBe('与第 2 个单位重名。');
    expect(await textOf(page, 'p[role="alert"]')).toBe('请先修正标出的问题再保存。');
    await setReactInputValue(page, 'input[name="enterpriseUnits.2"]', '  ');
    expect(await textOf(page, '[data-error-for="enterpriseUnits.2"]')).toBe('单位名称不能为空。');
    expect((await api.get('/api/organisation/enterprise-units')).body).toEqual({ enterpriseUnits: [organisationName] });

    await page.locator('tr[data-row="3"] button::-p-text(删除)').click();
    expect(await unitNames(page)).toEqual(['湘潭电机集团有限公司', '湘电股份有限公司']);
    expect(await findUnlabelledControls(page)).toEqual([]);
    await page.locator('form button[type="submit"]::-p-text(保存企业单位)').click();
    await waitForText(page, '企业单位已保存。');
    await harness.screenshot(page, 'plans-enterprise-units');

    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('input[name="enterpriseUnits.0"]');
    expect(await unitNames(page)).toEqual(['湘潭电机集团有限公司', '湘电股份有限公司']);
    expect((await api.get('/api/organisation/enterprise-units')).body).toEqual({ enterpriseUnits: ['湘潭电机集团有限公司', '湘电股份有限公司'] });
    expect(await bodyText(page)).not.toContain('页面出错');
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R7 R9: shows both settings read-only to a supervisor', async () => {
    const supervisor = await harness.signIn(await harness.app.createUser('supervisor'));
    await supervisor.goto(harness.url('/plans/calendar-settings'), { waitUntil: 'networkidle0' });
    expect(await listedDates(supervisor, 'supplementaryYears.0.restDays')).toEqual(['2027-01-01', '2027-02-08']);
    expect(await waitForText(supervisor, '只有系统管理员可以修改日历设置。')).not.toContain('保存日历设置');
    expect(await supervisor.$('form button[type="submit"]')).toBeNull();
    await supervisor.goto(harness.url('/plans/enterprise-units'), { waitUntil: 'networkidle0' });
    const text = await waitForText(supervisor, '只有系统管理员可以修改企业单位。');
    expect(text).toContain('湘潭电机集团有限公司');
    expect(await supervisor.$('input[name^="enterpriseUnits."]')).toBeNull();
    expect(pageErrorsOf(supervisor)).toEqual([]);
  });
});
