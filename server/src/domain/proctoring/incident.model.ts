/**
 * Incident storage (R10: irregularities and their handling are recorded). One document per incident
 * raised by the proctoring rules, keyed by the rule engine's deterministic `key`, so an incident
 * raised on several server processes is stored once (unique index). `handling` records how it was
 * dealt with: by a proctor action or by a note.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import { incidentRuleIds, incidentSeverities, type IncidentRuleId, type IncidentSeverity } from '@skillcert/proctoring/rules/incident';

/** How an incident was handled. */
export interface IncidentHandlingRecord {
  kind: 'action' | 'note';
  /** The proctor action (or `void_request`) that handled it; null for a note. */
  action: string | null;
  note: string;
  byUserId: Types.ObjectId;
  byName: string;
  at: Date;
  /** The action record, when handled by an action. */
  actionId?: Types.ObjectId | null;
}

/** Stored shape of an incident. */
export interface IncidentRecord {
  _id: Types.ObjectId;
  /** `<attemptId>:<rule>:<episode>` from the rule engine; the public id of the incident. */
  key: string;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  attemptId: Types.ObjectId;
  candidateId: Types.ObjectId;
  /** Denormalised from the registration for the feed and the room record. */
  candidateName: string;
  seat: string | null;
  rule: IncidentRuleId;
  severity: IncidentSeverity;
  /** Server time the rule fired. */
  at: Date;
  /** Rule facts (durations in ms, changed fields, …). */
  detail: Record<string, string | number | boolean | null>;
  handling: IncidentHandlingRecord | null;
  createdAt: Date;
  updatedAt: Date;
}

const incidentSchema = new Schema<IncidentRecord>(
  {
    key: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    attemptId: { type: Schema.Types.ObjectId, ref: 'Attempt', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    candidateName: { type: String, default: '' },
    seat: { type: String, default: null },
    rule: { type: String, enum: incidentRuleIds, required: true },
    severity: { type: String, enum: incidentSeverities, required: true },
    at: { type: Date, required: true },
    detail: { type: Schema.Types.Mixed, default: () => ({}) },
    handling: {
      type: new Schema<IncidentHandlingRecord>(
        {
          kind: { type: String, enum: ['action', 'note'], required: true },
          action: { type: String, default: null },
          note: { type: String, required: true },
          byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          byName: { type: String, required: true },
          at: { type: Date, required: true },
          actionId: { type: Schema.Types.ObjectId, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true, collection: 'proctoring_incidents', minimize: false },
);

incidentSchema.index({ key: 1 }, { unique: true });
incidentSchema.index({ sessionId: 1, roomId: 1, at: 1 });
incidentSchema.index({ attemptId: 1, at: 1 });
incidentSchema.index({ batchId: 1 });

/** Incident model (collection `proctoring_incidents`). */
export const IncidentModel: Model<IncidentRecord> =
  (mongoose.models.ProctoringIncident as Model<IncidentRecord> | undefined) ?? model<IncidentRecord>('ProctoringIncident', incidentSchema);
