/**
 * Exports a scope's items as the xlsx import template or JSON (R17: the bank is confidential —
 * every export states a reason and is audited with it; answer keys leave only through bank roles,
 * which the route enforces). Spreadsheet cells are written as text cells in Text format, so no cell
 * is ever evaluated as a formula (formula-injection safe, lossless).
 */
import { createHash } from 'node:crypto';
import { exportTheoryBankXlsx } from '@skillcert/bank-tools/export/export-theory-bank';
import { exportTheoryBankJson } from '@skillcert/bank-tools/export/theory-bank-json';
import type { Blueprint, BlueprintNode, PracticalItem, TheoryItem } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { ExportBankRequest } from './bank-contracts';
import { translateBankToolErrors } from './bank-tool-errors';
import { ItemModel, type ItemRecord } from './item.model';
import { describeScope, requireScope } from './require-scope';

/** Format tag of the practical bank JSON document. */
export const practicalBankJsonFormat = 'skillcert.practical-bank';

/** An exported file. */
export interface BankExport {
  fileName: string;
  contentType: string;
  data: Buffer;
  itemCount: number;
  sha256: string;
}

/**
 * Leaf code → the names the import template gives it: 作业种类 = the leaf's parent node (empty for a
 * top-level leaf), 章节 = the leaf, as `assignKnowledgePoints` matches them back.
 */
function blueprintPlaces(blueprint: Blueprint | undefined | null): Map<string, { category: string; chapter: string }> {
  const places = new Map<string, { category: string; chapter: string }>();
  if (!blueprint) return places;
  const walk = (nodes: readonly BlueprintNode[], parentName: string) => {
    for (const node of nodes) {
      if (node.children && node.children.length > 0) walk(node.children, node.name.trim());
      else places.set(node.code, { category: parentName, chapter: node.name.trim() });
    }
  };
  walk(blueprint.nodes, '');
  return places;
}

function safeFilePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '_');
}

/**
 * Builds the export file of `scopeId` (items of `request.kind` whose status is in
 * `request.statuses`, oldest first) and audits `bank.exported` with the reason, format, count and
 * the file's SHA-256.
 * @throws AppError `not_found` (scope), `validation_failed` (practical items as xlsx),
 *   `precondition_failed` naming an item the template cannot hold.
 */
export async function exportBank(options: { scopeId: string; request: ExportBankRequest; actor: Actor }): Promise<BankExport> {
  const { scopeId, request, actor } = options;
  const scope = await requireScope(actor.organisationId, scopeId);
  if (request.kind === 'practical' && request.format === 'xlsx') {
    throw new AppError('validation_failed', 'format: practical items are exported as json only (the xlsx template holds theory items)');
  }
  const items = await ItemModel.find({ scopeId, organisationId: actor.organisationId, kind: request.kind, status: { $in: request.statuses } })
    .sort({ _id: 1 })
    .lean<ItemRecord[]>();
  const placeOf = blueprintPlaces(request.kind === 'theory' ? scope.blueprint : undefined);
  const contents = items.map((item) => {
    const { source: _source, ...content } = item.current as TheoryItem;
    // Items written in SkillCert carry a knowledge point but no 作业种类/章节: the export names
    // the blueprint node and leaf instead, so re-importing the file finds the same leaves (R2).
    const place = request.kind === 'theory' && content.knowledgePoint ? placeOf.get(content.knowledgePoint) : undefined;
    if (place && !content.category && !content.chapter) return { ...content, category: place.category, chapter: place.chapter };
    return content;
  });
  const base = safeFilePart(`${scope.occupationCode}_${scope.workType}_L${scope.level}_${request.kind}`);
  let data: Buffer;
  let contentType: string;
  let fileName: string;
  if (request.format === 'xlsx') {
    data = await translateBankToolErrors(() => exportTheoryBankXlsx(contents as TheoryItem[], { formulaGuard: 'text' }), 'export');
    contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    fileName = `${base}.xlsx`;
  } else if (request.kind === 'theory') {
    data = Buffer.from(exportTheoryBankJson(contents as TheoryItem[]), 'utf8');
    contentType = 'application/json; charset=utf-8';
    fileName = `${base}.json`;
  } else {
    const document = { format: practicalBankJsonFormat, version: 1, items: contents as unknown as PracticalItem[] };
    data = Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
    contentType = 'application/json; charset=utf-8';
    fileName = `${base}.json`;
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  await recordAudit({
    actor,
    action: 'bank.exported',
    target: { kind: 'bank_scope', id: scopeId, label: describeScope(scope) },
    payload: { reason: request.reason, format: request.format, kind: request.kind, statuses: request.statuses, itemCount: items.length, fileName, sha256 },
  });
  return { fileName, contentType, data, itemCount: items.length, sha256 };
}
