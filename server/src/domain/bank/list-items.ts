/**
 * Lists items with filters and paging; answer keys only for bank roles (R17).
 */
import type { Actor } from '../identity/actor';
import { canSeeAnswerKeys } from './bank-access';
import type { ListItemsQuery } from './bank-contracts';
import { ItemModel, type ItemRecord } from './item.model';
import { presentItem, type ItemView } from './item.presenter';

function escapeRegularExpression(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Items of the actor's organisation filtered by scope, kind, type, status, knowledge point and a
 * case-insensitive text search in stem, options, title and task; ordered by creation (oldest first),
 * paged by `limit` / `offset`.
 * @returns `{ items, total }`, total counting all matches before paging
 */
export async function listItems(options: { query: ListItemsQuery; actor: Actor }): Promise<{ items: ItemView[]; total: number }> {
  const { query, actor } = options;
  const filter: Record<string, unknown> = { organisationId: actor.organisationId };
  if (query.scopeId) filter.scopeId = query.scopeId;
  if (query.kind) filter.kind = query.kind;
  if (query.type) filter.type = query.type;
  if (query.status) filter.status = query.status;
  if (query.knowledgePoint) filter.knowledgePoint = query.knowledgePoint;
  if (query.search) {
    const pattern = new RegExp(escapeRegularExpression(query.search), 'i');
    filter.$or = [{ 'current.stem': pattern }, { 'current.options': pattern }, { 'current.title': pattern }, { 'current.task': pattern }];
  }
  const [items, total] = await Promise.all([
    ItemModel.find(filter).sort({ _id: 1 }).skip(query.offset).limit(query.limit).lean<ItemRecord[]>(),
    ItemModel.countDocuments(filter),
  ]);
  const showKeys = canSeeAnswerKeys(actor);
  return { items: items.map((item) => presentItem(item, showKeys)), total };
}
