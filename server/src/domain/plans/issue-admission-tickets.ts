/**
 * Admission 准考证: eligible applications of a filed batch become candidate accounts (created, or
 * matched by ID number) and registrations with a unique ticket number, a room and seat for the
 * theory session, a workstation for the practical session (R21) and a review session for levels
 * 2/1. The ticket number is added to the account's admission ticket numbers, so the candidate can
 * log in with ID number + ticket number + password.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { IdType as IdentityIdType } from '../../contracts/identity';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { hashPassword } from '../identity/passwords';
import { UserModel } from '../identity/user.model';
import { recordAudit } from '../audit/record-audit';
import { ApplicationModel, type ApplicationRecord } from './application.model';
import { BatchModel, type BatchRecord, type BatchSession } from './batch.model';
import type { IdType } from './id-number';
import { assertBatchStatus, loadBatch, sessionDate } from './load-batch';
import { reserveCounterValues } from './plan-counter.model';
import type { IssuedAdmissionTicketsView, IssueAdmissionTicketsRequest } from './plans.contracts';
import { RegistrationModel, type RegistrationRecord } from './registration.model';
import { presentRegistration } from './registration.presenter';
import { runInTransaction } from '../../db/run-in-transaction';

/** Plans ID types → identity ID types of user accounts (no identity type for residence permits). */
export const identityIdTypeByPlanIdType: Readonly<Record<IdType, IdentityIdType | undefined>> = Object.freeze({
  resident_id: 'resident_identity_card',
  residence_permit: undefined,
  passport: 'passport',
  hk_macau_permit: 'hong_kong_macao_permit',
  taiwan_permit: 'taiwan_permit',
});

const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random 12-character initial password without look-alike characters. */
export function generateInitialPassword(): string {
  let password = '';
  for (let index = 0; index < 12; index += 1) password += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return password;
}

/** Seat and session allocation of one application. */
interface Allocation {
  application: ApplicationRecord;
  roomId: Types.ObjectId;
  seatNumber: number;
  theorySessionId?: Types.ObjectId;
  practicalSessionId?: Types.ObjectId;
  reviewSessionId?: Types.ObjectId;
  workstationNumber?: number;
}

function lowestFree(used: Set<number>, capacity: number): number | undefined {
  for (let number = 1; number <= capacity; number += 1) if (!used.has(number)) return number;
  return undefined;
}

/**
 * Allocates sessions, rooms, seats and workstations: theory sessions fill in time order up to the
 * room's seats, practical sessions up to its workstations, review sessions are balanced. The seat
 * is in the theory room (or the practical room, where it equals the workstation, without theory).
 * @throws AppError `infeasible` naming each scope and what is short.
 */
