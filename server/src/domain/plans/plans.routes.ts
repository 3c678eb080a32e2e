/**
 * HTTP routes of plans: the organisation calendar and enterprise units, the batch wizard (scopes,
 * rooms, sessions, staff, filing, deadlines), announcements, applications and roster import,
 * admission tickets, sign-in sheets and attendance (R4-R10, R21). Handlers are thin: parse with
 * zod, call one use case, present.
 *
 * Access: administrators and exam administrators plan; supervisors read; candidates apply and see
 * their own applications and tickets; every signed-in employee reads published announcements (R8).
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../contracts/identity';
import { AppError } from '../../errors';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { sendAttachment } from '../bank/send-attachment';
import { getSharedRenderPool } from '../../render/shared-render-pool';
import { listBatchAdmissionTickets, listMyAdmissionTickets } from './admission-ticket-views';
import { assignBatchStaff } from './assign-batch-staff';
import { createAnnouncement } from './create-announcement';
import { createBatch } from './create-batch';
import { describeCalendarDays } from './describe-calendar-days';
import { fileBatchPlan } from './file-batch-plan';
import { getAnnouncement, listAnnouncements } from './get-announcement';
import { getBatch, listBatches } from './get-batch';
import { getBatchDeadlines } from './get-batch-deadlines';
import { getOrganisationCalendar } from './get-organisation-calendar';
import { importRoster, maximumRosterBytes } from './import-roster';
import { issueAdmissionTickets } from './issue-admission-tickets';
import { listApplications, listMyApplications } from './list-applications';
import {
  batchDeadlinesQuerySchema,
  batchRoomsRequestSchema,
  batchSessionsRequestSchema,
  batchStaffRequestSchema,
  calendarDaysQuerySchema,
  createAnnouncementRequestSchema,
  createBatchRequestSchema,
  enterpriseUnitsRequestSchema,
  fileBatchPlanRequestSchema,
  importRosterQuerySchema,
  issueAdmissionTicketsRequestSchema,
  listApplicationsQuerySchema,
  listBatchesQuerySchema,
  organisationCalendarRequestSchema,
  recordAttendanceRequestSchema,
  submitApplicationRequestSchema,
  updateAnnouncementRequestSchema,
  updateBatchRequestSchema,
} from './plans.contracts';
import { objectIdSchema } from '../../contracts/common';
import { publishAnnouncement } from './publish-announcement';
import { recordAttendance } from './record-attendance';
import { renderAdmissionTicketsPdf } from './render-admission-tickets-pdf';
import { renderAnnouncementPdf } from './render-announcement-pdf';
import { renderSignInSheetPdf } from './render-sign-in-sheet-pdf';
import { getSessionAttendance } from './session-roster';
import { setBatchRooms } from './set-batch-rooms';
import { setBatchSessions } from './set-batch-sessions';
import { submitApplication } from './submit-application';
import { getEnterpriseUnits, updateEnterpriseUnits } from './update-enterprise-units';
import { updateAnnouncement } from './update-announcement';
import { updateBatch } from './update-batch';
import { updateOrganisationCalendar } from './update-organisation-calendar';

/** Roles that plan batches. */
export const plannerRoles = ['admin', 'exam_admin'] as const satisfies readonly Role[];
/** Roles that read plans: planners and internal quality supervisors. */
export const planReaderRoles = ['admin', 'exam_admin', 'supervisor'] as const satisfies readonly Role[];

const batchParams = z.object({ batchId: objectIdSchema });
const sessionParams = z.object({ batchId: objectIdSchema, sessionId: objectIdSchema });
const registrationParams = z.object({ batchId: objectIdSchema, registrationId: objectIdSchema });
const announcementParams = z.object({ announcementId: objectIdSchema });

function sendPdf(response: Response, file: { pdf: Buffer; fileName: string }): void {
  sendAttachment(response, { fileName: file.fileName, contentType: 'application/pdf', data: file.pdf });
}

const readRawBody = express.raw({ type: () => true, limit: maximumRosterBytes });

/** The request body as bytes (xlsx upload); JSON bodies are refused. */
async function readUpload(request: Request, response: Response): Promise<Buffer> {
  await new Promise<void>((resolve, reject) => {
    void readRawBody(request, response, (error?: unknown) => (error ? reject(error as Error) : resolve()));
  });
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError(
      'validation_failed',
      'body: send the roster as the raw xlsx bytes (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
      { field: 'body' },
    );
  }
  return request.body;
}

