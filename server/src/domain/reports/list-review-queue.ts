/**
 * The bank's review queue as fed by item analysis (issue 12; R1 bank upkeep, R17 review): items in
 * `in_review` or `draft` that carry review flags, i.e. flagged and not yet re-approved by a
 * reviewer, newest evidence first, with the evidence of every flag.
 */
import { Types } from 'mongoose';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { ItemModel, type ItemRecord } from '../bank/item.model';
import type { Actor } from '../identity/actor';
import { stemExcerptLength } from './run-item-analysis';

/** One flag on a queued item. */
export interface ReviewQueueFlagView {
  reason: string;
  batchId: string | null;
  at: string;
  evidence: unknown;
}

/** One queued item. */
export interface ReviewQueueItemView {
  itemId: string;
  scopeId: string;
  type: string | null;
  status: string;
  version: number;
  knowledgePoint: string | null;
  stemExcerpt: string;
  /** P of the latest analysis, 0..1. */
  measuredDifficulty: number | null;
  flags: ReviewQueueFlagView[];
}

/** GET /api/reports/review-queue: what {@link listReviewQueue} answers. */
export type ReviewQueueView = Awaited<ReturnType<typeof listReviewQueue>>;

/** Most items listed at once. */
export const reviewQueueLimit = 500;

/**
 * Flagged items awaiting review, newest flag first (at most {@link reviewQueueLimit}).
 * @param options.scopeId only this bank scope
 */
export async function listReviewQueue(options: { actor: Actor; scopeId?: string }): Promise<{ items: ReviewQueueItemView[]; isTruncated: boolean }> {
  const query: Record<string, unknown> = {
    organisationId: new Types.ObjectId(options.actor.organisationId),
    status: { $in: ['in_review', 'draft'] },
    reviewFlags: { $exists: true, $ne: [] },
  };
  if (options.scopeId) query.scopeId = new Types.ObjectId(options.scopeId);
  const items = await ItemModel.find(query, { scopeId: 1, kind: 1, type: 1, status: 1, version: 1, knowledgePoint: 1, current: 1, measuredDifficulty: 1, reviewFlags: 1 }).lean<
    ItemRecord[]
  >();
  const latest = (item: ItemRecord) => Math.max(0, ...(item.reviewFlags ?? []).map((flag) => new Date(flag.at).getTime()));
  const sorted = items.filter((item) => (item.reviewFlags ?? []).length > 0).sort((a, b) => latest(b) - latest(a) || String(a._id).localeCompare(String(b._id)));
  return {
    isTruncated: sorted.length > reviewQueueLimit,
    items: sorted.slice(0, reviewQueueLimit).map((item) => ({
      itemId: String(item._id),
      scopeId: String(item.scopeId),
      type: item.type ?? null,
      status: item.status,
      version: item.version,
      knowledgePoint: item.knowledgePoint ?? null,
      stemExcerpt: item.kind === 'theory' ? (item.current as TheoryItem).stem.slice(0, stemExcerptLength) : '',
      measuredDifficulty: item.measuredDifficulty ?? null,
      flags: (item.reviewFlags ?? []).map((flag) => ({
        reason: flag.reason,
        batchId: flag.batchId ? String(flag.batchId) : null,
        at: new Date(flag.at).toISOString(),
        evidence: flag.evidence,
      })),
    })),
  };
}
