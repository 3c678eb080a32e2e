/**
 * Who a result belongs to, as filed: name, ID type and number, department — read from the
 * application behind the registration (R9 as filed), falling back to the candidate's account. Used
 * by the publication notice (R11), certificates (R13, R15) and the archive (R16).
 */
import { Types } from 'mongoose';
import { UserModel } from '../identity/user.model';
import { ApplicationModel } from '../plans/application.model';
import type { BatchRecord, BatchScope } from '../plans/batch.model';
import { RegistrationModel } from '../plans/registration.model';
import type { ResultRecord } from '../scoring/result.model';

/** The holder of one result. */
export interface ResultHolder {
  candidateId: string;
  candidateName: string;
  /** Code as stored (`resident_identity_card` or `resident_id` …). */
  idType: string;
  idNumber: string;
  department?: string;
  admissionTicketNumber?: string;
}

/**
 * Holders of `results`, keyed by result id. A result whose registration, application and account
 * are all gone gets an empty name and ID number (never thrown: the notice still lists it).
 */
export async function loadResultHolders(results: readonly Pick<ResultRecord, '_id' | 'registrationId' | 'candidateId'>[]): Promise<Map<string, ResultHolder>> {
  const registrations = await RegistrationModel.find(
    { _id: { $in: results.map((result) => result.registrationId) } },
    { candidateName: 1, department: 1, applicationId: 1, admissionTicketNumber: 1 },
  ).lean();
  const registrationById = new Map(registrations.map((registration) => [String(registration._id), registration]));
  const applicationIds = registrations.flatMap((registration) => (registration.applicationId ? [registration.applicationId] : []));
  const applications = applicationIds.length
    ? await ApplicationModel.find({ _id: { $in: applicationIds } }, { name: 1, idType: 1, idNumber: 1, department: 1 }).lean()
    : [];
  const applicationById = new Map(applications.map((application) => [String(application._id), application]));
  const users = await UserModel.find(
    { _id: { $in: results.map((result) => new Types.ObjectId(String(result.candidateId))) } },
    { name: 1, idType: 1, idNumber: 1 },
  ).lean();
  const userById = new Map(users.map((user) => [String(user._id), user]));
  const holders = new Map<string, ResultHolder>();
  for (const result of results) {
    const registration = registrationById.get(String(result.registrationId));
    const application = registration?.applicationId ? applicationById.get(String(registration.applicationId)) : undefined;
    const user = userById.get(String(result.candidateId));
    const department = application?.department ?? registration?.department;
    holders.set(String(result._id), {
      candidateId: String(result.candidateId),
      candidateName: application?.name ?? registration?.candidateName ?? user?.name ?? '',
      idType: application?.idType ?? user?.idType ?? 'resident_identity_card',
      idNumber: (application?.idNumber ?? user?.idNumber ?? '').toUpperCase(),
      ...(department ? { department } : {}),
      ...(registration?.admissionTicketNumber ? { admissionTicketNumber: registration.admissionTicketNumber } : {}),
    });
  }
  return holders;
}

/**
 * The batch scope a result was assessed in.
 * @returns undefined when the batch no longer lists the scope.
 */
export function findResultScope(batch: Pick<BatchRecord, 'scopes'>, result: Pick<ResultRecord, 'scopeId'>): BatchScope | undefined {
  return batch.scopes.find((scope) => String(scope.scopeId) === String(result.scopeId));
}
