/**
 * HTTP routes of batch archives (R16): build, list, download, destruction ledger.
 */
import { z } from 'zod';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { withSharedRenderPool } from '../../render/shared-render-pool';
import type { ArchiveRecord } from './archive.model';
import { buildBatchArchive, listBatchArchives, loadArchive, readArchiveZip } from './build-batch-archive';
import { destroyArchiveRecords } from './destroy-archive-records';
import { retentionKinds } from './retention';

const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hex id');
const batchParamsSchema = z.object({ batchId: objectId });
const archiveParamsSchema = z.object({ archiveId: objectId });

/** POST /api/archives/:archiveId/destructions. */
export const destroyArchiveRecordsRequestSchema = z
  .object({
    retentionKind: z.enum(retentionKinds),
    reason: z.string().trim().min(1, 'is required').max(1000),
    /** Approval reference, e.g. the committee decision number. */
    approvalReference: z.string().trim().min(1, 'is required').max(200),
  })
  .strict();

/** An archive build as answered (R16). */
export function presentArchive(archive: ArchiveRecord) {
  return {
    id: String(archive._id),
    batchId: String(archive.batchId),
    batchCode: archive.batchCode,
    version: archive.version,
    status: archive.status,
    builtAt: new Date(archive.builtAt).toISOString(),
    retentionBaseDate: archive.retentionBaseDate,
    retentionDates: archive.retentionDates,
    fileName: archive.fileName,
    zipSha256: archive.zipSha256,
    zipBytes: archive.zipBytes,
    isZipStored: Boolean(archive.fileId),
    files: archive.files.map((file) => ({ ...file, ...(file.destroyedAt ? { destroyedAt: new Date(file.destroyedAt).toISOString() } : {}) })),
    paperRecords: archive.paperRecords.map((record) => ({ ...record, ...(record.destroyedAt ? { destroyedAt: new Date(record.destroyedAt).toISOString() } : {}) })),
    missing: archive.missing,
    auditCheck: archive.auditCheck,
    destructions: archive.destructions.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      destroyedOn: entry.destroyedOn,
      byName: entry.byName,
      retentionKind: entry.retentionKind,
      reason: entry.reason,
      approvalReference: entry.approvalReference,
      paths: entry.paths,
      auditSeq: entry.auditSeq,
    })),
  };
}

/** Registers the archive routes. */
export function registerArchiveRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'post',
      path: '/api/batches/:batchId/archive',
      roles: ['admin', 'exam_admin'],
      summary: 'Builds the batch archive zip with manifest, retention dates and the verified audit excerpt (R16)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const archive = await withSharedRenderPool(context.config, (renderPool) => buildBatchArchive({ actor, batchId, renderPool }));
        response.status(201).json(presentArchive(archive));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/archives',
      roles: ['admin', 'exam_admin'],
      summary: 'Archive builds of the batch, newest first (R16)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json({ archives: (await listBatchArchives({ actor, batchId })).map(presentArchive) });
      },
    })
    .add({
      method: 'get',
      path: '/api/archives/:archiveId',
      roles: ['admin', 'exam_admin'],
      summary: 'One archive build with its manifest and destruction ledger (R16)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { archiveId } = parseInput(archiveParamsSchema, request.params, 'params');
        response.json(presentArchive(await loadArchive(actor, archiveId)));
      },
    })
    .add({
      method: 'get',
      path: '/api/archives/:archiveId/download',
      roles: ['admin'],
      summary: 'The archive zip; audited (R16)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { archiveId } = parseInput(archiveParamsSchema, request.params, 'params');
        const { zip, fileName, sha256 } = await readArchiveZip({ actor, archiveId });
        response.setHeader('Content-Type', 'application/zip');
        response.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
        response.setHeader('X-Content-Sha256', sha256);
        response.setHeader('Cache-Control', 'no-store');
        response.send(zip);
      },
    })
    .add({
      method: 'post',
      path: '/api/archives/:archiveId/destructions',
      roles: ['admin'],
      summary: 'Destruction ledger entry; refused before the retention date (R16)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { archiveId } = parseInput(archiveParamsSchema, request.params, 'params');
        const body = parseInput(destroyArchiveRecordsRequestSchema, request.body, 'body');
        response.json(presentArchive(await destroyArchiveRecords({ actor, archiveId, ...body })));
      },
    });
}
