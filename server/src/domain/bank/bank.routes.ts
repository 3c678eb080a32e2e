/**
 * HTTP routes of the bank 题库 (R1, R2, R17): scopes and blueprints, items and their review
 * workflow, xlsx/JSON import (dry run + all-or-nothing confirm) and export, near-duplicates and the
 * readiness gate. Handlers are thin: parse, authorize (route roles), one use case, present.
 *
 * Uploads (bank import, blueprint file) are the raw request body with
 * `Content-Type: application/octet-stream` and the file name in the `X-File-Name` header
 * (percent-encoded UTF-8) or the `fileName` query parameter.
 */
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { approveItem } from './approve-item';
import { bankEditorRoles, bankReaderRoles, bankReviewerRoles, bankRoles } from './bank-access';
import {
  confirmImportRequestSchema,
  createItemRequestSchema,
  createScopeRequestSchema,
  deriveBlueprintRequestSchema,
  duplicatesQuerySchema,
  exportBankRequestSchema,
  imageParamsSchema,
  importParamsSchema,
  itemParamsSchema,
  listItemsQuerySchema,
  markDistinctRequestSchema,
  mergeDuplicatesRequestSchema,
  putBlueprintRequestSchema,
  rejectItemRequestSchema,
  retireItemRequestSchema,
  reviewNoteRequestSchema,
  scopeParamsSchema,
  updateItemRequestSchema,
  updateScopeRequestSchema,
} from './bank-contracts';
import { confirmBankImport } from './confirm-bank-import';
import { createItem } from './create-item';
import { createScope } from './create-scope';
import { deriveScopeBlueprint } from './derive-scope-blueprint';
import { exportBank } from './export-bank';
import { findScopeDuplicates } from './find-scope-duplicates';
import { getBankImport } from './get-bank-import';
import { getItem } from './get-item';
import { getItemImage } from './get-item-image';
import { getScope } from './get-scope';
import { getScopeBlueprint } from './get-scope-blueprint';
import { getScopeReadiness } from './get-scope-readiness';
import { listItemVersions } from './list-item-versions';
import { listItems } from './list-items';
import { listScopes } from './list-scopes';
import { markItemsDistinct } from './mark-items-distinct';
import { mergeDuplicateItems } from './merge-duplicate-items';
import { previewBankImport } from './preview-bank-import';
import { readUpload } from './read-upload';
import { sendAttachment } from './send-attachment';
import { rejectItem } from './reject-item';
import { retireItem } from './retire-item';
import { readBlueprintFile, setScopeBlueprint } from './set-scope-blueprint';
import { submitItem } from './submit-item';
import { updateItem } from './update-item';
import { updateScope } from './update-scope';
import type { Blueprint } from '@skillcert/bank-tools/types';

