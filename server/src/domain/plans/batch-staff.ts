/**
 * R6 checks of a batch's staff against the user register: each person's platform role fits the
 * batch role, nobody holds two batch roles, assessor grades cover the batch levels, and every
 * room's proctors are exam administrators of the batch.
 */
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import type { Role } from '../../contracts/identity';
import { AppError } from '../../errors';
import { UserModel } from '../identity/user.model';
import type { BatchRoom, BatchStaffRole } from './batch.model';
import { checkStaffAssignments, type StaffAssignmentSummary } from './staff-assignment';

/** Platform roles that may fill each batch role (proctors 监考 act as exam administrators). */
export const platformRolesByBatchRole: Readonly<Record<BatchStaffRole, readonly Role[]>> = Object.freeze({
  exam_admin: ['exam_admin', 'proctor'],
  assessor: ['assessor'],
  supervisor: ['supervisor'],
});

/** One staff entry as requested or stored. */
export interface StaffEntry {
  userId: string;
  role: BatchStaffRole;
}

/** Result of {@link checkBatchStaff}: the R6 summary and the names of the people. */
export interface CheckedBatchStaff {
  summary: StaffAssignmentSummary;
  names: Map<string, string>;
}

/**
 * R6: checks `staff` for a batch of `levels` in `organisationId`.
 * @throws AppError `validation_failed` when a user is unknown, inactive, of another organisation or
 *   lacks the platform role of the batch role; `role_conflict` naming the person and both roles
 *   when someone holds two batch roles; `assessor_not_qualified` when an assessor's grade does not
 *   cover a batch level (assessor 5-3, senior assessor 5-1).
 */
export async function checkBatchStaff(options: {
  organisationId: string;
  staff: readonly StaffEntry[];
  levels: readonly Level[];
}): Promise<CheckedBatchStaff> {
  const ids = [...new Set(options.staff.map((entry) => entry.userId))];
  const users = await UserModel.find({
    _id: { $in: ids.map((id) => new Types.ObjectId(id)) },
    organisationId: new Types.ObjectId(options.organisationId),
  }).lean();
  const byId = new Map(users.map((user) => [String(user._id), user]));
  for (const [index, entry] of options.staff.entries()) {
    const user = byId.get(entry.userId);
    const field = `staff[${index}].userId`;
    if (!user || user.isActive === false) {
      throw new AppError('validation_failed', `${field}: no active user ${entry.userId} in this organisation`, { field });
    }
    const allowed = platformRolesByBatchRole[entry.role];
    if (!user.roles.some((role) => allowed.includes(role))) {
      throw new AppError(
        'validation_failed',
        `${field}: ${user.name} holds the roles ${user.roles.join(', ')}; the batch role ${entry.role} needs one of ${allowed.join(', ')}`,
        { field, userId: entry.userId, role: entry.role },
      );
    }
  }
  const names = new Map(users.map((user) => [String(user._id), user.name]));
  const summary = checkStaffAssignments({
    batchLevels: options.levels,
    assignments: options.staff.map((entry) => ({ personId: entry.userId, personName: names.get(entry.userId) ?? entry.userId, role: entry.role })),
    assessorGrades: Object.fromEntries(users.map((user) => [String(user._id), user.assessorGrade])),
  });
  return { summary, names };
}

/**
 * R6: every proctor of every room must be an exam administrator of the batch.
 * @throws AppError `role_conflict` naming the room and the person otherwise.
 */
export function assertRoomProctors(
  rooms: readonly Pick<BatchRoom, 'name' | 'proctorIds'>[],
  staff: readonly StaffEntry[],
  names: ReadonlyMap<string, string> = new Map(),
): void {
  const examAdministrators = new Set(staff.filter((entry) => entry.role === 'exam_admin').map((entry) => entry.userId));
  for (const room of rooms) {
    for (const proctorId of room.proctorIds.map(String)) {
      if (!examAdministrators.has(proctorId)) {
        const role = staff.find((entry) => entry.userId === proctorId)?.role;
        throw new AppError(
          'role_conflict',
          `R6: ${names.get(proctorId) ?? proctorId} proctors room ${room.name} but is ${role ? `the batch's ${role}` : 'not on the batch staff'}; proctors must be exam administrators of the batch`,
          { ruleId: 'R6', roomName: room.name, userId: proctorId, role: role ?? null },
        );
      }
    }
  }
}
