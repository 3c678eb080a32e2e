/**
 * Proctor actions from the console (R10: irregularities and their handling are recorded): each
 * calls one attempt or plans use case (which authorizes again and audits), then records the action
 * with its reason and facts, and marks the incidents it handled. Voids go through
 * `requestVoid` / `decideVoidRequest` (a supervisor must confirm).
 */
import type { ProctorAction } from '@skillcert/proctoring/events';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import type { ProctorActionResult } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { approveDeviceChange } from '../attempts/approve-device-change';
import { extendAttempt } from '../attempts/extend-attempt';
import { pauseAttempt } from '../attempts/pause-attempt';
import { resumeAttempt } from '../attempts/resume-attempt';
import { forceSubmitAttempt } from '../attempts/submit-attempt';
import { warnCandidate } from '../attempts/warn-candidate';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { recordAttendance } from '../plans/record-attendance';
import { loadAttemptInRoom, recordProctorAction } from './attempt-in-room';
import './proctoring-events';

type Detail = Record<string, string | number | boolean | null>;

/**
 * Runs `action` on an attempt of the joined room as `actor`.
 * @returns the recorded action, the attempt's status after it (when known) and the use case's result
 * @throws AppError from the use case (`validation_failed`, `not_found`, `forbidden`,
 *   `precondition_failed`, `attempt_closed`, `conflict`), `forbidden` when the attempt is in another
 *   room, `validation_failed` for `void` (use the void request).
 */
export async function runProctorAction(options: { actor: Actor; access: RoomAccess; action: ProctorAction; now?: Date }): Promise<ProctorActionResult> {
  const { actor, access, action } = options;
  const target = await loadAttemptInRoom(action.attemptId, access);
  const { attempt } = target;
  const attemptId = action.attemptId;
  let detail: Detail = {};
  let status: ProctorActionResult['status'] = null;
  let result: unknown;
  switch (action.action) {
    case 'warn': {
      const warned = await warnCandidate({ attemptId, actor, reason: action.reason, message: action.message });
      detail = { message: warned.message };
      result = warned;
      break;
    }
    case 'pause': {
      const paused = await pauseAttempt({ attemptId, actor, reason: action.reason });
      detail = { remainingMs: paused.remainingMs };
      status = 'paused';
      result = paused;
      break;
    }
    case 'resume': {
      const resumed = await resumeAttempt({ attemptId, actor, reason: action.reason });
      detail = { pausedMs: resumed.pausedMs, deadlineAt: resumed.deadlineAt };
      status = 'in_progress';
      result = resumed;
      break;
    }
    case 'extend': {
      const extended = await extendAttempt({ attemptId, actor, reason: action.reason, extraMs: action.extraMs });
      detail = { extraMs: extended.extraMs, deadlineAt: extended.deadlineAt };
      status = extended.status;
      result = extended;
      break;
    }
    case 'approve_device_change': {
      result = await approveDeviceChange({ attemptId, actor, reason: action.reason });
      break;
    }
    case 'force_submit': {
      const submitted = await forceSubmitAttempt({ attemptId, actor, reason: action.reason });
      detail = { answeredCount: submitted.answeredCount, totalCount: submitted.totalCount };
      status = 'submitted';
      result = submitted;
      break;
    }
    case 'mark_attendance':
    case 'mark_absence': {
      const attendance = action.action === 'mark_attendance' ? 'present' : 'absent';
      const registration = await recordAttendance({
        batchId: String(attempt.batchId),
        sessionId: String(attempt.sessionId),
        request: { registrationId: String(attempt.registrationId), status: attendance, reason: action.reason },
        actor,
      });
      domainEvents.emit('proctoring.attendance_marked', {
        attemptId,
        organisationId: String(attempt.organisationId),
        batchId: String(attempt.batchId),
        sessionId: String(attempt.sessionId),
        roomId: String(attempt.roomId),
        candidateId: String(attempt.candidateId),
        at: Date.now(),
        attendance,
      });
      detail = { attendance };
      result = { registrationId: registration.id, attendance };
      break;
    }
    case 'void':
      throw new AppError('validation_failed', 'action: a void needs a supervisor’s confirmation; send proctor:void to request it');
    default: {
      const unreachable: never = action;
      throw new AppError('validation_failed', `action: unknown action ${JSON.stringify(unreachable)}`);
    }
  }
  const view = await recordProctorAction({
    target,
    action: action.action,
    reason: action.reason,
    detail,
    incidentIds: action.incidentIds,
    by: actor,
    at: options.now ?? new Date(),
  });
  return { action: view, status, result };
}
