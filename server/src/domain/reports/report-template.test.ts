import { describe, expect, it } from 'vitest';
import {
  buildBatchReportHtml,
  renderBarChartSvg,
  renderItemScatterSvg,
  renderParallelismSvg,
  type BatchReportPrintData,
} from '../../render/templates/report';
import { describeFlag } from './render-batch-report-pdf';

const feedback = { count: 0, meanRating: null, distribution: [0, 0, 0, 0, 0] };

function data(overrides: Partial<BatchReportPrintData> = {}): BatchReportPrintData {
  return {
    organisationName: '测试企业',
    batchCode: '2026-电工-01',
    batchName: '<script>alert(1)</script>',
    startsOn: '2026-09-20',
    indicators: {
      registeredCount: 17,
      attendedCount: 15,
      participationRate: 15 / 17,
      resultCount: 14,
      passedCount: 8,
      passRate: 8 / 14,
      objectionCount: 2,
      complaintCount: 1,
      rescoringCount: 1,
      complaintRate: 2 / 14,
      feedback: { participant: { count: 2, meanRating: 4.5, distribution: [0, 0, 0, 1, 1] }, staff: feedback, department: feedback },
    },
    passRates: [{ dimensionName: '部门', rows: [{ label: '运维部', resultCount: 7, passedCount: 4, passRate: 4 / 7 }] }],
    trend: [{ label: '2026-电工-01', passRate: 0.5, participationRate: 0.9, complaintRate: 0.1 }],
    analysis: null,
    generatedAt: '2026-10-01T02:00:00.000Z',
    ...overrides,
  };
}

describe('buildBatchReportHtml', () => {
  it('R20: states participation, pass and complaint rates with their counts', () => {
    const html = buildBatchReportHtml(data());
    expect(html).toContain('88.2%');
    expect(html).toContain('实到 15 / 报名 17');
    expect(html).toContain('57.1%');
    expect(html).toContain('14.3%');
    expect(html).toContain('4.50 / 5（2 份）');
  });

  it('escapes text and contains no script', () => {
    const html = buildBatchReportHtml(data());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says so when the item analysis was not run', () => {
    expect(buildBatchReportHtml(data())).toContain('本批次尚未进行试题分析');
  });
});

describe('report charts', () => {
  it('draws one bar per category scaled to the maximum', () => {
    const svg = renderBarChartSvg({ title: 'T', bars: [{ label: 'a', value: 1 }, { label: 'b', value: 0.5 }, { label: 'c', value: null }], maxValue: 1, format: String });
    expect(svg.match(/<rect /g)).toHaveLength(2);
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(heights[0]).toBeCloseTo(2 * heights[1], 0);
  });

  it('marks flagged items in the P × D map and skips items without D', () => {
    const item = { paperCode: 'A', itemId: 'x', typeName: '单选题', knowledgePoint: null, pointBiserial: null, isQueued: false };
    const svg = renderItemScatterSvg(
      [
        { ...item, difficulty: 0.5, discrimination: 0.4, flags: [] },
        { ...item, difficulty: 1, discrimination: 0, flags: ['过易'] },
        { ...item, difficulty: 0.3, discrimination: null, flags: [] },
      ],
      { minDifficulty: 0.2, maxDifficulty: 0.95, minDiscrimination: 0.2 },
      'map',
    );
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('fill="#b42318"');
  });

  it('draws mean ± SD per paper and only labels papers without candidates', () => {
    const paper = { itemCount: 5, maxPoints: 6, kr20: null, meanDifficulty: null, histogram: [] };
    const svg = renderParallelismSvg(
      [
        { ...paper, code: 'A', count: 10, mean: 3.1, populationSd: 1.5 },
        { ...paper, code: 'C', count: 0, mean: null, populationSd: null },
      ],
      'parallel',
    );
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('n=0');
  });

  it('describes flags in words with the option letter', () => {
    expect(describeFlag({ code: 'distractor_not_chosen', optionIndex: 3 })).toBe('干扰项无人选择（D）');
    expect(describeFlag({ code: 'too_easy' })).toBe('过易');
  });
});
