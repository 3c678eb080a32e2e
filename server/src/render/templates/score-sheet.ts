/**
 * HTML of one candidate's score sheet 成绩单/评分表 (R4, R5, R6, R16 archive): the theory summary
 * with the per knowledge point 鉴定点 breakdown, the practical score card with every assessor's
 * points per criterion, veto items 否决项, signature times and the reconciliation (arbitration or
 * committee), the comprehensive review panel, the direct-grading form (weighted sections and table 3
 * signatures) and the result with its re-scoring revisions. Text is HTML-escaped; the font comes from
 * the render pool. Pure: the data is assembled by the scoring context.
 */
import { escapeHtml } from '../../domain/certificates/certificate-template';

/** One row of an assessor's entry: a criterion (practical) or review criterion. */
export interface ScoreSheetEntryRow {
  label: string;
  maxPoints: number;
  /** Deducted points (practical) or null (review). */
  deductedPoints: number | null;
  points: number;
}

/** One assessor's signed entry. */
export interface ScoreSheetEntry {
  assessorName: string;
  /** 独立评分 / 仲裁评分 */
  stageName: string;
  totalPoints: number;
  isVetoed: boolean;
  vetoItemsObserved: string[];
  /** ISO time of the electronic signature. */
  submittedAt: string;
  rows: ScoreSheetEntryRow[];
}

/** A practical or review card as printed. */
export interface ScoreSheetCard {
  title: string;
  paperCode?: string;
  maxPoints: number;
  /** Human status, e.g. 已定分, 待仲裁. */
  statusName: string;
  /** Empty while independent scores are still outstanding (R6: nothing is shown before all are in). */
  entries: ScoreSheetEntry[];
  scoredCount: number;
  requiredScoreCount: number;
  /** How the final score was reached, e.g. 两名考评员平均. */
  methodName?: string;
  finalPoints?: number;
  isVetoed?: boolean;
  committee?: { decisionReference: string; decidedBy: string; decidedAt: string };
}

/** The direct-grading form as printed (R5). */
export interface ScoreSheetDirectGrading {
  sections: Array<{ name: string; weightsText: string; maxPoints: number; weightedPoints: number }>;
  totalPoints: number;
  passMark: number;
  outcomeName: string;
  onSiteReview?: string;
  lowerLevelCertificate?: string;
  signatures: Array<{ role: string; name: string; signedAt: string | null }>;
}

/** Data of one score sheet. */
export interface ScoreSheetData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  modeName: string;
  candidateName: string;
  idNumber: string;
  admissionTicketNumber: string;
  occupation: string;
  levelName: string;
  assessmentDate: string;
  theory?: {
    totalPoints: number;
    maxPoints: number;
    correctCount: number;
    itemCount: number;
    creditName: string;
    scoredAt: string;
    byKnowledgePoint: Array<{ knowledgePoint: string; itemCount: number; correctCount: number; points: number; maxPoints: number }>;
  };
  practical?: ScoreSheetCard;
  review?: ScoreSheetCard;
  directGrading?: ScoreSheetDirectGrading;
  result?: {
    components: Array<{ name: string; score: number; weight: number; passMark: number; isPass: boolean }>;
    totalScore: number;
    isPass: boolean;
    statusName: string;
    revisions: Array<{ at: string; reason: string }>;
  };
  generatedAt: string;
}

