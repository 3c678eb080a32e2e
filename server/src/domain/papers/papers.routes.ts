/**
 * HTTP routes of papers 试卷 and paper libraries 卷库 (R1-R3, R17): assemble (theory / practical),
 * list and read, retire and replace, preview with keys for bank roles, and print-ready PDFs
 * (teacher copy with keys for bank roles, candidate copy also for exam administrators).
 */
import type { Role } from '../../contracts/identity';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { bankReaderRoles, bankRoles } from '../bank/bank-access';
import { sendAttachment } from '../bank/send-attachment';
import { assemblePaperLibrary } from './assemble-paper-library';
import { getPaper } from './get-paper';
import { getPaperLibrary } from './get-paper-library';
import { listPaperLibraries } from './list-paper-libraries';
import { getSharedRenderPool } from '../../render/shared-render-pool';
import type { PaperCopy } from './paper-html';
import {
  assembleLibraryRequestSchema,
  libraryParamsSchema,
  listLibrariesQuerySchema,
  paperParamsSchema,
  retireLibraryRequestSchema,
  retirePaperRequestSchema,
} from './papers-contracts';
import { previewPaper } from './preview-paper';
import { renderPaperPdf } from './render-paper-pdf';
import { retirePaper } from './retire-paper';
import { retirePaperLibrary } from './retire-paper-library';

/** Roles that assemble paper libraries: the bank roles and exam administrators. */
const assemblerRoles = ['admin', 'bank_editor', 'bank_reviewer', 'exam_admin'] as const satisfies readonly Role[];

/** Roles that may print the candidate copy. */
const candidateCopyRoles = ['admin', 'bank_editor', 'bank_reviewer', 'exam_admin'] as const satisfies readonly Role[];

/** Registers /api/papers/*. */
export function registerPapersRoutes(registry: RouteRegistry, context: AppContext): void {
  const pdfRoute = (copy: PaperCopy, roles: readonly Role[]) =>
    registry.add({
      method: 'get',
      path: `/api/papers/:paperId/pdf/${copy}`,
      roles,
      summary: copy === 'teacher' ? 'Print-ready PDF, teacher copy with answer keys' : 'Print-ready PDF, candidate copy without keys',
      handler: async (request, response) => {
        const { paperId } = parseInput(paperParamsSchema, request.params, 'params');
        const file = await renderPaperPdf({ paperId, copy, actor: requireActor(request), renderPool: getSharedRenderPool(context.config) });
        sendAttachment(response, { ...file, contentType: 'application/pdf' });
      },
    });

  registry
    .add({
      method: 'post',
      path: '/api/papers/libraries',
      roles: assemblerRoles,
      summary: 'Assembles a theory or practical paper library (seeded; infeasible → 422 with the report)',
      handler: async (request, response) => {
        const body = parseInput(assembleLibraryRequestSchema, request.body, 'body');
        response.status(201).json(await assemblePaperLibrary({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/papers/libraries',
      roles: bankReaderRoles,
      summary: 'Paper libraries (filter by scope, kind, status)',
      handler: async (request, response) => {
        const query = parseInput(listLibrariesQuerySchema, request.query, 'query');
        response.json(await listPaperLibraries({ query, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/papers/libraries/:libraryId',
      roles: bankReaderRoles,
      summary: 'One paper library with its papers',
      handler: async (request, response) => {
        const { libraryId } = parseInput(libraryParamsSchema, request.params, 'params');
        response.json(await getPaperLibrary({ libraryId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/papers/libraries/:libraryId/retire',
      roles: bankRoles,
      summary: 'Retires a paper library and its papers',
      handler: async (request, response) => {
        const { libraryId } = parseInput(libraryParamsSchema, request.params, 'params');
        const body = parseInput(retireLibraryRequestSchema, request.body, 'body');
        response.json(await retirePaperLibrary({ libraryId, reason: body.reason, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/papers/:paperId',
      roles: bankReaderRoles,
      summary: 'One paper: pinned item versions, no content',
      handler: async (request, response) => {
        const { paperId } = parseInput(paperParamsSchema, request.params, 'params');
        response.json(await getPaper({ paperId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/papers/:paperId/retire',
      roles: bankRoles,
      summary: 'Retires a paper and (by default) draws a replacement keeping the others',
      handler: async (request, response) => {
        const { paperId } = parseInput(paperParamsSchema, request.params, 'params');
        const body = parseInput(retirePaperRequestSchema, request.body, 'body');
        response.json(await retirePaper({ paperId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/papers/:paperId/preview',
      roles: bankRoles,
      summary: 'Paper preview with item content and answer keys (bank roles)',
      handler: async (request, response) => {
        const { paperId } = parseInput(paperParamsSchema, request.params, 'params');
        response.json(await previewPaper({ paperId, actor: requireActor(request) }));
      },
    });
  pdfRoute('teacher', bankRoles);
  pdfRoute('candidate', candidateCopyRoles);
}
