/**
 * HTML of a batch's result summary 评价结果汇总表 (R4, R11, R16 archive): the batch and its scopes
 * with component weights, one row per candidate (ticket, name, ID number, occupation and level,
 * theory / practical / review or direct-grading scores of 100, total, conclusion), the counts, the
 * supervisor's sign-offs and the evaluation committee's approval. A4 landscape. Text is
 * HTML-escaped; the font comes from the render pool. Pure.
 */
import { escapeHtml } from '../../domain/certificates/certificate-template';
import { formatChinaDateTime } from './score-sheet';

/** One candidate row. */
export interface ResultSummaryPrintRow {
  index: number;
  admissionTicketNumber: string;
  candidateName: string;
  idNumber: string;
  department: string;
  occupation: string;
  levelName: string;
  theory: number | null;
  practical: number | null;
  review: number | null;
  directGrading: number | null;
  totalScore: number | null;
  /** 合格 / 不合格 / 待定 */
  conclusion: string;
}

/** Data of one summary. */
export interface ResultSummaryPrintData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  modeName: string;
  scopes: string[];
  rows: ResultSummaryPrintRow[];
  counts: { registered: number; withResult: number; passed: number; failed: number; pending: number; passRate: number };
  signOffs: Array<{ componentName: string; signerName: string; signedAt: string }>;
  approval: { approvedBy: string; approvedAt: string } | null;
  generatedAt: string;
}

/** PDF options of the summary: A4 landscape. */
export const resultSummaryPdfOptions = Object.freeze({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 9pt; margin: 0; }
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.3em; margin: 0 0 3mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 6mm; margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #666; padding: 1.4mm 1.4mm; text-align: left; }
th { background: #eee; }
td.number, th.number { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.foot { margin-top: 5mm; display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 6mm; }
`;

function score(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 100) / 100);
}

/** The complete HTML document of a result summary. */
export function buildResultSummaryHtml(summary: ResultSummaryPrintData): string {
  const meta = (label: string, value: string) => `<div><strong>${escapeHtml(label)}：</strong>${escapeHtml(value)}</div>`;
  const isGrading = summary.rows.some((row) => row.directGrading !== null) && summary.rows.every((row) => row.theory === null);
  const scoreHeads = isGrading
    ? '<th class="number">定级评价</th>'
    : '<th class="number">理论知识</th><th class="number">操作技能</th><th class="number">综合评审</th>';
  const rows = summary.rows
    .map((row) => {
      const scores = isGrading
        ? `<td class="number">${score(row.directGrading)}</td>`
        : `<td class="number">${score(row.theory)}</td><td class="number">${score(row.practical)}</td><td class="number">${score(row.review)}</td>`;
      return (
        `<tr><td>${row.index}</td><td>${escapeHtml(row.admissionTicketNumber)}</td><td>${escapeHtml(row.candidateName)}</td><td>${escapeHtml(row.idNumber)}</td>` +
        `<td>${escapeHtml(row.department)}</td><td>${escapeHtml(row.occupation)}</td><td>${escapeHtml(row.levelName)}</td>${scores}` +
        `<td class="number">${score(row.totalScore)}</td><td>${escapeHtml(row.conclusion)}</td></tr>`
      );
    })
    .join('');
  const signOffs = summary.signOffs.map((signOff) => `${signOff.componentName}：${signOff.signerName}（${formatChinaDateTime(signOff.signedAt)}）`).join('；') || '—';
  const approval = summary.approval ? `${summary.approval.approvedBy}（${formatChinaDateTime(summary.approval.approvedAt)}）` : '未审定';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(`评价结果汇总表 ${summary.batchCode}`)}</title><style>${stylesheet}</style></head>
<body>
<h1>评价结果汇总表</h1>
<div class="meta">
${meta('评价机构', summary.organisationName)}
${meta('批次', `${summary.batchCode} ${summary.batchName}`)}
${meta('评价方式', summary.modeName)}
${meta('职业（工种）/等级（权重）', summary.scopes.join('；'))}
</div>
<table><thead><tr><th>序号</th><th>准考证号</th><th>姓名</th><th>证件号码</th><th>部门</th><th>职业（工种）</th><th>等级</th>${scoreHeads}<th class="number">总成绩</th><th>评价结果</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="foot">
${meta('人数', `应评 ${summary.counts.registered}，已评 ${summary.counts.withResult}，合格 ${summary.counts.passed}，不合格 ${summary.counts.failed}，待定 ${summary.counts.pending}，合格率 ${Math.round(summary.counts.passRate * 1000) / 10}%`)}
${meta('内部质量督导员审核', signOffs)}
${meta('评价工作委员会审定', approval)}
${meta('生成时间', formatChinaDateTime(summary.generatedAt))}
</div>
</body>
</html>`;
}
