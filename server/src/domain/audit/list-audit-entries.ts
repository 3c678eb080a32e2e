/**
 * Reads the audit trail of one organisation, newest first (R10, R17).
 */
import { Types } from 'mongoose';
import { AuditEntryModel } from './audit-entry.model';
import { presentAuditEntry, type AuditEntryView } from './audit-entry.presenter';

/**
 * Entries of `organisationId`, newest first, optionally only of one action or target, and only
 * those with seq below `beforeSeq` (paging). At most `limit` (1-500) entries.
 */
export async function listAuditEntries(options: {
  organisationId: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  beforeSeq?: number;
  limit: number;
}): Promise<AuditEntryView[]> {
  const filter: Record<string, unknown> = { organisationId: new Types.ObjectId(options.organisationId) };
  if (options.action) filter.action = options.action;
  if (options.targetKind) filter['target.kind'] = options.targetKind;
  if (options.targetId) filter['target.id'] = options.targetId;
  if (options.beforeSeq !== undefined) filter.seq = { $lt: options.beforeSeq };
  const entries = await AuditEntryModel.find(filter).sort({ seq: -1 }).limit(options.limit).lean();
  return entries.map(presentAuditEntry);
}
