/**
 * The reports screens in the real browser (issue 12; R20, R1): indicators with the trend, pass rates
 * by dimension, the paper and item analysis with parallelism and flags, the review queue, feedback
 * and settings — each must render its figures without a client error. Built client served by the
 * real server, driven by the system Chromium (test/helpers/browser.ts).
 */
import { createReportBatch, type FixtureItem, type ReportBatchFixture } from '@skillcert/server/domain/reports/reports-test-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInAgent } from '../helpers/app';
import { pageErrorsOf, startBrowserApp, waitForText, type BrowserApp, type Page } from '../helpers/browser';

const items: FixtureItem[] = [
  { type: 'single', optionCount: 4, answer: [0], points: 1 },
  { type: 'single', optionCount: 4, answer: [2], points: 1 },
  { type: 'multiple', optionCount: 4, answer: [0, 1], points: 2 },
  { type: 'judge', optionCount: 2, answer: [0], points: 1 },
];
// 10 candidates: totals spread so every item discriminates except the judge item (everyone right).
const responses: Array<Array<number[] | null>> = [
  [[0], [2], [0, 1], [0]],
  [[0], [2], [0, 1], [0]],
  [[0], [2], [0], [0]],
  [[0], [1], [0, 1], [0]],
  [[0], [3], [0, 2], [0]],
  [[1], [2], [0], [0]],
  [[0], [0], [1], [0]],
  [[2], [1], [0, 1], [0]],
  [[3], [0], [2], [0]],
  [[1], null, [2, 3], [0]],
];

describe('reports screens (browser)', () => {
  let harness: BrowserApp;
  let page: Page;
  let admin: SignedInAgent;
  let batch: ReportBatchFixture;

  beforeAll(async () => {
    harness = await startBrowserApp();
    const { app } = harness;
    admin = await app.login('admin');
    batch = await createReportBatch({
      organisationId: app.organisationId,
      createdBy: admin.user.id,
      scope: { occupationCode: '6-31-01-03', occupationName: '电工', workType: '维修电工', level: 4 },
      papers: [
        { items, sittings: responses.map((entry, index) => ({ responses: entry, department: index % 2 === 0 ? '运维部' : '检修部', result: { isPass: index < 6, totalScore: index < 6 ? 78 : 52 } })) },
        { items, sittings: responses.slice(0, 4).map((entry) => ({ responses: entry, department: '运维部', result: { isPass: true, totalScore: 85 } })) },
      ],
      absentees: [{ department: '运维部' }],
    });
    const run = await admin.post(`/api/reports/batches/${batch.batchId}/item-analysis`);
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    page = await harness.signIn(admin.user);
  }, 240_000);

  afterAll(async () => {
    await harness?.stop();
  });

  async function open(path: string, text: string): Promise<string> {
    await page.goto(harness.url(path), { waitUntil: 'networkidle0' });
    return waitForText(page, text);
  }

  it('R20: shows participation, pass and complaint rates with the trend chart', async () => {
    const text = await open('/reports', '评价效果指标');
    expect(text).toContain('参与率');
    expect(text).toContain('实到 14 / 报名 15');
    expect(text).toContain('合格 10 / 结果 14');
    expect(await page.$('.recharts-line')).not.toBeNull();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('shows pass rates by department with a chart and the total row', async () => {
    await open('/reports/pass-rates', '合格率统计');
    await page.select('select', 'department');
    const text = await waitForText(page, '检修部');
    expect(text).toContain('运维部');
    expect(text).toContain('合计');
    expect(await page.$('.recharts-bar-rectangle')).not.toBeNull();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('R1: shows parallelism, paper statistics, the item map and the flagged items of the batch', async () => {
    const text = await open(`/reports/analysis/${batch.batchId}`, '各卷平均分');
    expect(text).toMatch(/各卷平行|各卷不平行/);
    expect(text).toContain('KR-20');
    expect(text).toContain(batch.paperCodes[0]);
    await waitForText(page, '过易');
    expect(await page.$('.recharts-scatter')).not.toBeNull();
    expect(pageErrorsOf(page)).toEqual([]);
  });

  it('shows the review queue, the feedback form and the settings', async () => {
    const queue = await open('/reports/review-queue', '试题审核队列');
    expect(queue).toContain('过易');
    const feedback = await open('/reports/feedback', '提交反馈');
    expect(feedback).toContain(batch.batchCode);
    await page.locator('input[type="radio"][value="4"]').click();
    await page.locator('form button[type="submit"]').click();
    await waitForText(page, '反馈已提交');
    const settings = await open('/reports/settings', '分析设置');
    expect(settings).toContain('进入审核队列的最少作答人数');
    expect(pageErrorsOf(page)).toEqual([]);
  });
});
