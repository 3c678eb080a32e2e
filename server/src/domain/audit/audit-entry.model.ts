/**
 * Append-only, hash-chained audit log (R10 trace of the whole process, R17 bank changes traced).
 * Entry n stores `previousHash` = hash of entry n-1 and `hash` = SHA-256 of its own canonical
 * record, so editing, deleting, inserting or reordering entries breaks the chain. The unique index
 * on `seq` keeps the chain from forking when two writers race.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Who acted. `userId` is null for the system and for anonymous callers (failed logins). */
export interface AuditActorRecord {
  userId: string | null;
  name: string;
  roles: string[];
}

/** What was acted upon. */
export interface AuditTargetRecord {
  /** Entity kind, e.g. `user`, `organisation`, `session`, `item`, `paper`. */
  kind: string;
  id: string | null;
  label?: string;
}

/** Stored shape of an audit entry. */
export interface AuditEntryRecord {
  _id: Types.ObjectId;
  /** Position in the chain, 1-based, contiguous. */
  seq: number;
  organisationId: Types.ObjectId | null;
  actor: AuditActorRecord;
  /** Dotted verb, e.g. `auth.login`, `user.created`, `organisation.settings_updated`. */
  action: string;
  target: AuditTargetRecord;
  at: Date;
  /** Canonical JSON of the payload (what the digest covers). */
  payloadJson: string;
  /** SHA-256 hex of `payloadJson`. */
  payloadDigest: string;
  /** Hash of entry seq-1; 64 zeros for the first entry. */
  previousHash: string;
  /** SHA-256 hex of the canonical record (see `computeAuditHash`). */
  hash: string;
}

const auditEntrySchema = new Schema<AuditEntryRecord>(
  {
    seq: { type: Number, required: true },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', default: null },
    actor: {
      userId: { type: String, default: null },
      name: { type: String, required: true },
      roles: { type: [String], default: [] },
    },
    action: { type: String, required: true },
    target: {
      kind: { type: String, required: true },
      id: { type: String, default: null },
      label: { type: String },
    },
    at: { type: Date, required: true },
    payloadJson: { type: String, required: true },
    payloadDigest: { type: String, required: true },
    previousHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'audit_entries', versionKey: false },
);

auditEntrySchema.index({ seq: 1 }, { unique: true });
auditEntrySchema.index({ organisationId: 1, seq: -1 });
auditEntrySchema.index({ 'target.kind': 1, 'target.id': 1, seq: -1 });

/** Audit entry model (collection `audit_entries`). Never update or delete through it. */
export const AuditEntryModel: Model<AuditEntryRecord> =
  (mongoose.models.AuditEntry as Model<AuditEntryRecord> | undefined) ?? model<AuditEntryRecord>('AuditEntry', auditEntrySchema);
