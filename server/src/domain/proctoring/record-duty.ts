/**
 * Staff on duty (R10 attendance of staff): the console records who watched a room and when.
 */
import { Types } from 'mongoose';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import type { Actor } from '../identity/actor';
import { ProctorDutyModel } from './proctor-duty.model';

/** Records that `actor` opened the room in `capacity` (first join kept, last join updated). */
export async function recordDutyJoin(options: { actor: Actor; access: RoomAccess; capacity: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const { room } = options.access;
  await ProctorDutyModel.updateOne(
    { sessionId: new Types.ObjectId(room.sessionId), roomId: new Types.ObjectId(room.roomId), userId: new Types.ObjectId(options.actor.userId) },
    {
      $set: {
        organisationId: new Types.ObjectId(room.organisationId),
        batchId: new Types.ObjectId(room.batchId),
        name: options.actor.name,
        mode: options.access.mode,
        capacity: options.capacity,
        lastJoinedAt: now,
      },
      $min: { firstJoinedAt: now },
    },
    { upsert: true },
  );
}

/** Records that `actor` left the room. */
export async function recordDutyLeave(options: { actor: Actor; access: RoomAccess; now?: Date }): Promise<void> {
  const { room } = options.access;
  await ProctorDutyModel.updateOne(
    { sessionId: new Types.ObjectId(room.sessionId), roomId: new Types.ObjectId(room.roomId), userId: new Types.ObjectId(options.actor.userId) },
    { $set: { lastLeftAt: options.now ?? new Date() } },
  );
}
