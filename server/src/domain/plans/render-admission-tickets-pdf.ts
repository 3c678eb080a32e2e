/**
 * Admission tickets 准考证 as a PDF, one ticket per page: a batch's for planners, one registration's
 * for planners or for the candidate it belongs to.
 */
import { Types } from 'mongoose';
import type { RenderPool } from '../../render/render-pool';
import { admissionTicketPdfOptions, buildAdmissionTicketsHtml } from '../../render/templates/admission-ticket';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { buildAdmissionTicketViews } from './admission-ticket-views';
import { loadBatch } from './load-batch';
import { RegistrationModel, type RegistrationRecord } from './registration.model';

/**
 * Tickets of a batch as one PDF, one ticket per page: all of them, or one registration's.
 * A candidate gets only their own (others answer 404).
 * @throws AppError `not_found` for an unknown batch or registration, or one not the candidate's;
 *   `browser_unavailable` without a browser.
 */
export async function renderAdmissionTicketsPdf(options: {
  actor: Actor;
  batchId: string;
  registrationId?: string;
  renderPool: RenderPool;
}): Promise<{ pdf: Buffer; fileName: string }> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const filter: Record<string, unknown> = { batchId: batch._id };
  if (options.registrationId !== undefined) {
    if (!Types.ObjectId.isValid(options.registrationId)) throw new AppError('not_found', `Registration ${options.registrationId} does not exist`);
    filter._id = new Types.ObjectId(options.registrationId);
  }
  const isCandidate = actor.roles.includes('candidate') && !actor.roles.some((role) => role === 'admin' || role === 'exam_admin');
  if (isCandidate) filter.candidateId = new Types.ObjectId(actor.userId);
  const registrations = await RegistrationModel.find(filter).sort({ admissionTicketNumber: 1 }).lean<RegistrationRecord[]>();
  if (registrations.length === 0) {
    throw new AppError('not_found', options.registrationId ? `Registration ${options.registrationId} does not exist` : `Batch ${batch.code} has no admission tickets`);
  }
  const tickets = await buildAdmissionTicketViews(batch, registrations);
  const pdf = await options.renderPool.renderPdf({ html: buildAdmissionTicketsHtml(tickets), pdfOptions: { ...admissionTicketPdfOptions } });
  const fileName = tickets.length === 1 ? `admission-ticket-${tickets[0].admissionTicketNumber}.pdf` : `admission-tickets-${batch.admissionTicketPrefix ?? String(batch._id)}.pdf`;
  return { pdf, fileName };
}
