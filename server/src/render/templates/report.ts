/**
 * HTML of a batch's analysis report 评价质量分析报告 (issue 12; R20 effectiveness indicators, R1 bank
 * upkeep): the R20 figures, pass rates by dimension, the trend over recent batches, paper statistics
 * with the library's parallelism, score distributions, and the item analysis (P × D scatter and the
 * flagged items). Charts are inline SVG drawn here, so the PDF needs no script. A4 portrait. Text is
 * HTML-escaped; the font comes from the render pool. Pure.
 */
import { escapeHtml } from '../../domain/certificates/certificate-template';
import { formatChinaDateTime } from './score-sheet';

/** A bar of a bar chart. */
export interface ChartBar {
  label: string;
  value: number | null;
  /** Text under the value, e.g. `8/14`. */
  note?: string;
}

/** Feedback summary of one kind. */
export interface PrintFeedback {
  count: number;
  meanRating: number | null;
  distribution: readonly number[];
}

/** R20 figures of the batch. */
export interface PrintIndicators {
  registeredCount: number;
  attendedCount: number;
  participationRate: number | null;
  resultCount: number;
  passedCount: number;
  passRate: number | null;
  objectionCount: number;
  complaintCount: number;
  rescoringCount: number;
  complaintRate: number | null;
  feedback: { participant: PrintFeedback; staff: PrintFeedback; department: PrintFeedback };
}

/** Pass rates of one dimension. */
export interface PrintPassRates {
  dimensionName: string;
  rows: Array<{ label: string; resultCount: number; passedCount: number; passRate: number | null }>;
}

/** One batch of the trend. */
export interface PrintTrendPoint {
  label: string;
  passRate: number | null;
  participationRate: number | null;
  complaintRate: number | null;
}

/** One paper of the library. */
export interface PrintPaper {
  code: string;
  count: number;
  itemCount: number;
  maxPoints: number;
  mean: number | null;
  populationSd: number | null;
  kr20: number | null;
  meanDifficulty: number | null;
  histogram: Array<{ fromPoints: number; toPoints: number; count: number }>;
}

/** One parallelism metric. */
export interface PrintSpread {
  name: string;
  min: number | null;
  max: number | null;
  range: number | null;
  tolerance: number;
  isWithinTolerance: boolean;
}

/** One analysed item (scatter point and, when flagged, a table row). */
export interface PrintItem {
  paperCode: string;
  itemId: string;
  typeName: string;
  knowledgePoint: string | null;
  difficulty: number;
  discrimination: number | null;
  pointBiserial: number | null;
  /** Flag descriptions, empty when not flagged. */
  flags: string[];
  isQueued: boolean;
}

/** One scope of the item analysis. */
export interface PrintScopeAnalysis {
  label: string;
  candidateCount: number;
  papers: PrintPaper[];
  isParallel: boolean;
  spreads: PrintSpread[];
  items: PrintItem[];
}

/** Data of the report. */
export interface BatchReportPrintData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  startsOn: string;
  indicators: PrintIndicators;
  passRates: PrintPassRates[];
  trend: PrintTrendPoint[];
  analysis: null | {
    analysedAt: string;
    analysedByName: string;
    thresholds: { minDifficulty: number; maxDifficulty: number; minDiscrimination: number };
    scopes: PrintScopeAnalysis[];
  };
  generatedAt: string;
}

/** PDF options of the report: A4 portrait. */
export const batchReportPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const colours = { bar: '#0b5cad', accent: '#c05621', bad: '#b42318', ok: '#1f7a3f', grid: '#d0d5dd', text: '#1f1f1f', muted: '#667085' };

