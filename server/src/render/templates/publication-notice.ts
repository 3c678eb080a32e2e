/**
 * HTML of a publication notice 认定结果公示 (R11): the period in working days, one row per result
 * (name, masked ID number, occupation, work type, level, score, result) and the complaint and
 * re-scoring channels. Every text is HTML-escaped; the font (Noto Sans SC) comes from the render pool.
 */
import { escapeHtml, formatChineseDate } from '../../domain/certificates/certificate-template';
import type { PublicationContact, PublicationNoticeRow } from '../../domain/publication/publication.model';

/** Data of one notice. */
export interface PublicationNoticeData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  /** First day and earliest last day, `YYYY-MM-DD` (R11). */
  startDate: string;
  earliestEndDate: string;
  periodWorkingDays: number;
  rows: readonly PublicationNoticeRow[];
  complaintContacts: readonly PublicationContact[];
  rescoringContacts: readonly PublicationContact[];
  remarks?: string;
  /** Printed in small type once the notice is frozen (R16). */
  contentHash?: string;
}

/** PDF options of a notice: A4 portrait with margins from the CSS @page rule. */
export const publicationNoticePdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 portrait; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 10pt; line-height: 1.55; margin: 0; }
h1 { text-align: center; font-size: 17pt; margin: 0 0 2mm; }
.issuer { text-align: center; color: #555; margin: 0 0 5mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; border-left: 1.2mm solid #8a1c1c; padding-left: 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #f2ede4; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.footer { margin-top: 8mm; text-align: right; }
.hash { margin-top: 4mm; font-size: 7.5pt; color: #777; word-break: break-all; }
`;

function contactRows(contacts: readonly PublicationContact[]): string {
  if (contacts.length === 0) return '<p>无</p>';
  const rows = contacts
    .map(
      (contact) =>
        `<tr><td>${escapeHtml(contact.name)}</td><td>${escapeHtml(contact.department ?? '')}</td><td>${escapeHtml(contact.phone ?? '')}</td><td>${escapeHtml(contact.email ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>联系人</th><th>部门</th><th>电话</th><th>邮箱</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The complete HTML document of a publication notice (R11). */
export function buildPublicationNoticeHtml(data: PublicationNoticeData): string {
  const rows = data.rows
    .map(
      (row, index) =>
        `<tr><td>${index + 1}</td><td>${escapeHtml(row.candidateName)}</td><td class="number">${escapeHtml(row.maskedIdNumber)}</td>` +
        `<td>${escapeHtml(`${row.occupationName}（${row.occupationCode}）`)}</td><td>${escapeHtml(row.workType)}</td><td>${escapeHtml(row.levelName)}</td>` +
        `<td class="number">${escapeHtml(row.totalScore.toFixed(1))}</td><td>${escapeHtml(row.resultText)}</td></tr>`,
    )
    .join('');
  const passCount = data.rows.filter((row) => row.isPass).length;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${data.batchName} 认定结果公示`)}</title>
<style>${stylesheet}</style>
</head>
<body>
<h1>${escapeHtml(`${data.batchName} 职业技能等级认定结果公示`)}</h1>
<p class="issuer">${escapeHtml(data.organisationName)} · 批次 ${escapeHtml(data.batchCode)}</p>
<p>经评价工作委员会审核，现将本批次职业技能等级认定结果予以公示。公示期为 ${escapeHtml(formatChineseDate(data.startDate))} 起 ${data.periodWorkingDays} 个工作日，至 ${escapeHtml(formatChineseDate(data.earliestEndDate))} 止。公示期间如有异议，请通过下列渠道提出投诉或成绩复核申请，由评价工作委员会负责处理。</p>
<h2>认定结果（共 ${data.rows.length} 人，合格 ${passCount} 人）</h2>
<table>
<thead><tr><th>序号</th><th>姓名</th><th>证件号码</th><th>职业（编码）</th><th>工种</th><th>等级</th><th>成绩</th><th>结果</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<h2>投诉渠道</h2>
${contactRows(data.complaintContacts)}
<h2>成绩复核渠道</h2>
${contactRows(data.rescoringContacts)}
${data.remarks ? `<h2>说明</h2><p>${escapeHtml(data.remarks)}</p>` : ''}
<p class="footer">${escapeHtml(data.organisationName)}<br>${escapeHtml(formatChineseDate(data.startDate))}</p>
${data.contentHash ? `<p class="hash">SHA-256: ${escapeHtml(data.contentHash)}</p>` : ''}
</body>
</html>
`;
}
