/**
 * Building blocks of item writes shared by the item use cases, imports and blueprint derivation:
 * every content change appends an immutable ItemVersion (with its content hash) and moves
 * `item.current` forward (R17: every change to the bank can be traced).
 */
import { Types, type AnyBulkWriteOperation, type ClientSession } from 'mongoose';
import { computeContentHash } from './content-hash';
import { ItemModel, type ItemContent, type ItemRecord, type ItemStatus } from './item.model';
import { ItemVersionModel, type ItemVersionRecord } from './item-version.model';

/** Fields of a new item besides its content. */
export interface NewItemFields {
  organisationId: string;
  scopeId: string;
  content: ItemContent;
  status: ItemStatus;
  authorId: string;
  reviewerId?: string;
  reviewNote?: string;
  importId?: string;
}

/** A new item and its version 1, not yet stored. */
export interface NewItemDocuments {
  item: Omit<ItemRecord, 'createdAt' | 'updatedAt'>;
  version: Omit<ItemVersionRecord, 'createdAt'>;
}

/** Builds the item (version 1) and its first ItemVersion with a fresh id. */
export function buildNewItem(fields: NewItemFields): NewItemDocuments {
  const itemId = new Types.ObjectId();
  const organisationId = new Types.ObjectId(fields.organisationId);
  const scopeId = new Types.ObjectId(fields.scopeId);
  const authorId = new Types.ObjectId(fields.authorId);
  const { content } = fields;
  const item: NewItemDocuments['item'] = {
    _id: itemId,
    organisationId,
    scopeId,
    kind: content.kind,
    ...(content.kind === 'theory' ? { type: content.type } : {}),
    status: fields.status,
    version: 1,
    current: content,
    ...(content.knowledgePoint ? { knowledgePoint: content.knowledgePoint } : {}),
    distinctFrom: [],
    authorId,
    lastEditedBy: authorId,
    ...(fields.reviewerId ? { reviewerId: new Types.ObjectId(fields.reviewerId) } : {}),
    ...(fields.reviewNote ? { reviewNote: fields.reviewNote } : {}),
    ...(fields.importId ? { importId: new Types.ObjectId(fields.importId) } : {}),
  };
  const version: NewItemDocuments['version'] = {
    _id: new Types.ObjectId(),
    organisationId,
    itemId,
    scopeId,
    version: 1,
    content,
    contentHash: computeContentHash(content),
    createdBy: authorId,
  };
  return { item, version };
}

/** One content change of an existing item. */
export interface ItemContentChange {
  item: Pick<ItemRecord, '_id' | 'organisationId' | 'scopeId' | 'version'>;
  content: ItemContent;
  /** Status after the change; unchanged when absent. */
  status?: ItemStatus;
}

/**
 * Appends version `item.version + 1` for every change and moves `current`, `version`,
 * `knowledgePoint` and `lastEditedBy` forward, guarded by the expected version (optimistic lock).
 * @returns number of items actually updated (less than changes.length means a concurrent edit won)
 */
export async function appendItemVersions(changes: readonly ItemContentChange[], editorId: string, session?: ClientSession): Promise<number> {
  if (changes.length === 0) return 0;
  const editor = new Types.ObjectId(editorId);
  const versions = changes.map((change) => ({
    organisationId: change.item.organisationId,
    itemId: change.item._id,
    scopeId: change.item.scopeId,
    version: change.item.version + 1,
    content: change.content,
    contentHash: computeContentHash(change.content),
    createdBy: editor,
  }));
  await ItemVersionModel.insertMany(versions, session ? { session } : {});
  const operations: AnyBulkWriteOperation<ItemRecord>[] = changes.map((change) => ({
    updateOne: {
      filter: { _id: change.item._id, version: change.item.version },
      update: {
        $set: {
          current: change.content,
          version: change.item.version + 1,
          lastEditedBy: editor,
          ...(change.content.kind === 'theory' ? { type: change.content.type } : {}),
          ...(change.status ? { status: change.status } : {}),
          ...(change.content.knowledgePoint ? { knowledgePoint: change.content.knowledgePoint } : {}),
        },
        ...(change.content.knowledgePoint ? {} : { $unset: { knowledgePoint: 1 } }),
      },
    },
  }));
  const result = await ItemModel.bulkWrite(operations, session ? { session } : {});
  return result.modifiedCount;
}
