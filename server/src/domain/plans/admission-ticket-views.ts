/**
 * Admission tickets 准考证 as data: for planners per batch, for a candidate their own.
 */
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import { ApplicationModel } from './application.model';
import { BatchModel, type BatchRecord } from './batch.model';
import { idTypeLabels, type IdType } from './id-number';
import { levelNames, loadBatch, sessionDate, sessionKindNames, timeInChina } from './load-batch';
import { loadPlanOrganisation } from './load-plan-settings';
import type { AdmissionTicketView } from './plans.contracts';
import { RegistrationModel, type RegistrationRecord } from './registration.model';

const identityIdTypeNames: Readonly<Record<string, string>> = Object.freeze({
  resident_identity_card: '居民身份证',
  passport: '护照',
  hong_kong_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_residence_card: '外国人永久居留身份证',
});

/**
 * Builds the ticket views of `registrations` of `batch` (ID from the application, else the account).
 */
export async function buildAdmissionTicketViews(batch: BatchRecord, registrations: readonly RegistrationRecord[]): Promise<AdmissionTicketView[]> {
  const organisation = await loadPlanOrganisation(String(batch.organisationId));
  const applications = await ApplicationModel.find(
    { _id: { $in: registrations.flatMap((registration) => (registration.applicationId ? [registration.applicationId] : [])) } },
    { idType: 1, idNumber: 1 },
  ).lean();
  const applicationById = new Map(applications.map((application) => [String(application._id), application]));
  const users = await UserModel.find({ _id: { $in: registrations.map((registration) => registration.candidateId) } }, { idType: 1, idNumber: 1 }).lean();
  const userById = new Map(users.map((user) => [String(user._id), user]));
  const roomById = new Map(batch.rooms.map((room) => [String(room._id), room]));
  const sessionById = new Map(batch.sessions.map((session) => [String(session._id), session]));
  return registrations.map((registration) => {
    const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(registration.scopeId));
    const application = registration.applicationId ? applicationById.get(String(registration.applicationId)) : undefined;
    const user = userById.get(String(registration.candidateId));
    const idTypeName = application
      ? idTypeLabels[application.idType as IdType]
      : (user?.idType && identityIdTypeNames[user.idType]) || '';
    const sessions = (['theory', 'practical', 'review'] as const).flatMap((kind) => {
      const sessionId = registration[`${kind}SessionId`];
      const session = sessionId ? sessionById.get(String(sessionId)) : undefined;
      if (!session) return [];
      const endsAt = new Date(new Date(session.startsAt).getTime() + session.durationMinutes * 60_000);
      const position =
        kind === 'theory' ? `座位 ${registration.seatNumber}` : kind === 'practical' ? `工位 ${registration.workstationNumber ?? '—'}` : '—';
      return [
        {
          sessionId: String(session._id),
          kind,
          kindName: sessionKindNames[kind],
          date: sessionDate(session.startsAt),
          startTime: timeInChina(session.startsAt),
          endTime: timeInChina(endsAt),
          startsAt: new Date(session.startsAt).toISOString(),
          roomName: roomById.get(String(session.roomId))?.name ?? '',
          position,
        },
      ];
    });
    sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return {
      registrationId: String(registration._id),
      batchId: String(batch._id),
      admissionTicketNumber: registration.admissionTicketNumber,
      candidateName: registration.candidateName,
      idTypeName,
      idNumber: application?.idNumber ?? user?.idNumber ?? '',
      ...(registration.department ? { department: registration.department } : {}),
      occupationCode: scope?.occupationCode ?? '',
      occupationName: scope?.occupationName ?? '',
      workType: scope?.workType ?? '',
      level: registration.level as Level,
      levelName: levelNames[registration.level],
      organisationName: organisation.name,
      batchCode: batch.code,
      batchName: batch.name,
      sessions,
    };
  });
}

/**
 * The signed-in candidate's own tickets, newest batch first.
 */
export async function listMyAdmissionTickets(options: { actor: Actor }): Promise<{ tickets: AdmissionTicketView[] }> {
  const registrations = await RegistrationModel.find({
    candidateId: new Types.ObjectId(options.actor.userId),
    organisationId: new Types.ObjectId(options.actor.organisationId),
  })
    .sort({ createdAt: -1 })
    .lean<RegistrationRecord[]>();
  const batches = await BatchModel.find({ _id: { $in: registrations.map((registration) => registration.batchId) } }).lean();
  const tickets: AdmissionTicketView[] = [];
  for (const batch of batches) {
    tickets.push(...(await buildAdmissionTicketViews(batch, registrations.filter((registration) => String(registration.batchId) === String(batch._id)))));
  }
  return { tickets };
}

/**
 * Registrations of a batch in ticket order, for planners.
 * @throws AppError `not_found` when the batch is not the organisation's.
 */
export async function listBatchAdmissionTickets(options: { organisationId: string; batchId: string }): Promise<{ tickets: AdmissionTicketView[] }> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  const registrations = await RegistrationModel.find({ batchId: batch._id }).sort({ admissionTicketNumber: 1 }).lean<RegistrationRecord[]>();
  return { tickets: await buildAdmissionTicketViews(batch, registrations) };
}
