/**
 * The acting user of a request or socket: what use cases receive instead of `req` (house rule 2).
 */
import type { AssessorGrade, Role } from '../../contracts/identity';

/** The signed-in user, set on `req.actor` by `authenticate`. Ids are hex ObjectId strings. */
export interface Actor {
  userId: string;
  organisationId: string;
  roles: Role[];
  /** Present for assessors (R6: `assessor` levels 5-3, `senior_assessor` levels 5-1). */
  assessorGrade?: AssessorGrade;
  name: string;
  /** Admission ticket number of a candidate session. */
  admissionTicketNumber?: string;
}

/** True when the actor holds at least one of `roles`. */
export function hasAnyRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
