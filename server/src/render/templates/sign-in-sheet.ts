/**
 * HTML of a sign-in sheet 签到表 for one session in one room (R10, R16 archive): the session, room,
 * time and proctors, then one row per candidate in seat order with ticket number, name, ID number,
 * seat or workstation, an empty signature cell and the attendance recorded so far; a foot with the
 * counts and the proctors' signature lines. Text is HTML-escaped; the font comes from the pool.
 */
import { escapeHtml, formatChineseDate } from '../../domain/certificates/certificate-template';

/** One candidate row. */
export interface SignInSheetRow {
  position: string;
  admissionTicketNumber: string;
  candidateName: string;
  idNumber: string;
  /** Attendance recorded so far: 到场, 缺考 (reason) or empty. */
  attendance: string;
}

/** The data of one sheet. */
export interface SignInSheetData {
  organisationName: string;
  batchCode: string;
  batchName: string;
  kindName: string;
  occupationName: string;
  workType: string;
  levelName: string;
  roomName: string;
  /** `YYYY-MM-DD` China date and `HH:mm` times. */
  date: string;
  startTime: string;
  endTime: string;
  proctorNames: string[];
  rows: SignInSheetRow[];
}

/** PDF options of a sign-in sheet: A4 portrait. */
export const signInSheetPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 10pt; margin: 0; }
h1 { text-align: center; font-size: 17pt; letter-spacing: 0.4em; margin: 0 0 2mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 6mm; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #555; padding: 2.2mm 1.8mm; text-align: left; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.signature { width: 32mm; }
.foot { margin-top: 6mm; display: flex; justify-content: space-between; }
`;

/** The complete HTML document of a sign-in sheet. */
export function buildSignInSheetHtml(sheet: SignInSheetData): string {
  const rows = sheet.rows
    .map(
      (row, index) =>
        `<tr><td>${index + 1}</td><td>${escapeHtml(row.position)}</td><td>${escapeHtml(row.admissionTicketNumber)}</td><td>${escapeHtml(row.candidateName)}</td>` +
        `<td>${escapeHtml(row.idNumber)}</td><td class="signature"></td><td>${escapeHtml(row.attendance)}</td></tr>`,
    )
    .join('');
  const meta = (label: string, value: string) => `<div><strong>${escapeHtml(label)}：</strong>${escapeHtml(value)}</div>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(`签到表 ${sheet.roomName} ${sheet.date}`)}</title><style>${stylesheet}</style></head>
<body>
<h1>考生签到表</h1>
<div class="meta">
${meta('评价机构', sheet.organisationName)}
${meta('批次', `${sheet.batchCode} ${sheet.batchName}`)}
${meta('职业（工种）', `${sheet.occupationName}（${sheet.workType}）${sheet.levelName}`)}
${meta('科目', sheet.kindName)}
${meta('考场', sheet.roomName)}
${meta('时间', `${formatChineseDate(sheet.date)} ${sheet.startTime}–${sheet.endTime}`)}
${meta('监考（考务）人员', sheet.proctorNames.join('、') || '—')}
${meta('应到人数', String(sheet.rows.length))}
</div>
<table><thead><tr><th>序号</th><th>座位/工位</th><th>准考证号</th><th>姓名</th><th>证件号码</th><th>考生签名</th><th>考勤</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="foot"><span>实到人数：________&emsp;缺考人数：________</span><span>监考人员签名：____________________</span></div>
</body>
</html>`;
}
