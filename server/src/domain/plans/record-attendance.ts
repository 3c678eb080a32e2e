/**
 * Attendance at the room (R10): an exam administrator of the batch (or a proctor of the room, or
 * an administrator) marks a candidate present or absent with a reason; each mark is audited.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { assertBatchStatus, loadBatch } from './load-batch';
import type { RecordAttendanceRequest, RegistrationView } from './plans.contracts';
import { RegistrationModel, type RegistrationRecord } from './registration.model';
import { presentRegistration } from './registration.presenter';
import { findSession, isSessionStaff, sessionFieldByKind } from './session-roster';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Marks `request.registrationId` present or absent (reason required) at session `sessionId`,
 * replacing an earlier mark of that session, and audits `attendance.recorded` with the previous
 * mark. The batch must be filed, announced or in progress.
 * @throws AppError `not_found` for an unknown batch, session or registration; `forbidden` when the
 *   actor is neither administrator nor an exam administrator/proctor of the batch; `conflict` for a
 *   batch in another status; `validation_failed` when the candidate is not in that session.
 */
export async function recordAttendance(options: {
  batchId: string;
  sessionId: string;
  request: RecordAttendanceRequest;
  actor: Actor;
}): Promise<RegistrationView> {
  const { actor, request } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const session = findSession(batch, options.sessionId);
  if (!actor.roles.includes('admin') && !isSessionStaff(batch, session, actor.userId)) {
    throw new AppError('forbidden', `Only the batch's exam administrators or the room's proctors record attendance for batch ${batch.code}`);
  }
  assertBatchStatus(batch, ['filed', 'announced', 'in_progress'], 'recording attendance');
  const registrationId = new Types.ObjectId(request.registrationId);
  const room = batch.rooms.find((candidate) => String(candidate._id) === String(session.roomId));
  let result: RegistrationRecord | null = null;
  await runInTransaction(async (transaction) => {
    const registration = await RegistrationModel.findOne({ _id: registrationId, batchId: batch._id }).session(transaction).lean<RegistrationRecord>();
    if (!registration) throw new AppError('not_found', `Registration ${request.registrationId} is not in batch ${batch.code}`);
    const field = sessionFieldByKind[session.kind];
    if (String(registration[field] ?? '') !== String(session._id)) {
      throw new AppError(
        'validation_failed',
        `registrationId: ${registration.candidateName} (${registration.admissionTicketNumber}) is not a candidate of this ${session.kind} session`,
        { field: 'registrationId' },
      );
    }
    const previous = (registration.attendanceBySession ?? []).find((entry) => String(entry.sessionId) === String(session._id));
    const mark = {
      status: request.status,
      markedAt: new Date(),
      markedBy: new Types.ObjectId(actor.userId),
      ...(request.reason ? { reason: request.reason } : {}),
    };
    const attendanceBySession = [
      ...(registration.attendanceBySession ?? []).filter((entry) => String(entry.sessionId) !== String(session._id)),
      { sessionId: session._id, ...mark },
    ];
    result = await RegistrationModel.findOneAndUpdate(
      { _id: registration._id },
      { $set: { attendance: mark, attendanceBySession } },
      { returnDocument: 'after', session: transaction },
    ).lean<RegistrationRecord>();
    await recordAudit(
      {
        actor,
        action: 'attendance.recorded',
        target: { kind: 'registration', id: String(registration._id), label: registration.admissionTicketNumber },
        payload: {
          batchId: String(batch._id),
          sessionId: String(session._id),
          sessionKind: session.kind,
          roomName: room?.name ?? null,
          candidateName: registration.candidateName,
          status: request.status,
          reason: request.reason ?? null,
          previous: previous ? { status: previous.status, reason: previous.reason ?? null, markedAt: new Date(previous.markedAt).toISOString() } : null,
        },
      },
      transaction,
    );
  });
  return presentRegistration(result!, batch);
}
