/**
 * Bank import, step 1 (dry run): reads the uploaded xlsx / JSON, reports counts, every rejected row
 * (row, column, reason), warnings, knowledge-point matching and duplicates, and keeps the parsed
 * items under an import id that step 2 (confirm) imports all-or-nothing (R1, R2, R17). Writes no item.
 */
import { createHash } from 'node:crypto';
import { deriveBlueprint } from '@skillcert/bank-tools/blueprint/derive-blueprint';
import { duplicateKey, findDuplicates } from '@skillcert/bank-tools/duplicates/find-duplicates';
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { assignKnowledgePoints } from './assign-knowledge-points';
import { emitImportProgress } from './bank-events';
import { BankImportModel, bankImportLifetimeMs, type BankImportRecord } from './bank-import.model';
import { presentBankImport, type BankImportView, type ImportAnalysis } from './bank-import.presenter';
import { countDistinctItems } from './derive-scope-blueprint';
import { ItemModel, type ItemRecord } from './item.model';
import { parseBankFile } from './parse-bank-file';
import type { Upload } from './read-upload';
import { describeScope, requireScope } from './require-scope';

/**
 * Parses the upload for `scopeId`, emits `bank.import_progress` (phase `parse`) while reading,
 * stores the pending import (valid 24 h) and audits `bank_import.previewed`.
 * @returns the report; `importId` is the token to confirm with, `canConfirm` false when rows were rejected
 * @throws AppError `not_found` (scope), `validation_failed` (not an xlsx / JSON bank, no header row).
 */
export async function previewBankImport(options: { scopeId: string; upload: Upload; actor: Actor }): Promise<BankImportView> {
  const { scopeId, upload, actor } = options;
  const scope = await requireScope(actor.organisationId, scopeId);
  const importId = new Types.ObjectId();
  const progress = (done: number, total: number) =>
    emitImportProgress({ importId: String(importId), organisationId: actor.organisationId, scopeId, userId: actor.userId, phase: 'parse', done, total });
  const parsed = await parseBankFile(upload.fileName, upload.bytes, progress);
  const { report } = parsed;

  const inFile = findDuplicates(report.items.map((item, index) => ({ id: String(index), type: item.type, stem: item.stem, options: item.options, images: item.images })));
  const existing = await ItemModel.find({ scopeId, kind: 'theory', status: { $ne: 'retired' } }, { current: 1 }).lean<Pick<ItemRecord, 'current'>[]>();
  const existingKeys = new Set(existing.map((item) => (item.current.kind === 'theory' ? duplicateKey(item.current) : '')));
  const alreadyInScope = report.items.filter((item) => existingKeys.has(duplicateKey(item))).length;
  let knowledge: Pick<ImportAnalysis, 'blueprint' | 'unmatchedKnowledgePoints' | 'derivedLeaves' | 'derivedStructure'>;
  if (scope.blueprint) {
    knowledge = { blueprint: 'existing', unmatchedKnowledgePoints: assignKnowledgePoints(report.items, scope.blueprint).unmatched };
  } else {
    const all = [...existing.map((item) => item.current), ...report.items].filter((content) => content.kind === 'theory');
    const derived = report.items.length > 0 ? deriveBlueprint(all, { distinctItems: countDistinctItems(all) }) : undefined;
    knowledge = {
      blueprint: 'derived',
      unmatchedKnowledgePoints: 0,
      ...(derived ? { derivedLeaves: Object.keys(derived.itemCounts).length, derivedStructure: derived.blueprint.structure } : {}),
    };
  }
  const analysis: ImportAnalysis = {
    ...knowledge,
    duplicates: {
      clustersInFile: inFile.clusters.length,
      redundantInFile: inFile.exactDuplicates + inFile.nearDuplicates,
      duplicateRateInFile: inFile.duplicateRate,
      alreadyInScope,
    },
  };

  const fileSha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const created = await BankImportModel.create({
    _id: importId,
    organisationId: actor.organisationId,
    scopeId,
    fileName: upload.fileName,
    fileSha256,
    fileBytes: upload.bytes.length,
    format: parsed.format,
    status: 'pending',
    counts: report.counts,
    dataRows: report.dataRows,
    rejected: report.rejected,
    warnings: report.warnings,
    sheets: report.sheets,
    items: report.items,
    images: parsed.images,
    createdBy: actor.userId,
    expiresAt: new Date(Date.now() + bankImportLifetimeMs),
  });
  const record = created.toObject() as BankImportRecord;
  await recordAudit({
    actor,
    action: 'bank_import.previewed',
    target: { kind: 'bank_import', id: String(importId), label: upload.fileName },
    payload: {
      scopeId,
      scope: describeScope(scope),
      fileName: upload.fileName,
      fileSha256,
      counts: report.counts,
      dataRows: report.dataRows,
      rejectedRows: report.rejected.map((row) => row.row),
    },
  });
  return presentBankImport(record, { analysis });
}