export function allocateSeats(batch: BatchRecord, applications: readonly ApplicationRecord[], existing: readonly RegistrationRecord[]): Allocation[] {
  const roomById = new Map(batch.rooms.map((room) => [String(room._id), room]));
  const seatsUsed = new Map<string, Set<number>>();
  const workstationsUsed = new Map<string, Set<number>>();
  const reviewCounts = new Map<string, number>();
  const mark = (map: Map<string, Set<number>>, key: string, value: number) => map.set(key, (map.get(key) ?? new Set()).add(value));
  for (const registration of existing) {
    const primary = registration.theorySessionId ?? registration.practicalSessionId ?? registration.reviewSessionId;
    if (primary) mark(seatsUsed, String(primary), registration.seatNumber);
    if (registration.practicalSessionId && registration.workstationNumber) {
      mark(workstationsUsed, String(registration.practicalSessionId), registration.workstationNumber);
    }
    if (registration.reviewSessionId) reviewCounts.set(String(registration.reviewSessionId), (reviewCounts.get(String(registration.reviewSessionId)) ?? 0) + 1);
  }
  const byTime = (a: BatchSession, b: BatchSession) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime();
  const shortfalls: string[] = [];
  const allocations: Allocation[] = [];
  for (const scope of batch.scopes) {
    const own = applications.filter((application) => String(application.scopeId) === String(scope.scopeId));
    if (own.length === 0) continue;
    const sessions = batch.sessions.filter((session) => String(session.scopeId) === String(scope.scopeId)).sort(byTime);
    const theory = sessions.filter((session) => session.kind === 'theory');
    const practical = sessions.filter((session) => session.kind === 'practical');
    const review = sessions.filter((session) => session.kind === 'review');
    const label = `${scope.occupationName} ${scope.workType} level ${scope.level}`;
    if (sessions.length === 0) {
      shortfalls.push(`${label}: no sessions`);
      continue;
    }
    let missingSeats = 0;
    let missingWorkstations = 0;
    for (const application of own) {
      let theoryPick: { session: BatchSession; seat: number } | undefined;
      for (const session of theory) {
        const seat = lowestFree(seatsUsed.get(String(session._id)) ?? new Set(), roomById.get(String(session.roomId))?.seats ?? 0);
        if (seat !== undefined) {
          theoryPick = { session, seat };
          break;
        }
      }
      let practicalPick: { session: BatchSession; workstation: number } | undefined;
      for (const session of practical) {
        const workstation = lowestFree(workstationsUsed.get(String(session._id)) ?? new Set(), roomById.get(String(session.roomId))?.workstations ?? 0);
        if (workstation !== undefined) {
          practicalPick = { session, workstation };
          break;
        }
      }
      const reviewPick = [...review].sort((a, b) => (reviewCounts.get(String(a._id)) ?? 0) - (reviewCounts.get(String(b._id)) ?? 0))[0];
      // Places found are taken even when another is missing, so the shortfall counts are exact.
      if (theoryPick) mark(seatsUsed, String(theoryPick.session._id), theoryPick.seat);
      if (practicalPick) mark(workstationsUsed, String(practicalPick.session._id), practicalPick.workstation);
      if (theory.length > 0 && !theoryPick) missingSeats += 1;
      if (practical.length > 0 && !practicalPick) missingWorkstations += 1;
      if ((theory.length > 0 && !theoryPick) || (practical.length > 0 && !practicalPick)) continue;
      if (reviewPick) reviewCounts.set(String(reviewPick._id), (reviewCounts.get(String(reviewPick._id)) ?? 0) + 1);
      let roomId: Types.ObjectId;
      let seatNumber: number;
      if (theoryPick) {
        roomId = theoryPick.session.roomId;
        seatNumber = theoryPick.seat;
      } else if (practicalPick) {
        roomId = practicalPick.session.roomId;
        seatNumber = practicalPick.workstation;
      } else {
        roomId = reviewPick.roomId;
        seatNumber = (reviewCounts.get(String(reviewPick._id)) ?? 1);
        mark(seatsUsed, String(reviewPick._id), seatNumber);
      }
      allocations.push({
        application,
        roomId,
        seatNumber,
        ...(theoryPick ? { theorySessionId: theoryPick.session._id } : {}),
        ...(practicalPick ? { practicalSessionId: practicalPick.session._id, workstationNumber: practicalPick.workstation } : {}),
        ...(reviewPick ? { reviewSessionId: reviewPick._id } : {}),
      });
    }
    if (missingSeats > 0) shortfalls.push(`${label}: ${missingSeats} more theory seat(s) needed`);
    if (missingWorkstations > 0) shortfalls.push(`${label}: ${missingWorkstations} more practical workstation(s) needed (R21)`);
  }
  if (shortfalls.length > 0) {
    throw new AppError('infeasible', `Not enough places to admit everyone: ${shortfalls.join('; ')}; add rooms or sessions`, { shortfalls });
  }
  return allocations;
}

async function ensureTicketPrefix(batch: BatchRecord): Promise<string> {
  if (batch.admissionTicketPrefix) return batch.admissionTicketPrefix;
  const firstSession = [...batch.sessions].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())[0];
  const year = firstSession ? sessionDate(firstSession.startsAt).slice(0, 4) : String(new Date().getUTCFullYear());
  const serial = await reserveCounterValues(`ticket-prefix:${year}`, 1);
  const prefix = `${year}${String(serial).padStart(4, '0')}`;
  const updated = await BatchModel.findOneAndUpdate(
    { _id: batch._id, admissionTicketPrefix: { $exists: false } },
    { $set: { admissionTicketPrefix: prefix } },
    { returnDocument: 'after' },
  ).lean();
  if (updated?.admissionTicketPrefix) return updated.admissionTicketPrefix;
  const again = await BatchModel.findById(batch._id, { admissionTicketPrefix: 1 }).lean();
  return again!.admissionTicketPrefix!;
}

