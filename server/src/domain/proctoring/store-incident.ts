/**
 * Stores an incident raised by the proctoring rules (R10) once, whichever process raised it first
 * (unique key), and audits it as `incident.raised` by the system.
 */
import { Types } from 'mongoose';
import type { RaisedIncident } from '@skillcert/proctoring/incident-engine';
import { recordAudit, systemActor } from '../audit/record-audit';
import { AttemptModel } from '../attempts/attempt.model';
import { RegistrationModel } from '../plans/registration.model';
import { IncidentModel } from './incident.model';
import { seatLabel } from './proctoring.presenter';

function isDuplicateKey(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  return candidate?.code === 11000 || (typeof candidate?.message === 'string' && candidate.message.includes('E11000'));
}

/**
 * Inserts the incident with the candidate's name and seat; audits it when this call stored it.
 * @returns `stored`, or `duplicate` when it was stored before (another process, a repeat).
 * @throws database errors other than the duplicate key.
 */
export async function storeIncident(incident: RaisedIncident): Promise<'stored' | 'duplicate'> {
  if (await IncidentModel.exists({ key: incident.key })) return 'duplicate';
  const { context } = incident;
  const attempt = await AttemptModel.findById(context.attemptId, { registrationId: 1 }).lean();
  const registration = attempt ? await RegistrationModel.findById(attempt.registrationId, { candidateName: 1, seatNumber: 1, admissionTicketNumber: 1 }).lean() : null;
  try {
    await IncidentModel.create({
      key: incident.key,
      organisationId: new Types.ObjectId(context.organisationId),
      batchId: new Types.ObjectId(context.batchId),
      sessionId: new Types.ObjectId(context.sessionId),
      roomId: new Types.ObjectId(context.roomId),
      attemptId: new Types.ObjectId(context.attemptId),
      candidateId: new Types.ObjectId(context.candidateId),
      candidateName: registration?.candidateName ?? '',
      seat: seatLabel(registration?.seatNumber),
      rule: incident.rule,
      severity: incident.severity,
      at: new Date(incident.at),
      detail: incident.detail,
      handling: null,
    });
  } catch (error) {
    if (isDuplicateKey(error)) return 'duplicate';
    throw error;
  }
  await recordAudit({
    actor: systemActor(context.organisationId),
    action: 'incident.raised',
    target: { kind: 'attempt', id: context.attemptId, label: registration?.admissionTicketNumber ?? `candidate ${context.candidateId}` },
    payload: { key: incident.key, rule: incident.rule, severity: incident.severity, at: new Date(incident.at).toISOString(), detail: incident.detail, batchId: context.batchId, roomId: context.roomId },
  });
  return 'stored';
}