/** Registers /api/bank/*. */
export function registerBankRoutes(registry: RouteRegistry, _context: AppContext): void {
  registry
    .add({
      method: 'get',
      path: '/api/bank/scopes',
      roles: bankReaderRoles,
      summary: 'Bank scopes (occupation, work type, level) with item counts',
      handler: async (request, response) => {
        response.json(await listScopes({ actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes',
      roles: bankEditorRoles,
      summary: 'Creates a bank scope',
      handler: async (request, response) => {
        const body = parseInput(createScopeRequestSchema, request.body, 'body');
        response.status(201).json(await createScope({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/scopes/:scopeId',
      roles: bankReaderRoles,
      summary: 'One bank scope with its blueprint and item counts',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        response.json(await getScope({ scopeId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'patch',
      path: '/api/bank/scopes/:scopeId',
      roles: bankEditorRoles,
      summary: "Changes a scope's occupation name or practical tasks per paper",
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const body = parseInput(updateScopeRequestSchema, request.body, 'body');
        response.json(await updateScope({ scopeId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/scopes/:scopeId/blueprint',
      roles: bankReaderRoles,
      summary: 'The scope blueprint (认定要素细目表) with leaves and item counts per knowledge point',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        response.json(await getScopeBlueprint({ scopeId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/bank/scopes/:scopeId/blueprint',
      roles: bankEditorRoles,
      summary: 'Replaces the scope blueprint (validated)',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const body = parseInput(putBlueprintRequestSchema, request.body, 'body');
        response.json(await setScopeBlueprint({ scopeId, blueprint: body.blueprint as Blueprint, source: 'json', actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes/:scopeId/blueprint/import',
      roles: bankEditorRoles,
      summary: 'Replaces the scope blueprint from an uploaded xlsx or JSON file (raw body)',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        const upload = await readUpload(request, response, 'blueprint.xlsx');
        const blueprint = await readBlueprintFile(upload.fileName, upload.bytes);
        response.json(await setScopeBlueprint({ scopeId, blueprint, source: `file ${upload.fileName}`, actor }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes/:scopeId/blueprint/derive',
      roles: bankEditorRoles,
      summary: 'Derives the blueprint from the items’ 作业种类/章节 and assigns knowledge points',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const body = parseInput(deriveBlueprintRequestSchema, request.body ?? {}, 'body');
        response.json(await deriveScopeBlueprint({ scopeId, shape: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/scopes/:scopeId/readiness',
      roles: bankReaderRoles,
      summary: 'Readiness gate (R1 sizes, R2 coverage, duplicate rate) of a scope',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        response.json(await getScopeReadiness({ scopeId, organisationId: requireActor(request).organisationId }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes/:scopeId/imports',
      roles: bankRoles,
      summary: 'Bank import dry run: upload xlsx/JSON (raw body), get the report and an import id',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        const upload = await readUpload(request, response);
        response.status(201).json(await previewBankImport({ scopeId, upload, actor }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/scopes/:scopeId/imports/:importId',
      roles: bankRoles,
      summary: 'A bank import report',
      handler: async (request, response) => {
        const params = parseInput(importParamsSchema, request.params, 'params');
        response.json(await getBankImport({ ...params, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes/:scopeId/imports/:importId/confirm',
      roles: bankRoles,
      summary: 'Imports every item of a dry run, all or nothing (approved needs bank_reviewer)',
      handler: async (request, response) => {
        const params = parseInput(importParamsSchema, request.params, 'params');
        const body = parseInput(confirmImportRequestSchema, request.body ?? {}, 'body');
        response.json(await confirmBankImport({ ...params, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/scopes/:scopeId/export',
      roles: bankRoles,
      summary: 'Exports items as xlsx template or JSON; a reason is required and audited (R17)',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const body = parseInput(exportBankRequestSchema, request.body, 'body');
        sendAttachment(response, await exportBank({ scopeId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/scopes/:scopeId/duplicates',
      roles: bankRoles,
      summary: 'Near-duplicate pairs and clusters within the scope and/or across scopes',
      handler: async (request, response) => {
        const { scopeId } = parseInput(scopeParamsSchema, request.params, 'params');
        const query = parseInput(duplicatesQuerySchema, request.query, 'query');
        response.json(await findScopeDuplicates({ scopeId, query, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/duplicates/merge',
      roles: bankEditorRoles,
      summary: 'Merges a near-duplicate pair: keeps one item, retires the other',
      handler: async (request, response) => {
        const body = parseInput(mergeDuplicatesRequestSchema, request.body, 'body');
        response.json(await mergeDuplicateItems({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/duplicates/distinct',
      roles: bankEditorRoles,
      summary: 'Marks two items as distinct (excluded from later duplicate reports)',
      handler: async (request, response) => {
        const body = parseInput(markDistinctRequestSchema, request.body, 'body');
        response.json(await markItemsDistinct({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/items',
      roles: bankReaderRoles,
      summary: 'Items with filters and paging (answer keys for bank roles only)',
      handler: async (request, response) => {
        const query = parseInput(listItemsQuerySchema, request.query, 'query');
        response.json(await listItems({ query, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/items',
      roles: bankEditorRoles,
      summary: 'Creates a draft item (theory or practical)',
      handler: async (request, response) => {
        const body = parseInput(createItemRequestSchema, request.body, 'body');
        response.status(201).json(await createItem({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/items/:itemId',
      roles: bankReaderRoles,
      summary: 'One item (answer key for bank roles only)',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        response.json(await getItem({ itemId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/bank/items/:itemId',
      roles: bankEditorRoles,
      summary: 'Edits an item: appends a new immutable version',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        const body = parseInput(updateItemRequestSchema, request.body, 'body');
        response.json(await updateItem({ itemId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/items/:itemId/versions',
      roles: bankRoles,
      summary: 'Version history of an item with content hashes',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        response.json(await listItemVersions({ itemId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/items/:itemId/submit',
      roles: bankEditorRoles,
      summary: 'Sends a draft item to review',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        const body = parseInput(reviewNoteRequestSchema, request.body ?? {}, 'body');
        response.json(await submitItem({ itemId, note: body.note, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/items/:itemId/approve',
      roles: bankReviewerRoles,
      summary: 'Approves an item in review (not one’s own, R17)',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        const body = parseInput(reviewNoteRequestSchema, request.body ?? {}, 'body');
        response.json(await approveItem({ itemId, note: body.note, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/items/:itemId/reject',
      roles: bankReviewerRoles,
      summary: 'Sends an item in review back to draft with a note',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        const body = parseInput(rejectItemRequestSchema, request.body, 'body');
        response.json(await rejectItem({ itemId, note: body.note, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/bank/items/:itemId/retire',
      roles: bankRoles,
      summary: 'Retires an item with a reason',
      handler: async (request, response) => {
        const { itemId } = parseInput(itemParamsSchema, request.params, 'params');
        const body = parseInput(retireItemRequestSchema, request.body, 'body');
        response.json(await retireItem({ itemId, reason: body.reason, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/bank/images/:imageId',
      roles: bankReaderRoles,
      summary: 'A picture of an item',
      handler: async (request, response) => {
        const { imageId } = parseInput(imageParamsSchema, request.params, 'params');
        const image = await getItemImage({ imageId, actor: requireActor(request) });
        response.setHeader('Content-Type', image.contentType);
        response.setHeader('Cache-Control', 'private, max-age=3600');
        response.status(200).end(image.data);
      },
    });
}
