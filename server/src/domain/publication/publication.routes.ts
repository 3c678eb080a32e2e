/**
 * HTTP routes of the publication 公示 (R11) and the results submission (R12).
 */
import { z } from 'zod';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { withSharedRenderPool } from '../../render/shared-render-pool';
import { closePublication } from './close-publication';
import { decideObjection } from './decide-objection';
import { fileObjection } from './file-objection';
import { getPublication } from './get-publication';
import { listObjections } from './list-objections';
import { openPublication } from './open-publication';
import {
  decideObjectionRequestSchema,
  fileObjectionRequestSchema,
  listObjectionsQuerySchema,
  openPublicationRequestSchema,
  publicationQuerySchema,
  recordResultsSubmissionRequestSchema,
} from './publication.contracts';
import { recordResultsSubmission } from './record-results-submission';
import { renderPublicationNoticePdf } from './render-publication-notice';

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hex id');
const batchParamsSchema = z.object({ batchId: objectId });
const objectionParamsSchema = z.object({ objectionId: objectId });

/** Registers the publication routes under /api/batches/:batchId/publication and /api/objections. */
export function registerPublicationRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'post',
      path: '/api/batches/:batchId/publication',
      roles: ['admin', 'exam_admin'],
      summary: 'Opens the publication of the batch results after committee approval (R11)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(openPublicationRequestSchema, request.body ?? {}, 'body');
        await openPublication({ actor, batchId, request: body });
        response.status(201).json(await getPublication({ actor, batchId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/publication',
      roles: 'authenticated',
      summary: 'The publication notice with masked ID numbers, channels, deadlines and warnings (R11-R13)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const query = parseInput(publicationQuerySchema, request.query, 'query');
        response.json(await getPublication({ actor, batchId, ...(query.asOf ? { asOf: query.asOf } : {}) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/publication/notice.pdf',
      roles: 'authenticated',
      summary: 'The publication notice as a PDF (R11)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const { pdf, fileName } = await withSharedRenderPool(context.config, (renderPool) =>
          renderPublicationNoticePdf({ actor, batchId, renderPool }),
        );
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `inline; filename="${encodeURIComponent(fileName)}"`);
        response.send(pdf);
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/publication/close',
      roles: ['admin', 'exam_admin'],
      summary: 'Closes the publication and locks the results; refused while an objection is open (R11)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        await closePublication({ actor, batchId });
        response.json(await getPublication({ actor, batchId }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/publication/objections',
      roles: ['candidate', 'admin', 'exam_admin'],
      summary: 'Files a complaint or re-scoring objection about a published result (R11)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(fileObjectionRequestSchema, request.body, 'body');
        response.status(201).json(await fileObjection({ actor, batchId, request: body }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/publication/objections',
      roles: ['candidate', 'admin', 'exam_admin', 'supervisor'],
      summary: 'Objections of the publication; candidates see their own (R11)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const query = parseInput(listObjectionsQuerySchema, request.query, 'query');
        response.json({ objections: await listObjections({ actor, batchId, ...(query.status ? { status: query.status } : {}) }) });
      },
    })
    .add({
      method: 'post',
      path: '/api/objections/:objectionId/decision',
      roles: ['admin'],
      summary: "The evaluation committee's decision on an objection: rejected or upheld with re-scoring (R11)",
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { objectionId } = parseInput(objectionParamsSchema, request.params, 'params');
        const body = parseInput(decideObjectionRequestSchema, request.body, 'body');
        response.json(await decideObjection({ actor, objectionId, request: body }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/publication/results-submission',
      roles: ['admin', 'exam_admin'],
      summary: 'Records the day the results were submitted to the guidance body (R12)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(recordResultsSubmissionRequestSchema, request.body, 'body');
        response.json(await recordResultsSubmission({ actor, batchId, submittedOn: body.submittedOn }));
      },
    });
}
