/**
 * HTML of a room record 考场记录表 (R10, R16 archive): the session, room and staff (assigned and on
 * duty), attendance with absences and reasons, room conditions, incidents with their handling, the
 * proctors' actions, void requests, the outcome counts, and signature lines. Text is HTML-escaped;
 * times are China time; the font comes from the pool.
 */
import { escapeHtml } from '../../domain/certificates/certificate-template';
import type { RoomRecordDocument } from '../../domain/proctoring/proctoring.contracts';
import { incidentRuleNames, incidentSeverityNames, proctorActionNames, summarizeAction } from '../../domain/proctoring/proctoring-labels';

/** PDF options of a room record: A4 portrait. */
export const roomRecordPdfOptions = Object.freeze({ format: 'A4', printBackground: true, preferCSSPageSize: true } as const);

const levelNames: Readonly<Record<number, string>> = { 5: '五级/初级工', 4: '四级/中级工', 3: '三级/高级工', 2: '二级/技师', 1: '一级/高级技师' };
const capacityNames: Readonly<Record<string, string>> = { proctor: '监考人员', exam_admin: '考务人员', supervisor: '内部质量督导员' };
const attendanceNames = { present: '到场', absent: '缺考', unmarked: '未登记' } as const;
const voidStatusNames = { pending: '待确认', confirmed: '已确认作废', rejected: '未同意' } as const;

const chinaDateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const chinaTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** `YYYY/MM/DD HH:mm:ss` in China time of an ISO instant; `—` for null. */
export function formatChinaDateTime(value: string | null): string {
  return value ? chinaDateTime.format(new Date(value)) : '—';
}

function time(value: string | null): string {
  return value ? chinaTime.format(new Date(value)) : '—';
}

function people(list: readonly { name: string }[]): string {
  return list.length > 0 ? list.map((person) => escapeHtml(person.name)).join('、') : '—';
}

function seatOf(seat: string | null): string {
  return seat ? `${escapeHtml(seat)}号` : '—';
}