/** Registers /api/organisation/calendar*, /api/organisation/enterprise-units, /api/batches/*, /api/announcements/*, /api/my/*. */
export function registerPlanRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    // ---- organisation calendar and enterprise units ----
    .add({
      method: 'get',
      path: '/api/organisation/calendar',
      roles: planReaderRoles,
      summary: 'The organisation calendar: extra rest/working days, supplementary years, covered range',
      handler: async (request, response) => {
        response.json(await getOrganisationCalendar(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'put',
      path: '/api/organisation/calendar',
      roles: ['admin'],
      summary: 'Replaces the organisation calendar setting (R7, R11-R13 deadlines)',
      handler: async (request, response) => {
        const body = parseInput(organisationCalendarRequestSchema, request.body, 'body');
        response.json(await updateOrganisationCalendar({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/organisation/calendar/days',
      roles: planReaderRoles,
      summary: 'Each day from..to with its working-day status on the organisation calendar',
      handler: async (request, response) => {
        const query = parseInput(calendarDaysQuerySchema, request.query, 'query');
        response.json({ days: await describeCalendarDays({ organisationId: requireActor(request).organisationId, ...query }) });
      },
    })
    .add({
      method: 'get',
      path: '/api/organisation/enterprise-units',
      roles: planReaderRoles,
      summary: 'Names of the enterprise and its subsidiaries whose employees may apply (R9)',
      handler: async (request, response) => {
        response.json(await getEnterpriseUnits(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'put',
      path: '/api/organisation/enterprise-units',
      roles: ['admin'],
      summary: 'Replaces the enterprise units (R9)',
      handler: async (request, response) => {
        const body = parseInput(enterpriseUnitsRequestSchema, request.body, 'body');
        response.json(await updateEnterpriseUnits({ request: body, actor: requireActor(request) }));
      },
    })
    // ---- batches ----
    .add({
      method: 'get',
      path: '/api/batches',
      roles: planReaderRoles,
      summary: 'Batches of the organisation, newest first',
      handler: async (request, response) => {
        const query = parseInput(listBatchesQuerySchema, request.query, 'query');
        response.json(await listBatches({ organisationId: requireActor(request).organisationId, ...query }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches',
      roles: plannerRoles,
      summary: 'Creates a draft batch with scopes, mode and component weights (R4, R19)',
      handler: async (request, response) => {
        const body = parseInput(createBatchRequestSchema, request.body, 'body');
        response.status(201).json(await createBatch({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId',
      roles: planReaderRoles,
      summary: 'One batch with staff names and warnings (R4, R6, R21)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        response.json(await getBatch({ organisationId: requireActor(request).organisationId, batchId }));
      },
    })
    .add({
      method: 'patch',
      path: '/api/batches/:batchId',
      roles: plannerRoles,
      summary: 'Edits a draft batch: code, name, mode, scopes and weights (R4, R19)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(updateBatchRequestSchema, request.body, 'body');
        response.json(await updateBatch({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/batches/:batchId/rooms',
      roles: plannerRoles,
      summary: 'Sets rooms with seats, workstations (R21 warnings) and proctors (R6)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(batchRoomsRequestSchema, request.body, 'body');
        response.json(await setBatchRooms({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/batches/:batchId/sessions',
      roles: plannerRoles,
      summary: 'Sets theory, practical and review sessions (R4)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(batchSessionsRequestSchema, request.body, 'body');
        response.json(await setBatchSessions({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/batches/:batchId/staff',
      roles: plannerRoles,
      summary: 'Sets exam administrators, assessors and supervisors (R6)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(batchStaffRequestSchema, request.body, 'body');
        response.json(await assignBatchStaff({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/filing',
      roles: plannerRoles,
      summary: 'Files the plan and schedules the batch (R4, R6, R7 lead time, R1 readiness)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(fileBatchPlanRequestSchema, request.body ?? {}, 'body');
        response.json(await fileBatchPlan({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/deadlines',
      roles: planReaderRoles,
      summary: 'R7, R11, R12, R13 deadlines on the organisation calendar and their warnings',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const query = parseInput(batchDeadlinesQuerySchema, request.query, 'query');
        response.json(await getBatchDeadlines({ organisationId: requireActor(request).organisationId, batchId, ...query }));
      },
    })
    // ---- announcements (R8) ----
    .add({
      method: 'post',
      path: '/api/batches/:batchId/announcement',
      roles: plannerRoles,
      summary: 'Creates the draft announcement of a batch (R8)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(createAnnouncementRequestSchema, request.body, 'body');
        response.status(201).json(await createAnnouncement({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/announcements',
      roles: 'authenticated',
      summary: 'Published announcements (and drafts for planners and supervisors)',
      handler: async (request, response) => {
        response.json(await listAnnouncements({ actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/announcements/:announcementId',
      roles: 'authenticated',
      summary: 'The announcement page JSON (frozen once published)',
      handler: async (request, response) => {
        const { announcementId } = parseInput(announcementParams, request.params, 'params');
        response.json(await getAnnouncement({ actor: requireActor(request), announcementId }));
      },
    })
    .add({
      method: 'patch',
      path: '/api/announcements/:announcementId',
      roles: plannerRoles,
      summary: 'Edits a draft announcement (published ones never change)',
      handler: async (request, response) => {
        const { announcementId } = parseInput(announcementParams, request.params, 'params');
        const body = parseInput(updateAnnouncementRequestSchema, request.body, 'body');
        response.json(await updateAnnouncement({ announcementId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/announcements/:announcementId/publish',
      roles: plannerRoles,
      summary: 'Publishes and archives the announcement with its content hash (R8, R16)',
      handler: async (request, response) => {
        const { announcementId } = parseInput(announcementParams, request.params, 'params');
        response.json(await publishAnnouncement({ announcementId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/announcements/:announcementId/pdf',
      roles: 'authenticated',
      summary: 'The announcement as a PDF (the archived HTML once published)',
      handler: async (request, response) => {
        const { announcementId } = parseInput(announcementParams, request.params, 'params');
        sendPdf(response, await renderAnnouncementPdf({ actor: requireActor(request), announcementId, renderPool: getSharedRenderPool(context.config) }));
      },
    })
    // ---- applications and roster (R9) ----
    .add({
      method: 'post',
      path: '/api/batches/:batchId/applications',
      roles: ['admin', 'exam_admin', 'candidate'],
      summary: 'Submits an application; eligibility evaluated and its reasons stored (R9)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(submitApplicationRequestSchema, request.body, 'body');
        response.status(201).json(await submitApplication({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/applications',
      roles: planReaderRoles,
      summary: 'Applications of a batch with eligibility verdicts and reasons (R9)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const query = parseInput(listApplicationsQuerySchema, request.query, 'query');
        response.json(await listApplications({ organisationId: requireActor(request).organisationId, batchId, ...query }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/roster',
      roles: plannerRoles,
      summary: 'Imports an xlsx roster (body: the file); all or nothing, row errors named (R7, R9)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const query = parseInput(importRosterQuerySchema, request.query, 'query');
        const data = await readUpload(request, response);
        response.status(201).json(
          await importRoster({ batchId, data, ...(query.file ? { fileName: query.file } : {}), ...(query.scopeId ? { scopeId: query.scopeId } : {}), actor: requireActor(request) }),
        );
      },
    })
    .add({
      method: 'get',
      path: '/api/my/applications',
      roles: ['candidate'],
      summary: "The signed-in candidate's applications with eligibility verdicts",
      handler: async (request, response) => {
        response.json(await listMyApplications({ actor: requireActor(request) }));
      },
    })
    // ---- admission tickets, sign-in, attendance (R10) ----
    .add({
      method: 'post',
      path: '/api/batches/:batchId/admission-tickets',
      roles: plannerRoles,
      summary: 'Admits eligible applications and issues admission tickets (seats, workstations, accounts)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        const body = parseInput(issueAdmissionTicketsRequestSchema, request.body ?? {}, 'body');
        response.status(201).json(await issueAdmissionTickets({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/admission-tickets',
      roles: planReaderRoles,
      summary: 'Admission tickets of a batch (ticket, seat, sessions)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        response.json(await listBatchAdmissionTickets({ organisationId: requireActor(request).organisationId, batchId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/admission-tickets/pdf',
      roles: plannerRoles,
      summary: 'Every admission ticket of a batch as one PDF, one per page',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParams, request.params, 'params');
        sendPdf(response, await renderAdmissionTicketsPdf({ actor: requireActor(request), batchId, renderPool: getSharedRenderPool(context.config) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/admission-tickets/:registrationId/pdf',
      roles: ['admin', 'exam_admin', 'candidate'],
      summary: 'One admission ticket as a PDF (candidates: their own only)',
      handler: async (request, response) => {
        const params = parseInput(registrationParams, request.params, 'params');
        sendPdf(response, await renderAdmissionTicketsPdf({ actor: requireActor(request), ...params, renderPool: getSharedRenderPool(context.config) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/my/admission-tickets',
      roles: ['candidate'],
      summary: "The signed-in candidate's admission tickets",
      handler: async (request, response) => {
        response.json(await listMyAdmissionTickets({ actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/sessions/:sessionId/sign-in-sheet',
      roles: planReaderRoles,
      summary: 'The sign-in sheet 签到表 of a session in its room as a PDF (R10)',
      handler: async (request, response) => {
        const params = parseInput(sessionParams, request.params, 'params');
        sendPdf(response, await renderSignInSheetPdf({ organisationId: requireActor(request).organisationId, ...params, renderPool: getSharedRenderPool(context.config) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/sessions/:sessionId/attendance',
      roles: planReaderRoles,
      summary: 'Attendance of a session: present, absent with reason, unmarked (R10)',
      handler: async (request, response) => {
        const params = parseInput(sessionParams, request.params, 'params');
        response.json(await getSessionAttendance({ organisationId: requireActor(request).organisationId, ...params }));
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/sessions/:sessionId/attendance',
      roles: plannerRoles,
      summary: 'Marks a candidate present or absent (reason required) at the room; audited (R10)',
      handler: async (request, response) => {
        const params = parseInput(sessionParams, request.params, 'params');
        const body = parseInput(recordAttendanceRequestSchema, request.body, 'body');
        response.json(await recordAttendance({ ...params, request: body, actor: requireActor(request) }));
      },
    });
}
