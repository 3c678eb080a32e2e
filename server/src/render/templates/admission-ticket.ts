/**
 * HTML of admission tickets 准考证: one A4 portrait page per ticket with the ticket number, the
 * candidate's name and ID, occupation, work type and level, each session (date, time, room, seat
 * or workstation), a photo placeholder and the candidate instructions. Text is HTML-escaped; the
 * font (Noto Sans SC) comes from the render pool.
 */
import { escapeHtml, formatChineseDate } from '../../domain/certificates/certificate-template';

/** One session line of a ticket. */
export interface AdmissionTicketSession {
  kindName: string;
  /** `YYYY-MM-DD` China date and `HH:mm` times. */
  date: string;
  startTime: string;
  endTime: string;
  roomName: string;
  /** `座位 12` or `工位 3`. */
  position: string;
}

/** The data of one ticket. */
export interface AdmissionTicketData {
  admissionTicketNumber: string;
  candidateName: string;
  idTypeName: string;
  idNumber: string;
  department?: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  levelName: string;
  organisationName: string;
  batchCode: string;
  batchName: string;
  sessions: AdmissionTicketSession[];
  /** Optional photo as a PNG/JPEG data URL; a labelled box otherwise. */
  photoDataUrl?: string;
}

/** PDF options of tickets: A4 portrait, one ticket per page. */
export const admissionTicketPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const stylesheet = `
@page { size: A4 portrait; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 11pt; margin: 0; }
.ticket { page-break-after: always; border: 0.6mm solid #333; padding: 8mm; }
.ticket:last-child { page-break-after: auto; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.5em; margin: 0 0 1mm; }
.issuer { text-align: center; color: #555; margin: 0 0 5mm; }
.head { display: flex; gap: 6mm; }
table { border-collapse: collapse; width: 100%; }
.fields th, .fields td, .sessions th, .sessions td { border: 0.3mm solid #666; padding: 2mm; text-align: left; }
.fields th { width: 28mm; background: #f2f2f2; }
.photo { width: 35mm; height: 45mm; border: 0.4mm solid #666; display: flex; align-items: center; justify-content: center; color: #888; flex: none; }
.photo img { width: 100%; height: 100%; object-fit: cover; }
.number { font-size: 14pt; font-weight: 700; letter-spacing: 0.08em; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
.sessions th { background: #f2f2f2; }
ol { padding-left: 6mm; font-size: 9.5pt; color: #333; }
`;

const instructions = [
  '考生凭准考证和有效身份证件参加考试，二者缺一不得入场。',
  '考生须按准考证所列时间、考场、座位（工位）参加考试，开考30分钟后不得入场。',
  '理论知识考试在线进行：登录时输入证件号码、准考证号和密码。',
  '考场内不得携带通讯工具及与考试无关的资料，服从考务人员管理。',
];

/** The HTML body of one ticket (a `<section>`). */
function ticketSection(ticket: AdmissionTicketData): string {
  const photo = ticket.photoDataUrl && /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(ticket.photoDataUrl)
    ? `<img src="${escapeHtml(ticket.photoDataUrl)}" alt="照片">`
    : '照片';
  const row = (label: string, value: string, className = '') =>
    `<tr><th>${escapeHtml(label)}</th><td${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</td></tr>`;
  const sessions = ticket.sessions
    .map(
      (session) =>
        `<tr><td>${escapeHtml(session.kindName)}</td><td>${escapeHtml(formatChineseDate(session.date))}</td><td>${escapeHtml(`${session.startTime}–${session.endTime}`)}</td>` +
        `<td>${escapeHtml(session.roomName)}</td><td>${escapeHtml(session.position)}</td></tr>`,
    )
    .join('');
  return `<section class="ticket">
<h1>准考证</h1>
<p class="issuer">${escapeHtml(ticket.organisationName)} · ${escapeHtml(ticket.batchCode)} ${escapeHtml(ticket.batchName)}</p>
<div class="head">
<table class="fields"><tbody>
${row('准考证号', ticket.admissionTicketNumber, 'number')}
${row('姓名', ticket.candidateName)}
${row('证件类型', ticket.idTypeName)}
${row('证件号码', ticket.idNumber)}
${ticket.department ? row('部门', ticket.department) : ''}
${row('职业（工种）', `${ticket.occupationCode} ${ticket.occupationName}（${ticket.workType}）`)}
${row('等级', ticket.levelName)}
</tbody></table>
<div class="photo">${photo}</div>
</div>
<h2>考试安排</h2>
<table class="sessions"><thead><tr><th>科目</th><th>日期</th><th>时间</th><th>考场</th><th>座位/工位</th></tr></thead><tbody>${sessions}</tbody></table>
<h2>考生须知</h2>
<ol>${instructions.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>
</section>`;
}

/** The complete HTML document of `tickets`, one per page. */
export function buildAdmissionTicketsHtml(tickets: readonly AdmissionTicketData[]): string {
  const title = tickets.length === 1 ? `准考证 ${tickets[0].admissionTicketNumber}` : `准考证（${tickets.length}份）`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${stylesheet}</style></head>
<body>
${tickets.map(ticketSection).join('\n')}
</body>
</html>`;
}