/** PDF options of a score sheet: A4 portrait. */
export const scoreSheetPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 9.5pt; margin: 0; }
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.3em; margin: 0 0 3mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; border-left: 1.2mm solid #8a1c1c; padding-left: 2mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 1mm 5mm; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { border: 0.3mm solid #666; padding: 1.4mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.number, th.number { text-align: right; white-space: nowrap; }
tr { page-break-inside: avoid; }
.note { color: #555; font-size: 8.5pt; }
.pass { color: #12632b; font-weight: 700; }
.fail { color: #8a1c1c; font-weight: 700; }
.foot { margin-top: 6mm; color: #555; font-size: 8.5pt; }
`;

function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** `2026-11-20T01:02:03.000Z` → `2026-11-20 09:02` (China time). */
export function formatChinaDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function passLabel(isPass: boolean): string {
  return isPass ? '<span class="pass">合格</span>' : '<span class="fail">不合格</span>';
}

/** "已评分 2 / 2 名考评员", plus the arbitration scores beyond the required independent ones (R6). */
function scoredPhrase(card: Pick<ScoreSheetCard, 'scoredCount' | 'requiredScoreCount'>): string {
  const arbitrationCount = card.scoredCount - card.requiredScoreCount;
  return arbitrationCount > 0
    ? `已评分 ${card.requiredScoreCount} / ${card.requiredScoreCount} 名考评员，另有仲裁评分 ${arbitrationCount} 份`
    : `已评分 ${card.scoredCount} / ${card.requiredScoreCount} 名考评员`;
}

function renderCard(card: ScoreSheetCard): string {
  const head = `<p>${card.paperCode ? `试卷 ${escapeHtml(card.paperCode)}，` : ''}满分 ${formatPoints(card.maxPoints)} 分；状态：${escapeHtml(card.statusName)}；${scoredPhrase(card)}。</p>`;
  if (card.entries.length === 0) return `${head}<p class="note">独立评分尚未全部完成，各考评员的分数暂不显示（R6）。</p>`;
  const entries = card.entries
    .map((entry) => {
      const rows = entry.rows
        .map(
          (row) =>
            `<tr><td>${escapeHtml(row.label)}</td><td class="number">${formatPoints(row.maxPoints)}</td><td class="number">${row.deductedPoints === null ? '—' : formatPoints(row.deductedPoints)}</td><td class="number">${formatPoints(row.points)}</td></tr>`,
        )
        .join('');
      const veto = entry.isVetoed ? `<p class="fail">否决项：${escapeHtml(entry.vetoItemsObserved.join('；'))}</p>` : '';
      return (
        `<h3>考评员 ${escapeHtml(entry.assessorName)}（${escapeHtml(entry.stageName)}）— 合计 ${formatPoints(entry.totalPoints)} 分；电子签名时间 ${escapeHtml(formatChinaDateTime(entry.submittedAt))}</h3>` +
        `<table><thead><tr><th>评分项</th><th class="number">配分</th><th class="number">扣分</th><th class="number">得分</th></tr></thead><tbody>${rows}</tbody></table>${veto}`
      );
    })
    .join('');
  const final =
    card.finalPoints !== undefined
      ? `<p><strong>最终得分：${formatPoints(card.finalPoints)} 分</strong>${card.isVetoed ? '（否决）' : ''}${card.methodName ? `，${escapeHtml(card.methodName)}` : ''}</p>`
      : '';
  const committee = card.committee
    ? `<p>评价工作委员会裁定：${escapeHtml(card.committee.decisionReference)}（${escapeHtml(card.committee.decidedBy)}，${escapeHtml(formatChinaDateTime(card.committee.decidedAt))}）</p>`
    : '';
  return head + entries + final + committee;
}

/** The complete HTML document of a score sheet. */
export function buildScoreSheetHtml(sheet: ScoreSheetData): string {
  const meta = (label: string, value: string) => `<div><strong>${escapeHtml(label)}：</strong>${escapeHtml(value)}</div>`;
  const parts: string[] = [];
  if (sheet.theory) {
    const theory = sheet.theory;
    const rows = theory.byKnowledgePoint
      .map(
        (group) =>
          `<tr><td>${escapeHtml(group.knowledgePoint)}</td><td class="number">${group.itemCount}</td><td class="number">${group.correctCount}</td><td class="number">${formatPoints(group.points)}</td><td class="number">${formatPoints(group.maxPoints)}</td></tr>`,
      )
      .join('');
    parts.push(
      `<h2>理论知识考试</h2><p>得分 ${formatPoints(theory.totalPoints)} / ${formatPoints(theory.maxPoints)} 分；答对 ${theory.correctCount} / ${theory.itemCount} 题；多选题计分：${escapeHtml(theory.creditName)}；评分时间 ${escapeHtml(formatChinaDateTime(theory.scoredAt))}</p>` +
        `<table><thead><tr><th>鉴定点</th><th class="number">题数</th><th class="number">答对</th><th class="number">得分</th><th class="number">配分</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  if (sheet.practical) parts.push(`<h2>操作技能考核评分表</h2>${renderCard(sheet.practical)}`);
  if (sheet.review) parts.push(`<h2>综合评审</h2>${renderCard(sheet.review)}`);
  if (sheet.directGrading) {
    const grading = sheet.directGrading;
    const rows = grading.sections
      .map((section) => `<tr><td>${escapeHtml(section.name)}</td><td>${escapeHtml(section.weightsText)}</td><td class="number">${formatPoints(section.maxPoints)}</td><td class="number">${formatPoints(section.weightedPoints)}</td></tr>`)
      .join('');
    const signatures = grading.signatures
      .map((signature) => `<tr><td>${escapeHtml(signature.role)}</td><td>${escapeHtml(signature.name)}</td><td>${signature.signedAt ? escapeHtml(formatChinaDateTime(signature.signedAt)) : '未签'}</td></tr>`)
      .join('');
    parts.push(
      `<h2>定级评价表</h2><table><thead><tr><th>评价内容</th><th>权重</th><th class="number">分值</th><th class="number">加权得分</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<p><strong>总得分 ${formatPoints(grading.totalPoints)} 分</strong>（合格线 ${formatPoints(grading.passMark)}）：${escapeHtml(grading.outcomeName)}</p>` +
        (grading.onSiteReview ? `<p>现场评审或答辩：${escapeHtml(grading.onSiteReview)}</p>` : '') +
        (grading.lowerLevelCertificate ? `<p>下一级证书：${escapeHtml(grading.lowerLevelCertificate)}</p>` : '') +
        `<h3>签名</h3><table><thead><tr><th>签名人</th><th>姓名</th><th>时间</th></tr></thead><tbody>${signatures}</tbody></table>`,
    );
  }
  if (sheet.result) {
    const result = sheet.result;
    const rows = result.components
      .map(
        (component) =>
          `<tr><td>${escapeHtml(component.name)}</td><td class="number">${formatPoints(component.score)}</td><td class="number">${Math.round(component.weight * 100)}%</td><td class="number">${formatPoints(component.passMark)}</td><td>${passLabel(component.isPass)}</td></tr>`,
      )
      .join('');
    const revisions = result.revisions.length
      ? `<p class="note">复核记录：${result.revisions.map((revision) => `${escapeHtml(formatChinaDateTime(revision.at))} ${escapeHtml(revision.reason)}`).join('；')}</p>`
      : '';
    parts.push(
      `<h2>评价结果</h2><table><thead><tr><th>科目</th><th class="number">成绩</th><th class="number">权重</th><th class="number">合格线</th><th>结论</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<p><strong>总成绩 ${formatPoints(result.totalScore)} 分：</strong>${passLabel(result.isPass)}（${escapeHtml(result.statusName)}）</p>${revisions}`,
    );
  }
  if (parts.length === 0) parts.push('<p class="note">尚无评分记录。</p>');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(`成绩单 ${sheet.candidateName} ${sheet.admissionTicketNumber}`)}</title><style>${stylesheet}</style></head>
<body>
<h1>职业技能等级认定成绩单</h1>
<div class="meta">
${meta('评价机构', sheet.organisationName)}
${meta('批次', `${sheet.batchCode} ${sheet.batchName}`)}
${meta('评价方式', sheet.modeName)}
${meta('姓名', sheet.candidateName)}
${meta('证件号码', sheet.idNumber)}
${meta('准考证号', sheet.admissionTicketNumber)}
${meta('职业（工种）', sheet.occupation)}
${meta('等级', sheet.levelName)}
${meta('评价日期', sheet.assessmentDate)}
</div>
${parts.join('\n')}
<div class="foot">生成时间 ${escapeHtml(formatChinaDateTime(sheet.generatedAt))}；本表由 SkillCert 根据电子评分记录生成。</div>
</body>
</html>`;
}
