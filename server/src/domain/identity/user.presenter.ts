/**
 * Plain JSON of a user for administrators; never the password hash.
 */
import type { UserSummary } from '../../contracts/identity';
import type { UserRecord } from './user.model';

/** Presents a stored user as {@link UserSummary}. */
export function presentUser(user: UserRecord): UserSummary {
  return {
    id: String(user._id),
    organisationId: String(user.organisationId),
    name: user.name,
    roles: [...user.roles],
    ...(user.username ? { username: user.username } : {}),
    ...(user.assessorGrade ? { assessorGrade: user.assessorGrade } : {}),
    ...(user.idType ? { idType: user.idType } : {}),
    ...(user.idNumber ? { idNumber: user.idNumber } : {}),
    admissionTicketNumbers: [...(user.admissionTicketNumbers ?? [])],
    isActive: user.isActive !== false,
    createdAt: new Date(user.createdAt).toISOString(),
    ...(user.lastLoginAt ? { lastLoginAt: new Date(user.lastLoginAt).toISOString() } : {}),
  };
}
