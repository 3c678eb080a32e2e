/**
 * HTML of a certificate table 证书发放登记表 (R15 ledger, R16 archive): one row per certificate of a
 * batch with number, holder, ID, occupation, work type, level, dates, issue version and status.
 * Every text is HTML-escaped; the font (Noto Sans SC) comes from the render pool.
 */
import { escapeHtml, formatChineseDate } from '../../domain/certificates/certificate-template';

/** One row of the table. */
export interface CertificateTableRow {
  number: string;
  candidateName: string;
  idTypeName: string;
  idNumber: string;
  occupationName: string;
  workTypeName: string;
  levelName: string;
  /** `YYYY-MM-DD`. */
  assessmentDate: string;
  issueDate: string;
  issueVersion: number;
  /** 有效 / 已撤销. */
  statusText: string;
}

/** Data of one table. */
export interface CertificateTableData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  rows: readonly CertificateTableRow[];
  /** Date the table was produced, `YYYY-MM-DD`. */
  producedOn: string;
}

/** PDF options of the table: A4 landscape. */
export const certificateTablePdfOptions = Object.freeze({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 9pt; margin: 0; }
h1 { text-align: center; font-size: 15pt; margin: 0 0 1mm; }
.meta { text-align: center; color: #555; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #888; padding: 1.2mm 1.4mm; text-align: left; }
th { background: #f2ede4; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.number { white-space: nowrap; font-variant-numeric: tabular-nums; }
.foot { margin-top: 6mm; display: flex; justify-content: space-between; }
`;

/** The complete HTML document of a certificate table (R15, R16). */
export function buildCertificateTableHtml(data: CertificateTableData): string {
  const rows = data.rows
    .map(
      (row, index) =>
        `<tr><td>${index + 1}</td><td class="number">${escapeHtml(row.number)}</td><td>${escapeHtml(row.candidateName)}</td><td>${escapeHtml(row.idTypeName)}</td>` +
        `<td class="number">${escapeHtml(row.idNumber)}</td><td>${escapeHtml(row.occupationName)}</td><td>${escapeHtml(row.workTypeName)}</td><td>${escapeHtml(row.levelName)}</td>` +
        `<td class="number">${escapeHtml(row.assessmentDate)}</td><td class="number">${escapeHtml(row.issueDate)}</td><td>${row.issueVersion}</td><td>${escapeHtml(row.statusText)}</td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${data.batchName} 证书发放登记表`)}</title>
<style>${stylesheet}</style>
</head>
<body>
<h1>职业技能等级证书发放登记表</h1>
<p class="meta">${escapeHtml(data.organisationName)} · ${escapeHtml(data.batchName)}（${escapeHtml(data.batchCode)}）· 共 ${data.rows.length} 本</p>
<table>
<thead><tr><th>序号</th><th>证书编号</th><th>姓名</th><th>证件类型</th><th>证件号码</th><th>职业</th><th>工种</th><th>等级</th><th>考核日期</th><th>发证日期</th><th>版本</th><th>状态</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<div class="foot"><span>制表日期：${escapeHtml(formatChineseDate(data.producedOn))}</span><span>经办人（签字）：__________ &emsp; 审核人（签字）：__________</span></div>
</body>
</html>
`;
}
