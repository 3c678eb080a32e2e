/**
 * A proctor records how an incident was handled when no action was needed (R10), e.g. "network
 * dropped, candidate back at once". Audited `incident.resolved`.
 */
import { Types } from 'mongoose';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import type { IncidentHandledView, ResolveIncidentRequest } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { markIncidentsHandled } from './attempt-in-room';
import { IncidentModel } from './incident.model';

/**
 * Records the note as the incident's handling.
 * @throws AppError `not_found` (no such incident in the room), `conflict` (already handled).
 */
export async function resolveIncident(options: { actor: Actor; access: RoomAccess; request: ResolveIncidentRequest; now?: Date }): Promise<IncidentHandledView> {
  const { actor, access, request } = options;
  const incident = await IncidentModel.findOne({ key: request.incidentId }).lean();
  if (!incident || String(incident.sessionId) !== access.room.sessionId || String(incident.roomId) !== access.room.roomId) {
    throw new AppError('not_found', `Incident ${request.incidentId} not found in room ${access.room.roomName}`);
  }
  if (incident.handling) throw new AppError('conflict', `Incident ${request.incidentId} was already handled by ${incident.handling.byName}`);
  const at = options.now ?? new Date();
  const [view] = await markIncidentsHandled({
    attemptId: String(incident.attemptId),
    incidentIds: [incident.key],
    handling: { kind: 'note', action: null, note: request.note, byUserId: new Types.ObjectId(actor.userId), byName: actor.name, at, actionId: null },
  });
  if (!view) throw new AppError('conflict', `Incident ${request.incidentId} was handled meanwhile`);
  await recordAudit({
    actor,
    action: 'incident.resolved',
    target: { kind: 'attempt', id: String(incident.attemptId) },
    payload: { key: incident.key, rule: incident.rule, note: request.note },
  });
  return view;
}