const stylesheet = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: ${colours.text}; font-size: 9pt; margin: 0; }
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.2em; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 0.4mm solid #999; padding-bottom: 1mm; }
h3 { font-size: 10pt; margin: 4mm 0 1.5mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 6mm; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { border: 0.3mm solid #888; padding: 1mm 1.4mm; text-align: left; }
th { background: #eee; }
td.number, th.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr, svg, .keep { page-break-inside: avoid; break-inside: avoid; }
.charts { display: flex; flex-wrap: wrap; gap: 3mm; }
.bad { color: ${colours.bad}; font-weight: 700; }
.ok { color: ${colours.ok}; font-weight: 700; }
.muted { color: ${colours.muted}; }
svg text { font-family: 'Noto Sans SC', sans-serif; }
`;

function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(Math.round(value * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
}

function decimal(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return (Math.round(value * 10 ** digits) / 10 ** digits).toFixed(digits);
}

function svgText(x: number, y: number, text: string, options: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string } = {}): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${options.size ?? 9}" text-anchor="${options.anchor ?? 'middle'}" fill="${options.fill ?? colours.text}">${escapeHtml(text)}</text>`;
}

/**
 * A vertical bar chart as inline SVG: bars scaled to `maxValue`, value labels (formatted by
 * `format`), category labels and an optional dashed reference line.
 */
export function renderBarChartSvg(options: {
  title: string;
  bars: readonly ChartBar[];
  maxValue: number;
  format: (value: number | null) => string;
  width?: number;
  height?: number;
  referenceValue?: number;
}): string {
  const width = options.width ?? 340;
  const height = options.height ?? 190;
  const left = 34;
  const right = 8;
  const top = 30;
  const bottom = 40;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = options.maxValue > 0 ? options.maxValue : 1;
  const slot = plotWidth / Math.max(1, options.bars.length);
  const barWidth = Math.min(36, slot * 0.6);
  const y = (value: number) => top + plotHeight - (Math.min(max, Math.max(0, value)) / max) * plotHeight;
  const parts: string[] = [svgText(width / 2, 13, options.title, { size: 10 })];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const value = tick * max;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="${colours.grid}" stroke-width="0.6"/>`);
    parts.push(svgText(left - 3, y(value) + 3, options.format(value), { anchor: 'end', size: 7, fill: colours.muted }));
  }
  options.bars.forEach((bar, index) => {
    const centre = left + slot * index + slot / 2;
    if (bar.value !== null) {
      const barTop = y(bar.value);
      parts.push(`<rect x="${(centre - barWidth / 2).toFixed(1)}" y="${barTop.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + plotHeight - barTop).toFixed(1)}" fill="${colours.bar}"/>`);
    }
    parts.push(svgText(centre, (bar.value === null ? top + plotHeight : y(bar.value)) - 3, options.format(bar.value), { size: 7.5 }));
    const label = bar.label.length > 10 ? `${bar.label.slice(0, 9)}…` : bar.label;
    parts.push(svgText(centre, top + plotHeight + 11, label, { size: 7.5 }));
    if (bar.note) parts.push(svgText(centre, top + plotHeight + 21, bar.note, { size: 7, fill: colours.muted }));
  });
  if (options.referenceValue !== undefined) {
    const line = y(options.referenceValue).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${line}" y2="${line}" stroke="${colours.accent}" stroke-dasharray="4 2" stroke-width="1"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">${parts.join('')}</svg>`;
}

/**
 * Parallel papers chart: per paper the mean as a fraction of its maximum (dot) with ±1 SD (whisker),
 * the same scale for every paper, so papers that are not parallel stand out.
 */
export function renderParallelismSvg(papers: readonly PrintPaper[], title: string): string {
  const width = 340;
  const height = 190;
  const left = 34;
  const right = 8;
  const top = 22;
  const bottom = 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const slot = plotWidth / Math.max(1, papers.length);
  const y = (fraction: number) => top + plotHeight - Math.min(1, Math.max(0, fraction)) * plotHeight;
  const parts: string[] = [svgText(width / 2, 13, title, { size: 10 })];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${colours.grid}" stroke-width="0.6"/>`);
    parts.push(svgText(left - 3, y(tick) + 3, percent(tick, 0), { anchor: 'end', size: 7, fill: colours.muted }));
  }
  papers.forEach((paper, index) => {
    const centre = left + slot * index + slot / 2;
    parts.push(svgText(centre, top + plotHeight + 11, paper.code, { size: 7.5 }));
    parts.push(svgText(centre, top + plotHeight + 21, `n=${paper.count}`, { size: 7, fill: colours.muted }));
    if (paper.mean === null || paper.maxPoints <= 0) return;
    const mean = paper.mean / paper.maxPoints;
    const sd = (paper.populationSd ?? 0) / paper.maxPoints;
    parts.push(`<line x1="${centre.toFixed(1)}" x2="${centre.toFixed(1)}" y1="${y(mean + sd).toFixed(1)}" y2="${y(mean - sd).toFixed(1)}" stroke="${colours.accent}" stroke-width="1.2"/>`);
    for (const end of [mean + sd, mean - sd]) {
      parts.push(`<line x1="${(centre - 5).toFixed(1)}" x2="${(centre + 5).toFixed(1)}" y1="${y(end).toFixed(1)}" y2="${y(end).toFixed(1)}" stroke="${colours.accent}" stroke-width="1.2"/>`);
    }
    parts.push(`<circle cx="${centre.toFixed(1)}" cy="${y(mean).toFixed(1)}" r="3.2" fill="${colours.bar}"/>`);
    parts.push(svgText(centre + 7, y(mean) + 3, percent(mean, 0), { anchor: 'start', size: 7 }));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

/**
 * Item map: difficulty P (x, 0..1) against discrimination D (y, −1..1) with the threshold lines;
 * flagged items in red.
 */
export function renderItemScatterSvg(items: readonly PrintItem[], thresholds: { minDifficulty: number; maxDifficulty: number; minDiscrimination: number }, title: string): string {
  const width = 340;
  const height = 220;
  const left = 34;
  const right = 10;
  const top = 22;
  const bottom = 28;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (p: number) => left + Math.min(1, Math.max(0, p)) * plotWidth;
  const y = (d: number) => top + plotHeight - ((Math.min(1, Math.max(-1, d)) + 1) / 2) * plotHeight;
  const parts: string[] = [svgText(width / 2, 13, title, { size: 10 })];
  parts.push(`<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${colours.grid}"/>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) parts.push(svgText(x(tick), top + plotHeight + 10, decimal(tick, 2), { size: 7, fill: colours.muted }));
  for (const tick of [-1, -0.5, 0, 0.5, 1]) parts.push(svgText(left - 3, y(tick) + 3, decimal(tick, 1), { anchor: 'end', size: 7, fill: colours.muted }));
  parts.push(svgText(left + plotWidth / 2, height - 4, '难度 P', { size: 8 }));
  parts.push(svgText(10, top + plotHeight / 2, 'D', { size: 8 }));
  for (const p of [thresholds.minDifficulty, thresholds.maxDifficulty]) {
    parts.push(`<line x1="${x(p).toFixed(1)}" x2="${x(p).toFixed(1)}" y1="${top}" y2="${top + plotHeight}" stroke="${colours.accent}" stroke-dasharray="4 2"/>`);
  }
  parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(thresholds.minDiscrimination).toFixed(1)}" y2="${y(thresholds.minDiscrimination).toFixed(1)}" stroke="${colours.accent}" stroke-dasharray="4 2"/>`);
  for (const item of items) {
    if (item.discrimination === null) continue;
    const fill = item.flags.length > 0 ? colours.bad : colours.bar;
    parts.push(`<circle cx="${x(item.difficulty).toFixed(1)}" cy="${y(item.discrimination).toFixed(1)}" r="2.6" fill="${fill}" fill-opacity="0.8"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

/** A line chart of rates (0..1) over batches, one polyline per series. */
export function renderTrendSvg(points: readonly PrintTrendPoint[], title: string): string {
  const width = 700;
  const height = 200;
  const left = 36;
  const right = 110;
  const top = 22;
  const bottom = 30;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (index: number) => left + (points.length <= 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => top + plotHeight - Math.min(1, Math.max(0, value)) * plotHeight;
  const parts: string[] = [svgText(left + plotWidth / 2, 13, title, { size: 10 })];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${colours.grid}" stroke-width="0.6"/>`);
    parts.push(svgText(left - 3, y(tick) + 3, percent(tick, 0), { anchor: 'end', size: 7, fill: colours.muted }));
  }
  points.forEach((point, index) => parts.push(svgText(x(index), top + plotHeight + 12, point.label.length > 14 ? `${point.label.slice(0, 13)}…` : point.label, { size: 7 })));
  const series: Array<{ name: string; colour: string; value: (point: PrintTrendPoint) => number | null }> = [
    { name: '合格率', colour: colours.bar, value: (point) => point.passRate },
    { name: '参与率', colour: colours.ok, value: (point) => point.participationRate },
    { name: '投诉率', colour: colours.bad, value: (point) => point.complaintRate },
  ];
  series.forEach((entry, seriesIndex) => {
    const coordinates = points
      .map((point, index) => ({ index, value: entry.value(point) }))
      .filter((point): point is { index: number; value: number } => point.value !== null)
      .map((point) => `${x(point.index).toFixed(1)},${y(point.value).toFixed(1)}`);
    if (coordinates.length > 1) parts.push(`<polyline points="${coordinates.join(' ')}" fill="none" stroke="${entry.colour}" stroke-width="1.5"/>`);
    for (const coordinate of coordinates) {
      const [cx, cy] = coordinate.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${entry.colour}"/>`);
    }
    const legendY = top + 10 + seriesIndex * 14;
    parts.push(`<line x1="${left + plotWidth + 10}" x2="${left + plotWidth + 26}" y1="${legendY - 3}" y2="${legendY - 3}" stroke="${entry.colour}" stroke-width="2"/>`);
    parts.push(svgText(left + plotWidth + 30, legendY, entry.name, { anchor: 'start', size: 8 }));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}

function feedbackCell(feedback: PrintFeedback): string {
  return feedback.count === 0 ? '—' : `${decimal(feedback.meanRating, 2)} / 5（${feedback.count} 份）`;
}

function indicatorsSection(indicators: PrintIndicators): string {
  const row = (label: string, value: string, detail: string) => `<tr><th>${escapeHtml(label)}</th><td class="number">${escapeHtml(value)}</td><td>${escapeHtml(detail)}</td></tr>`;
  return `<h2>一、评价效果指标（R20）</h2>
<table class="keep"><thead><tr><th>指标</th><th class="number">数值</th><th>说明</th></tr></thead><tbody>
${row('参与率', percent(indicators.participationRate), `实到 ${indicators.attendedCount} / 报名 ${indicators.registeredCount}`)}
${row('合格率', percent(indicators.passRate), `合格 ${indicators.passedCount} / 已审定结果 ${indicators.resultCount}`)}
${row('投诉率', percent(indicators.complaintRate), `异议 ${indicators.objectionCount}（投诉 ${indicators.complaintCount}，复核 ${indicators.rescoringCount}）/ 结果 ${indicators.resultCount}`)}
${row('参评人员反馈', feedbackCell(indicators.feedback.participant), '平均评分（1-5）')}
${row('工作人员反馈', feedbackCell(indicators.feedback.staff), '平均评分（1-5）')}
${row('部门反馈', feedbackCell(indicators.feedback.department), '平均评分（1-5）')}
</tbody></table>`;
}

function passRateSection(passRates: readonly PrintPassRates[], trend: readonly PrintTrendPoint[]): string {
  const charts = passRates
    .filter((dimension) => dimension.rows.length > 0)
    .map((dimension) =>
      renderBarChartSvg({
        title: `按${dimension.dimensionName}合格率`,
        bars: dimension.rows.map((row) => ({ label: row.label, value: row.passRate, note: `${row.passedCount}/${row.resultCount}` })),
        maxValue: 1,
        format: (value) => percent(value, 0),
      }),
    )
    .join('');
  const tables = passRates
    .map(
      (dimension) => `<h3>按${escapeHtml(dimension.dimensionName)}</h3><table><thead><tr><th>${escapeHtml(dimension.dimensionName)}</th><th class="number">结果数</th><th class="number">合格数</th><th class="number">合格率</th></tr></thead><tbody>${
        dimension.rows
          .map((row) => `<tr><td>${escapeHtml(row.label)}</td><td class="number">${row.resultCount}</td><td class="number">${row.passedCount}</td><td class="number">${percent(row.passRate)}</td></tr>`)
          .join('') || '<tr><td colspan="4" class="muted">无已审定结果</td></tr>'
      }</tbody></table>`,
    )
    .join('');
  const trendChart = trend.length > 0 ? `<h3>近期批次趋势</h3>${renderTrendSvg(trend, '合格率、参与率、投诉率')}` : '';
  return `<h2>二、合格率</h2><div class="charts">${charts}</div>${tables}${trendChart}`;
}

function analysisSection(analysis: BatchReportPrintData['analysis']): string {
  if (!analysis) return '<h2>三、试卷与试题分析</h2><p class="muted">本批次尚未进行试题分析。</p>';
  const scopes = analysis.scopes
    .map((scope) => {
      const papers = scope.papers
        .map(
          (paper) =>
            `<tr><td>${escapeHtml(paper.code)}</td><td class="number">${paper.count}</td><td class="number">${paper.itemCount}</td><td class="number">${decimal(paper.maxPoints, 1)}</td><td class="number">${decimal(paper.mean, 2)}</td><td class="number">${decimal(paper.populationSd, 2)}</td><td class="number">${decimal(paper.kr20, 3)}</td><td class="number">${decimal(paper.meanDifficulty, 3)}</td></tr>`,
        )
        .join('');
      const spreads = scope.spreads
        .map(
          (spread) =>
            `<tr><td>${escapeHtml(spread.name)}</td><td class="number">${decimal(spread.min)}</td><td class="number">${decimal(spread.max)}</td><td class="number">${decimal(spread.range)}</td><td class="number">${decimal(spread.tolerance)}</td><td class="${spread.isWithinTolerance ? 'ok' : 'bad'}">${spread.isWithinTolerance ? '是' : '否'}</td></tr>`,
        )
        .join('');
      const histograms = scope.papers
        .filter((paper) => paper.count > 0)
        .map((paper) => {
          const width = paper.histogram.length > 0 ? paper.histogram[0].toPoints - paper.histogram[0].fromPoints : 1;
          const digits = Number.isInteger(width) ? 0 : 1;
          const largest = Math.max(0, ...paper.histogram.map((bin) => bin.count));
          return renderBarChartSvg({
            title: `${paper.code} 成绩分布（分组下限，分）`,
            bars: paper.histogram.map((bin) => ({ label: decimal(bin.fromPoints, digits), value: bin.count })),
            // A multiple of 4, so the quarter ticks are whole counts.
            maxValue: Math.max(4, Math.ceil(largest / 4) * 4),
            format: (value) => (value === null ? '—' : String(Math.round(value))),
            width: 250,
            height: 160,
          });
        })
        .join('');
      const flagged = scope.items.filter((item) => item.flags.length > 0);
      const flaggedRows = flagged
        .map(
          (item) =>
            `<tr><td>${escapeHtml(item.paperCode)}</td><td>${escapeHtml(item.itemId.slice(-8))}</td><td>${escapeHtml(item.typeName)}</td><td>${escapeHtml(item.knowledgePoint ?? '—')}</td><td class="number">${decimal(item.difficulty)}</td><td class="number">${decimal(item.discrimination)}</td><td class="number">${decimal(item.pointBiserial)}</td><td>${escapeHtml(item.flags.join('；'))}</td><td>${item.isQueued ? '是' : '否'}</td></tr>`,
        )
        .join('');
      return `<h3>${escapeHtml(scope.label)}（作答 ${scope.candidateCount} 人）</h3>
<div class="charts">${renderParallelismSvg(scope.papers, '各卷平均分±标准差（占满分）')}${renderItemScatterSvg(scope.items, analysis.thresholds, '试题难度与区分度')}</div>
<table><thead><tr><th>试卷</th><th class="number">人数</th><th class="number">题数</th><th class="number">满分</th><th class="number">平均分</th><th class="number">标准差</th><th class="number">KR-20</th><th class="number">平均难度</th></tr></thead><tbody>${papers}</tbody></table>
<p>卷库平行性：<span class="${scope.isParallel ? 'ok' : 'bad'}">${scope.isParallel ? '各卷平行' : '各卷不平行'}</span></p>
<table class="keep"><thead><tr><th>指标</th><th class="number">最小值</th><th class="number">最大值</th><th class="number">极差</th><th class="number">容差</th><th>平行</th></tr></thead><tbody>${spreads}</tbody></table>
<div class="charts">${histograms}</div>
<h3>需复核试题（${flagged.length} 道）</h3>
${flagged.length > 0 ? `<table><thead><tr><th>试卷</th><th>题目</th><th>题型</th><th>鉴定点</th><th class="number">P</th><th class="number">D</th><th class="number">r<sub>pb</sub></th><th>问题</th><th>入审核队列</th></tr></thead><tbody>${flaggedRows}</tbody></table>` : '<p class="muted">无。</p>'}`;
    })
    .join('');
  return `<h2>三、试卷与试题分析</h2>
<p class="muted">分析时间 ${escapeHtml(formatChinaDateTime(analysis.analysedAt))}，分析人 ${escapeHtml(analysis.analysedByName)}；阈值：难度 P &lt; ${analysis.thresholds.minDifficulty} 或 &gt; ${analysis.thresholds.maxDifficulty}，区分度 D &lt; ${analysis.thresholds.minDiscrimination}。</p>
${scopes}`;
}

/** The complete HTML document of a batch report. */
export function buildBatchReportHtml(data: BatchReportPrintData): string {
  const meta = (label: string, value: string) => `<div><strong>${escapeHtml(label)}：</strong>${escapeHtml(value)}</div>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(`评价质量分析报告 ${data.batchCode}`)}</title><style>${stylesheet}</style></head>
<body>
<h1>评价质量分析报告</h1>
<div class="meta">
${meta('评价机构', data.organisationName)}
${meta('批次', `${data.batchCode} ${data.batchName}`)}
${meta('批次日期', data.startsOn)}
${meta('生成时间', formatChinaDateTime(data.generatedAt))}
</div>
${indicatorsSection(data.indicators)}
${passRateSection(data.passRates, data.trend)}
${analysisSection(data.analysis)}
</body>
</html>`;
}
