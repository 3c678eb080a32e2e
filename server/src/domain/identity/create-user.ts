/**
 * Creates a staff account or a candidate in the actor's organisation (R17 account management).
 */
import type { CreateUserRequest } from '../../contracts/identity';
import { AppError } from '../../errors';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { hashPassword } from './passwords';
import { UserModel, type UserRecord } from './user.model';
import { presentUser } from './user.presenter';
import type { UserSummary } from '../../contracts/identity';

/**
 * Creates a user (password hashed with argon2id) in `organisationId` and audits `user.created`
 * (the payload never holds the password).
 * @throws AppError `duplicate` (409) when the username is taken, or when a candidate with the same ID
 *   number already exists in the organisation; `validation_failed` for role/field mismatches the
 *   contract did not catch.
 */
export async function createUser(options: {
  request: CreateUserRequest;
  organisationId: string;
  actor: AuditActor;
}): Promise<UserSummary> {
  const { request, organisationId } = options;
  const isCandidate = request.roles.includes('candidate');
  if (isCandidate && request.roles.length > 1) {
    throw new AppError('validation_failed', 'roles: a candidate account holds no staff role', { field: 'roles' });
  }
  if (request.username && (await UserModel.exists({ username: request.username }))) {
    throw new AppError('duplicate', `username: "${request.username}" is already taken`, { field: 'username' });
  }
  if (isCandidate && (await UserModel.exists({ organisationId, idNumber: request.idNumber, roles: 'candidate' }))) {
    throw new AppError('duplicate', `idNumber: a candidate with ID number ${request.idNumber} already exists`, {
      field: 'idNumber',
    });
  }
  const passwordHash = await hashPassword(request.password);
  let created;
  try {
    created = await UserModel.create({
      organisationId,
      name: request.name,
      roles: [...new Set(request.roles)],
      username: request.username,
      passwordHash,
      assessorGrade: request.assessorGrade,
      idType: request.idType,
      idNumber: request.idNumber,
      admissionTicketNumbers: request.admissionTicketNumbers ?? [],
    });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new AppError('duplicate', `username: "${request.username}" is already taken`, { field: 'username' });
    }
    throw error;
  }
  const user = created.toObject() as UserRecord;
  await recordAudit({
    actor: options.actor,
    organisationId,
    action: 'user.created',
    target: { kind: 'user', id: String(user._id), label: user.username ?? user.idNumber ?? user.name },
    payload: {
      name: user.name,
      roles: user.roles,
      username: user.username ?? null,
      assessorGrade: user.assessorGrade ?? null,
      idType: user.idType ?? null,
      idNumber: user.idNumber ?? null,
      admissionTicketNumbers: user.admissionTicketNumbers,
    },
  });
  return presentUser(user);
}