/**
 * Admits eligible applications of a filed (or announced) batch — `applicationIds`, or every
 * eligible one — and issues their admission tickets; audits `admission_tickets.issued` (ticket
 * numbers, accounts created; never passwords). All writes (accounts, registrations, applications,
 * audit) commit together.
 * @returns the new registrations and, once, the initial passwords of accounts created now.
 * @throws AppError `not_found`; `conflict` when the batch is not filed/announced;
 *   `precondition_failed` when a listed application is not eligible (its R9 reasons quoted) or not
 *   in the batch; `infeasible` when seats or workstations run out (R21).
 */
export async function issueAdmissionTickets(options: {
  batchId: string;
  request: IssueAdmissionTicketsRequest;
  actor: Actor;
}): Promise<IssuedAdmissionTicketsView> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['filed', 'announced'], 'issuing admission tickets');
  const requestedIds = options.request.applicationIds;
  const filter: Record<string, unknown> = { batchId: batch._id };
  if (requestedIds) filter._id = { $in: requestedIds.map((id) => new Types.ObjectId(id)) };
  else filter.status = 'eligible';
  const found = await ApplicationModel.find(filter).sort({ createdAt: 1, rosterRow: 1, _id: 1 }).lean<ApplicationRecord[]>();
  if (requestedIds) {
    const foundIds = new Set(found.map((application) => String(application._id)));
    const missing = requestedIds.filter((id) => !foundIds.has(id));
    const notEligible = found.filter((application) => application.status !== 'eligible');
    if (missing.length > 0 || notEligible.length > 0) {
      const problems = [
        ...missing.map((id) => `application ${id} is not in batch ${batch.code}`),
        ...notEligible.map((application) =>
          application.status === 'admitted'
            ? `${application.name} (${application.idNumber}) is already admitted`
            : `${application.name} (${application.idNumber}) is not eligible: ${application.eligibility.reasons.join('; ')}`,
        ),
      ];
      throw new AppError('precondition_failed', `Cannot admit: ${problems.join('; ')}`, { problems });
    }
  }
  if (found.length === 0) return { issued: [], initialPasswords: [] };

  const existing = await RegistrationModel.find({ batchId: batch._id }).lean<RegistrationRecord[]>();
  const allocations = allocateSeats(batch, found, existing);
  const prefix = await ensureTicketPrefix(batch);
  const firstSequence = await reserveCounterValues(`ticket:${String(batch._id)}`, allocations.length);

  const organisationId = batch.organisationId;
  const idNumbers = [...new Set(allocations.map((allocation) => allocation.application.idNumber))];
  const users = await UserModel.find({ organisationId, roles: 'candidate', idNumber: { $in: idNumbers } }, { _id: 1, idNumber: 1 }).lean();
  const userByIdNumber = new Map(users.map((user) => [user.idNumber!, user._id]));
  const newUsers: { _id: Types.ObjectId; idNumber: string; name: string; idType?: IdentityIdType; password: string; admissionTicketNumbers: string[] }[] = [];
  const ticketsByExistingUser = new Map<string, string[]>();
  const registrations: Omit<RegistrationRecord, 'createdAt' | 'updatedAt'>[] = allocations.map((allocation, index) => {
    const { application } = allocation;
    const admissionTicketNumber = `${prefix}${String(firstSequence + index).padStart(4, '0')}`;
    let candidateId = userByIdNumber.get(application.idNumber) ?? application.candidateId;
    if (candidateId) {
      ticketsByExistingUser.set(String(candidateId), [...(ticketsByExistingUser.get(String(candidateId)) ?? []), admissionTicketNumber]);
    } else {
      const pending = newUsers.find((user) => user.idNumber === application.idNumber);
      if (pending) {
        pending.admissionTicketNumbers.push(admissionTicketNumber);
        candidateId = pending._id;
      } else {
        candidateId = new Types.ObjectId();
        newUsers.push({
          _id: candidateId,
          idNumber: application.idNumber,
          name: application.name,
          idType: identityIdTypeByPlanIdType[application.idType],
          password: generateInitialPassword(),
          admissionTicketNumbers: [admissionTicketNumber],
        });
      }
    }
    return {
      _id: new Types.ObjectId(),
      organisationId,
      batchId: batch._id,
      candidateId,
      applicationId: application._id,
      scopeId: application.scopeId,
      level: application.level,
      admissionTicketNumber,
      roomId: allocation.roomId,
      seatNumber: allocation.seatNumber,
      ...(allocation.theorySessionId ? { theorySessionId: allocation.theorySessionId } : {}),
      ...(allocation.practicalSessionId ? { practicalSessionId: allocation.practicalSessionId } : {}),
      ...(allocation.reviewSessionId ? { reviewSessionId: allocation.reviewSessionId } : {}),
      ...(allocation.workstationNumber !== undefined ? { workstationNumber: allocation.workstationNumber } : {}),
      attendanceBySession: [],
      candidateName: application.name,
      ...(application.department ? { department: application.department } : {}),
    };
  });
  const passwordHashes = await Promise.all(newUsers.map((user) => hashPassword(user.password)));

  await runInTransaction(async (session) => {
    if (newUsers.length > 0) {
      await UserModel.insertMany(
        newUsers.map((user, index) => ({
          _id: user._id,
          organisationId,
          name: user.name,
          roles: ['candidate'],
          passwordHash: passwordHashes[index],
          ...(user.idType ? { idType: user.idType } : {}),
          idNumber: user.idNumber,
          admissionTicketNumbers: user.admissionTicketNumbers,
          isActive: true,
        })),
        { session },
      );
    }
    for (const [userId, tickets] of ticketsByExistingUser) {
      await UserModel.updateOne({ _id: new Types.ObjectId(userId) }, { $addToSet: { admissionTicketNumbers: { $each: tickets } } }, { session });
    }
    await RegistrationModel.insertMany(registrations, { session });
    for (const registration of registrations) {
      const updated = await ApplicationModel.updateOne(
        { _id: registration.applicationId, status: 'eligible' },
        { $set: { status: 'admitted', registrationId: registration._id, candidateId: registration.candidateId } },
        { session },
      );
      if (updated.modifiedCount !== 1) {
        throw new AppError('conflict', `Application ${String(registration.applicationId)} changed while admitting; try again`);
      }
    }
    await recordAudit(
      {
        actor,
        action: 'admission_tickets.issued',
        target: { kind: 'batch', id: String(batch._id), label: batch.code },
        payload: {
          count: registrations.length,
          tickets: registrations.map((registration) => ({
            admissionTicketNumber: registration.admissionTicketNumber,
            applicationId: String(registration.applicationId),
            candidateId: String(registration.candidateId),
            roomId: String(registration.roomId),
            seatNumber: registration.seatNumber,
            workstationNumber: registration.workstationNumber ?? null,
          })),
          accountsCreated: newUsers.map((user) => String(user._id)),
        },
      },
      session,
    );
  });

  const stored = await RegistrationModel.find({ _id: { $in: registrations.map((registration) => registration._id) } })
    .sort({ admissionTicketNumber: 1 })
    .lean<RegistrationRecord[]>();
  const ticketOfUser = new Map(registrations.map((registration) => [String(registration.candidateId), registration.admissionTicketNumber]));
  return {
    issued: stored.map((registration) => presentRegistration(registration, batch)),
    initialPasswords: newUsers.map((user) => ({
      admissionTicketNumber: ticketOfUser.get(String(user._id)) ?? user.admissionTicketNumbers[0],
      idNumber: user.idNumber,
      name: user.name,
      password: user.password,
    })),
  };
}
