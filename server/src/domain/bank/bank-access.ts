/**
 * Who may see what of the bank (R17 confidentiality): the bank roles see answer keys and version
 * history; other staff roles that need items (exam administrators) see them without keys.
 */
import type { Role } from '../../contracts/identity';
import { hasAnyRole, type Actor } from '../identity/actor';

/** Roles that maintain the bank and may see answer keys: admin, bank_editor, bank_reviewer. */
export const bankRoles = ['admin', 'bank_editor', 'bank_reviewer'] as const satisfies readonly Role[];

/** Roles that write items and scopes: admin, bank_editor. */
export const bankEditorRoles = ['admin', 'bank_editor'] as const satisfies readonly Role[];

/** Roles that review items: admin, bank_reviewer. */
export const bankReviewerRoles = ['admin', 'bank_reviewer'] as const satisfies readonly Role[];

/** Roles that may read scopes and items (keys stripped for exam_admin). */
export const bankReaderRoles = ['admin', 'bank_editor', 'bank_reviewer', 'exam_admin'] as const satisfies readonly Role[];

/** True when the actor may see answer keys `answer` of theory items (R17). */
export function canSeeAnswerKeys(actor: Pick<Actor, 'roles'>): boolean {
  return hasAnyRole(actor, bankRoles);
}
