/**
 * HTTP routes of proctoring (R10, R16): the console's room list, candidate timelines, void requests
 * and the supervisor's decision, room records 考场记录表 (JSON and PDF), proctoring settings, and
 * webcam snapshots (consent, upload by the candidate, thumbnails for the console). Live rooms and
 * actions run over the `/proctor` socket namespace (./README.md).
 */
import express, { type Request, type Response } from 'express';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { AppError } from '../../errors';
import { withSharedRenderPool } from '../../render/shared-render-pool';
import { decideVoidRequest } from './decide-void-request';
import { getAttemptTimeline } from './get-attempt-timeline';
import { listVoidRequests } from './list-room-activity';
import {
  attemptParamsSchema,
  generateRoomRecordRequestSchema,
  roomParamsSchema,
  snapshotParamsSchema,
  updateProctoringSettingsRequestSchema,
  voidDecisionBodySchema,
  voidRequestListQuerySchema,
  voidRequestParamsSchema,
  webcamConsentRequestSchema,
} from './proctoring.contracts';
import { loadProctoringSettings, updateProctoringSettings } from './proctoring-settings';
import { authorizeAttemptViewer, listProctorRooms } from './room-access';
import { generateRoomRecord, getRoomRecord, getRoomRecordPdf } from './room-records';
import { getWebcamSettingsView, listWebcamSnapshots, maximumSnapshotBytes, readWebcamSnapshot, recordWebcamConsent, storeWebcamSnapshot } from './webcam';

const consoleRoles = ['exam_admin', 'proctor', 'supervisor'] as const;
const rawSnapshotParser = express.raw({ type: () => true, limit: maximumSnapshotBytes + 1024 });

async function readSnapshotBody(request: Request, response: Response): Promise<Buffer> {
  if (!Buffer.isBuffer(request.body)) {
    if (request.is('application/json') || request.is('application/x-www-form-urlencoded') || request.is('multipart/form-data')) {
      throw new AppError('validation_failed', 'body: send the JPEG itself as the request body with Content-Type: image/jpeg');
    }
    await new Promise<void>((resolve, reject) => {
      rawSnapshotParser(request, response, (error?: unknown) => {
        if (!error) return resolve();
        const failure = error as { type?: string };
        reject(failure.type === 'entity.too.large' ? new AppError('validation_failed', `body: a snapshot may have at most ${maximumSnapshotBytes} bytes`) : error);
      });
    });
  }
  const bytes = request.body as unknown;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new AppError('validation_failed', 'body: the snapshot is empty');
  return bytes;
}