const stylesheet = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; color: #1f1f1f; font-size: 9.5pt; margin: 0; }
h1 { text-align: center; font-size: 17pt; letter-spacing: 0.4em; margin: 0 0 3mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; border-left: 1.2mm solid #555; padding-left: 2mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 1mm 6mm; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1mm; }
th, td { border: 0.3mm solid #666; padding: 1.6mm 1.4mm; text-align: left; vertical-align: top; }
th { background: #eee; white-space: nowrap; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.muted { color: #666; }
.none { color: #666; margin: 1mm 0 2mm; }
.sev-high { font-weight: 700; }
.conditions { border: 0.3mm solid #666; padding: 2mm; min-height: 12mm; white-space: pre-wrap; }
.signatures { margin-top: 8mm; display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 4mm; }
.foot { margin-top: 4mm; font-size: 8pt; color: #666; }
`;

/** The complete HTML document of a room record. */
export function buildRoomRecordHtml(record: RoomRecordDocument): string {
  const meta = (label: string, value: string) => `<div><strong>${escapeHtml(label)}：</strong>${value}</div>`;
  const absent = record.attendance.candidates.filter((candidate) => candidate.status !== 'present');
  const attendanceRows = record.attendance.candidates
    .map(
      (candidate, index) =>
        `<tr><td>${index + 1}</td><td>${seatOf(candidate.seat)}</td><td>${escapeHtml(candidate.admissionTicketNumber)}</td><td>${escapeHtml(candidate.candidateName)}</td>` +
        `<td>${attendanceNames[candidate.status]}</td><td>${escapeHtml(candidate.reason ?? '')}</td><td>${time(candidate.markedAt)}</td></tr>`,
    )
    .join('');
  const incidentRows = record.incidents
    .map((incident, index) => {
      const handling = incident.handling
        ? `${escapeHtml(incident.handling.action ? (proctorActionNames[incident.handling.action as keyof typeof proctorActionNames] ?? incident.handling.action) : '记录说明')}：${escapeHtml(incident.handling.note)}<br><span class="muted">${escapeHtml(incident.handling.byName)} ${time(incident.handling.at)}</span>`
        : '<span class="muted">未处理</span>';
      return (
        `<tr><td>${index + 1}</td><td>${time(incident.at)}</td><td>${seatOf(incident.seat)}</td><td>${escapeHtml(incident.candidateName)}</td>` +
        `<td class="sev-${incident.severity}">${escapeHtml(incidentRuleNames[incident.rule])}（${incidentSeverityNames[incident.severity]}）</td><td>${escapeHtml(incident.summary)}</td><td>${handling}</td></tr>`
      );
    })
    .join('');
  const actionRows = record.actions
    .map((action, index) => {
      const facts = summarizeAction(action.action, action.detail);
      return (
        `<tr><td>${index + 1}</td><td>${time(action.at)}</td><td>${seatOf(action.seat)}</td><td>${escapeHtml(action.candidateName)}</td>` +
        `<td>${escapeHtml(proctorActionNames[action.action])}</td><td>${escapeHtml(action.reason)}${facts ? `<br><span class="muted">${escapeHtml(facts)}</span>` : ''}</td><td>${escapeHtml(action.byName)}</td></tr>`
      );
    })
    .join('');
  const voidRows = record.voidRequests
    .map(
      (request) =>
        `<tr><td>${seatOf(request.seat)}</td><td>${escapeHtml(request.candidateName)}</td><td>${escapeHtml(request.reason)}</td><td>${escapeHtml(request.requestedByName)} ${time(request.requestedAt)}</td>` +
        `<td>${voidStatusNames[request.status]}${request.decidedByName ? `（${escapeHtml(request.decidedByName)} ${time(request.decidedAt)}）` : ''}${request.note ? `：${escapeHtml(request.note)}` : ''}</td></tr>`,
    )
    .join('');
  const dutyRows = record.staff.onDuty
    .map(
      (duty) =>
        `<tr><td>${escapeHtml(duty.name)}</td><td>${escapeHtml(capacityNames[duty.capacity] ?? duty.capacity)}</td><td>${duty.mode === 'proctor' ? '监考' : '巡查'}</td><td>${formatChinaDateTime(duty.firstJoinedAt)}</td><td>${formatChinaDateTime(duty.lastLeftAt)}</td></tr>`,
    )
    .join('');
  const { outcomes } = record;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(`考场记录表 ${record.batch.code} ${record.room.name}`)}</title><style>${stylesheet}</style></head>
<body>
<h1>考场记录表</h1>
<div class="meta">
${meta('评价机构', escapeHtml(record.organisation.name))}
${meta('批次', escapeHtml(`${record.batch.code} ${record.batch.name}`))}
${meta('职业（工种）', escapeHtml(`${record.scope.occupationName}（${record.scope.workType}）${levelNames[record.scope.level] ?? ''}`))}
${meta('科目', '理论知识考试')}
${meta('考场', `${escapeHtml(record.room.name)}（座位 ${record.room.seats} 个）`)}
${meta('考试时间', `${formatChinaDateTime(record.session.startsAt)} – ${time(record.session.endsAt)}（${record.session.durationMinutes} 分钟）`)}
${meta('监考人员', people(record.staff.assignedProctors))}
${meta('考务人员', people(record.staff.examAdministrators))}
${meta('内部质量督导员', people(record.staff.supervisors))}
${meta('应到 / 实到 / 缺考 / 未登记', `${record.attendance.expectedCount} / ${record.attendance.presentCount} / ${record.attendance.absentCount} / ${record.attendance.unmarkedCount}`)}
</div>

<h2>一、工作人员在岗情况</h2>
${dutyRows ? `<table><thead><tr><th>姓名</th><th>身份</th><th>方式</th><th>首次进入</th><th>最后离开</th></tr></thead><tbody>${dutyRows}</tbody></table>` : '<p class="none">无在线监考记录。</p>'}

<h2>二、考生出勤</h2>
${absent.length === 0 && record.attendance.candidates.length > 0 ? '<p class="none">全部考生到场。</p>' : ''}
${attendanceRows ? `<table><thead><tr><th>序号</th><th>座位</th><th>准考证号</th><th>姓名</th><th>出勤</th><th>说明</th><th>登记时间</th></tr></thead><tbody>${attendanceRows}</tbody></table>` : '<p class="none">本考场无考生。</p>'}

<h2>三、考场情况</h2>
<div class="conditions">${escapeHtml(record.conditions ?? '')}</div>

<h2>四、异常情况及处理（共 ${record.summary.incidentCount} 起，未处理 ${record.summary.unhandledIncidentCount} 起）</h2>
${incidentRows ? `<table><thead><tr><th>序号</th><th>时间</th><th>座位</th><th>考生</th><th>类型（等级）</th><th>情况</th><th>处理</th></tr></thead><tbody>${incidentRows}</tbody></table>` : '<p class="none">无异常情况。</p>'}

<h2>五、监考处置记录（共 ${record.summary.actionCount} 项）</h2>
${actionRows ? `<table><thead><tr><th>序号</th><th>时间</th><th>座位</th><th>考生</th><th>处置</th><th>原因</th><th>处置人</th></tr></thead><tbody>${actionRows}</tbody></table>` : '<p class="none">无处置记录。</p>'}

<h2>六、作废申请</h2>
${voidRows ? `<table><thead><tr><th>座位</th><th>考生</th><th>原因</th><th>申请人</th><th>督导意见</th></tr></thead><tbody>${voidRows}</tbody></table>` : '<p class="none">无作废申请。</p>'}

<h2>七、交卷情况</h2>
<p>考生交卷 ${outcomes.submittedByCandidate} 人；到时自动交卷 ${outcomes.submittedAtDeadline} 人；监考强制交卷 ${outcomes.submittedByProctor} 人；作废 ${outcomes.voided} 人；作答中 ${outcomes.inProgress} 人；未开始 ${outcomes.notStarted} 人。</p>

<div class="signatures"><span>监考人员签名：______________</span><span>考务人员签名：______________</span><span>内督员签名：______________</span></div>
<p class="foot">第 ${record.version} 版，${escapeHtml(record.generatedBy.name)} 于 ${formatChinaDateTime(record.generatedAt)} 依据平台记录生成。</p>
</body>
</html>`;
}
