/**
 * Bank import, step 2: imports every item of a dry run ALL-OR-NOTHING — items, their version 1,
 * pictures, the derived blueprint (when the scope has none) and the audit entry commit in one
 * transaction, or nothing is written (R1, R17).
 */
import { assertImportable } from '@skillcert/bank-tools/importers/assert-importable';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { hasAnyRole, type Actor } from '../identity/actor';
import { assignKnowledgePoints } from './assign-knowledge-points';
import type { ConfirmImportRequest } from './bank-contracts';
import { emitImportProgress } from './bank-events';
import { BankImportModel, type BankImportRecord } from './bank-import.model';
import { presentBankImport, type BankImportView } from './bank-import.presenter';
import { translateBankToolErrors } from './bank-tool-errors';
import { applyDerivedBlueprint } from './derive-scope-blueprint';
import { ItemModel } from './item.model';
import { ItemImageModel } from './item-image.model';
import { ItemVersionModel } from './item-version.model';
import { buildNewItem } from './item-writes';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { describeScope, requireScope } from './require-scope';
import { runInTransaction } from '../../db/run-in-transaction';

/** Items written per insert (and per progress event). */
const chunkSize = 250;

function mediaType(extension: string): string {
  const lower = extension.toLowerCase();
  if (lower === 'jpg' || lower === 'jpeg') return 'image/jpeg';
  if (lower === 'png' || lower === 'gif' || lower === 'webp' || lower === 'bmp') return `image/${lower}`;
  if (lower === 'emf' || lower === 'wmf') return `image/x-${lower}`;
  return 'application/octet-stream';
}

/**
 * Confirms the pending import `importId` of `scopeId` with the given status: `draft` (default) or
 * `approved` (only a bank_reviewer may import approved items; they are recorded as reviewed by the
 * confirming reviewer with the note "approved on import"). Emits `bank.import_progress` (phase
 * `write`) per chunk, refreshes duplicate clusters after commit.
 * @returns the import report with the new item ids
 * @throws AppError `not_found` (scope or import), `conflict` (already confirmed), `precondition_failed`
 *   (expired), `validation_failed` listing every rejected row (nothing is written), `forbidden`
 *   (approved without bank_reviewer).
 */
export async function confirmBankImport(options: {
  scopeId: string;
  importId: string;
  request: ConfirmImportRequest;
  actor: Actor;
}): Promise<BankImportView> {
  const { scopeId, importId, request, actor } = options;
  const scope = await requireScope(actor.organisationId, scopeId);
  const pending = await BankImportModel.findOne({ _id: importId, organisationId: actor.organisationId, scopeId }).lean<BankImportRecord>();
  if (!pending) throw new AppError('not_found', `importId: import ${importId} of scope ${scopeId} does not exist`);
  if (pending.status === 'confirmed') throw new AppError('conflict', `import ${importId} (${pending.fileName}) was already confirmed`);
  if (pending.expiresAt.getTime() < Date.now()) {
    throw new AppError('precondition_failed', `import ${importId} (${pending.fileName}) expired at ${pending.expiresAt.toISOString()}; upload the file again`);
  }
  await translateBankToolErrors(
    () =>
      assertImportable({
        file: pending.fileName,
        items: pending.items,
        rejected: pending.rejected,
        warnings: [],
        dataRows: pending.dataRows,
        sheets: [],
        counts: pending.counts,
        images: [],
        readMs: 0,
        parseMs: 0,
      }),
    pending.fileName,
  );
  if (request.status === 'approved' && !hasAnyRole(actor, ['bank_reviewer'])) {
    throw new AppError('forbidden', 'status: importing items as approved requires the bank_reviewer role (R17 review)');
  }
  if (pending.items.length === 0) throw new AppError('validation_failed', `${pending.fileName}: the file holds no items`);

  const total = pending.items.length;
  const progress = (done: number) =>
    emitImportProgress({ importId, organisationId: actor.organisationId, scopeId, userId: actor.userId, phase: 'write', done, total });
  const reviewNote = request.status === 'approved' ? `approved on import of ${pending.fileName} (sha256 ${pending.fileSha256.slice(0, 12)})` : undefined;

  const outcome = await runInTransaction(async (session) => {
    const fresh = await requireScope(actor.organisationId, scopeId, session);
    let items: TheoryItem[];
    let blueprintDerived = false;
    let reassignedItems = 0;
    let unmatchedKnowledgePoints = 0;
    if (fresh.blueprint) {
      const assignment = assignKnowledgePoints(pending.items, fresh.blueprint);
      items = assignment.items;
      unmatchedKnowledgePoints = assignment.unmatched;
    } else {
      const derived = await applyDerivedBlueprint({ scope: fresh, newItems: pending.items, editorId: actor.userId, session });
      items = derived.newItems;
      blueprintDerived = true;
      reassignedItems = derived.reassignedItems;
    }
    const built = items.map((content) =>
      buildNewItem({
        organisationId: actor.organisationId,
        scopeId,
        content,
        status: request.status,
        authorId: actor.userId,
        ...(request.status === 'approved' ? { reviewerId: actor.userId, reviewNote } : {}),
        importId,
      }),
    );
    progress(0);
    for (let start = 0; start < built.length; start += chunkSize) {
      const chunk = built.slice(start, start + chunkSize);
      await ItemModel.insertMany(
        chunk.map((entry) => entry.item),
        { session },
      );
      await ItemVersionModel.insertMany(
        chunk.map((entry) => entry.version),
        { session },
      );
      progress(Math.min(total, start + chunk.length));
    }
    for (const image of pending.images ?? []) {
      await ItemImageModel.updateOne(
        { organisationId: actor.organisationId, imageId: image.imageId },
        { $setOnInsert: { organisationId: actor.organisationId, imageId: image.imageId, contentType: mediaType(image.extension), data: image.data } },
        { upsert: true, session },
      );
    }
    const confirmedAt = new Date();
    const updated = await BankImportModel.updateOne(
      { _id: importId, status: 'pending' },
      {
        $set: { status: 'confirmed', confirmedAt, confirmedBy: new Types.ObjectId(actor.userId), confirmedStatus: request.status, items: [], images: [] },
      },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `import ${importId} was confirmed meanwhile`);
    const itemIds = built.map((entry) => String(entry.item._id));
    await recordAudit(
      {
        actor,
        action: 'bank_import.confirmed',
        target: { kind: 'bank_import', id: importId, label: pending.fileName },
        payload: {
          scopeId,
          scope: describeScope(scope),
          fileName: pending.fileName,
          fileSha256: pending.fileSha256,
          status: request.status,
          counts: pending.counts,
          blueprintDerived,
          reassignedItems,
          unmatchedKnowledgePoints,
          itemIds,
        },
      },
      session,
    );
    return { itemIds };
  });
  await refreshDuplicateClusters(scopeId);
  const record = await BankImportModel.findById(importId).lean<BankImportRecord>();
  return presentBankImport(record!, { itemIds: outcome.itemIds });
}
