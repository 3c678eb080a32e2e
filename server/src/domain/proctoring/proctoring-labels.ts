/**
 * Chinese wording of incident rules, severities and proctor actions for the room record 考场记录表
 * (R10), and one-sentence summaries of an incident's facts.
 */
import type { ProctorActionType } from '@skillcert/proctoring/events';
import type { IncidentRuleId, IncidentSeverity } from '@skillcert/proctoring/rules/incident';

/** Rule names. */
export const incidentRuleNames: Readonly<Record<IncidentRuleId, string>> = Object.freeze({
  focus_lost_too_long: '长时间离开考试页面',
  fullscreen_exit: '退出全屏',
  copy_paste_attempt: '复制/粘贴',
  second_login_attempt: '其他设备尝试登录',
  client_changed: '更换设备或网络',
  disconnect_too_long: '长时间断线',
  answer_burst_after_focus_loss: '离开页面后集中作答',
  idle_too_long: '长时间无操作',
});

/** Severity names. */
export const incidentSeverityNames: Readonly<Record<IncidentSeverity, string>> = Object.freeze({ low: '低', medium: '中', high: '高' });

/** Action names. */
export const proctorActionNames: Readonly<Record<ProctorActionType | 'void_request', string>> = Object.freeze({
  warn: '警告提醒',
  pause: '暂停计时',
  resume: '恢复计时',
  extend: '延长时间',
  approve_device_change: '批准更换设备',
  force_submit: '强制交卷',
  void: '作废考试',
  mark_attendance: '签到',
  mark_absence: '缺考',
  void_request: '申请作废',
});

type Detail = Record<string, string | number | boolean | null>;

const seconds = (value: unknown) => Math.round(Number(value ?? 0) / 1000);

/** A sentence describing an incident (rule and facts). */
export function summarizeIncident(rule: IncidentRuleId, detail: Detail): string {
  switch (rule) {
    case 'focus_lost_too_long':
      return `离开考试页面 ${seconds(detail.durationMs)} 秒${detail.isOngoing ? '（报告时仍未返回）' : ''}`;
    case 'fullscreen_exit':
      return '退出全屏模式';
    case 'copy_paste_attempt':
      return detail.action === 'paste' ? '尝试粘贴' : '尝试复制';
    case 'second_login_attempt':
      return `另一设备或浏览器尝试登录（IP ${detail.ip ?? '未知'}）`;
    case 'client_changed':
      return `登录设备变更：IP ${detail.previousIp ?? '未知'} → ${detail.ip ?? '未知'}${detail.changed === 'ip' ? '' : '，浏览器已变更'}`;
    case 'disconnect_too_long':
      return `断线 ${seconds(detail.durationMs)} 秒${detail.isOngoing ? '（报告时仍未重连）' : ''}`;
    case 'answer_burst_after_focus_loss':
      return `离开页面 ${seconds(detail.focusLossMs)} 秒后，${seconds(detail.withinMs)} 秒内连续作答 ${detail.answerCount ?? 0} 题`;
    case 'idle_too_long':
      return `${Math.round(Number(detail.idleMs ?? 0) / 60_000)} 分钟无任何操作`;
    default: {
      const unreachable: never = rule;
      return String(unreachable);
    }
  }
}

/** A sentence describing an action's facts (empty when there are none worth printing). */
export function summarizeAction(action: ProctorActionType, detail: Detail): string {
  switch (action) {
    case 'warn':
      return detail.message ? `提示内容：${detail.message}` : '';
    case 'extend':
      return `延长 ${Math.round(Number(detail.extraMs ?? 0) / 60_000)} 分钟`;
    case 'pause':
      return detail.remainingMs !== undefined && detail.remainingMs !== null ? `剩余 ${Math.round(Number(detail.remainingMs) / 60_000)} 分钟时暂停` : '';
    case 'resume':
      return detail.pausedMs !== undefined && detail.pausedMs !== null ? `共暂停 ${seconds(detail.pausedMs)} 秒` : '';
    case 'force_submit':
      return detail.totalCount !== undefined ? `已答 ${detail.answeredCount ?? 0}/${detail.totalCount} 题` : '';
    case 'void':
      return `内督员 ${detail.supervisorName ?? ''} 确认${detail.note ? `：${detail.note}` : ''}`;
    default:
      return '';
  }
}