/** Registers every /api/proctoring route. */
export function registerProctoringRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'get',
      path: '/api/proctoring/rooms',
      roles: consoleRoles,
      summary: 'Rooms (theory session × room) the signed-in staff member may open in the proctor console, with their access (R10)',
      handler: async (request, response) => {
        response.json(await listProctorRooms(requireActor(request)));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/attempts/:attemptId/timeline',
      roles: consoleRoles,
      summary: "A candidate's timeline: attendance, start, pauses, extensions, incidents, actions, void requests, snapshots (R10)",
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        response.json(await getAttemptTimeline({ actor: requireActor(request), attemptId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/void-requests',
      roles: consoleRoles,
      summary: 'Void requests of the batches where the signed-in user is staff or room proctor (pending first)',
      handler: async (request, response) => {
        const query = parseInput(voidRequestListQuerySchema, request.query, 'query');
        response.json(await listVoidRequests({ actor: requireActor(request), ...query }));
      },
    })
    .add({
      method: 'post',
      path: '/api/proctoring/void-requests/:requestId/decision',
      roles: ['supervisor'],
      summary: "A supervisor of the batch confirms (the attempt is voided) or rejects a proctor's void request (R6, R10)",
      handler: async (request, response) => {
        const { requestId } = parseInput(voidRequestParamsSchema, request.params, 'params');
        const body = parseInput(voidDecisionBodySchema, request.body ?? {}, 'body');
        response.json(await decideVoidRequest({ actor: requireActor(request), requestId, isConfirmed: body.isConfirmed, note: body.note }));
      },
    })
    .add({
      method: 'post',
      path: '/api/proctoring/room-records',
      roles: ['exam_admin', 'proctor'],
      summary: 'Generates the room record 考场记录表 of a session’s room from the stored events (JSON + PDF, stored for the archive; R10, R16)',
      handler: async (request, response) => {
        const body = parseInput(generateRoomRecordRequestSchema, request.body ?? {}, 'body');
        const actor = requireActor(request);
        response.status(201).json(await withSharedRenderPool(context.config, (renderPool) => generateRoomRecord({ actor, request: body, renderPool })));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/room-records/:batchId/:sessionId/:roomId',
      roles: consoleRoles,
      summary: 'The stored room record of a session’s room (JSON)',
      handler: async (request, response) => {
        const params = parseInput(roomParamsSchema, request.params, 'params');
        response.json(await getRoomRecord({ actor: requireActor(request), params }));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/room-records/:batchId/:sessionId/:roomId/pdf',
      roles: consoleRoles,
      summary: 'The stored room record of a session’s room (PDF)',
      handler: async (request, response) => {
        const params = parseInput(roomParamsSchema, request.params, 'params');
        const { pdf, fileName } = await getRoomRecordPdf({ actor: requireActor(request), params });
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
        response.send(pdf);
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/settings',
      roles: ['admin'],
      summary: 'Proctoring settings of the organisation: incident thresholds, webcam snapshots, observers acting (R10)',
      handler: async (request, response) => {
        response.json(await loadProctoringSettings(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'patch',
      path: '/api/proctoring/settings',
      roles: ['admin'],
      summary: 'Changes proctoring settings (audited; every process reloads the thresholds)',
      handler: async (request, response) => {
        const body = parseInput(updateProctoringSettingsRequestSchema, request.body ?? {}, 'body');
        response.json(await updateProctoringSettings({ actor: requireActor(request), request: body }));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/webcam/settings',
      roles: 'authenticated',
      summary: 'Whether webcam snapshots are on, their interval and the consent text to show (R10)',
      handler: async (request, response) => {
        response.json(await getWebcamSettingsView(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'post',
      path: '/api/proctoring/webcam/attempts/:attemptId/consent',
      roles: ['candidate'],
      summary: "The candidate's answer to the webcam consent text for their attempt (audited)",
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        const body = parseInput(webcamConsentRequestSchema, request.body ?? {}, 'body');
        response.json(await recordWebcamConsent({ actor: requireActor(request), attemptId, isGiven: body.isGiven, consentTextSha256: body.consentTextSha256 }));
      },
    })
    .add({
      method: 'post',
      path: '/api/proctoring/webcam/attempts/:attemptId/snapshots',
      roles: ['candidate'],
      summary: 'Uploads one webcam frame (raw image/jpeg body, at most 300 KB) of the candidate’s attempt',
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        const bytes = await readSnapshotBody(request, response);
        response.status(201).json(await storeWebcamSnapshot({ actor, attemptId, bytes }));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/webcam/attempts/:attemptId/snapshots',
      roles: consoleRoles,
      summary: 'Webcam snapshots of an attempt (ids, times, retention dates) for viewers of its room',
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        await authorizeAttemptViewer(requireActor(request), attemptId);
        response.json(await listWebcamSnapshots(attemptId));
      },
    })
    .add({
      method: 'get',
      path: '/api/proctoring/webcam/snapshots/:snapshotId',
      roles: consoleRoles,
      summary: 'One webcam snapshot (JPEG) for viewers of its room',
      handler: async (request, response) => {
        const { snapshotId } = parseInput(snapshotParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        const snapshot = await readWebcamSnapshot(snapshotId);
        if (snapshot.organisationId !== actor.organisationId) throw new AppError('not_found', `Webcam snapshot ${snapshotId} not found`);
        await authorizeAttemptViewer(actor, snapshot.view.attemptId);
        response.setHeader('Content-Type', 'image/jpeg');
        response.setHeader('Cache-Control', 'private, max-age=3600');
        response.send(snapshot.bytes);
      },
    });
}
