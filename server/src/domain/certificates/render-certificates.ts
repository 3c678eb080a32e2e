/**
 * Certificate PDFs (R15): one certificate, or every valid certificate of a batch as a zip of PDFs
 * with progress events `certificates.render_progress`.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { RenderPool } from '../../render/render-pool';
import { zipFiles } from '../archive/zip-files';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { loadBatch } from '../plans/load-batch';
import { describeIdType } from '../publication/mask-personal-data';
import './certificate-events';
import type { CertificateLevelCode } from './certificate-number';
import { buildCertificateHtml, certificatePdfOptions, type CertificateTemplateData } from './certificate-template';
import { CertificateModel, type CertificateRecord } from './certificate.model';
import { loadCertificate } from './change-certificate';
import { certificateVerificationUrl } from './verify-certificate';

/** Template data of the current version of `certificate` (R15), with its QR code URL. */
export function toCertificateTemplateData(certificate: CertificateRecord, baseUrl: string, key: Buffer): CertificateTemplateData {
  return {
    candidateName: certificate.holder.candidateName,
    idType: describeIdType(certificate.holder.idType),
    idNumber: certificate.holder.idNumber,
    occupationName: certificate.occupationName,
    workTypeName: certificate.workTypeName,
    level: certificate.level as CertificateLevelCode,
    certificateNumber: certificate.number,
    verificationUrl: certificateVerificationUrl(baseUrl, certificate, key),
    organisationName: certificate.organisationName,
    issueDate: certificate.issueDate,
  };
}

function pdfFileName(certificate: Pick<CertificateRecord, 'number' | 'issueVersion'>): string {
  return `${certificate.number}-v${certificate.issueVersion}.pdf`;
}

/**
 * The PDF of certificate `certificateId`'s current version (A4 landscape, R15). Rendering is not
 * printing: record printing in the ledger separately.
 * @param options.baseUrl public origin the QR code points to, e.g. `https://cert.example.cn`.
 * @throws AppError `not_found`; `conflict` for a revoked certificate; `browser_unavailable`.
 */
export async function renderCertificatePdf(options: {
  actor: Actor;
  certificateId: string;
  baseUrl: string;
  key: Buffer;
  renderPool: RenderPool;
}): Promise<{ pdf: Buffer; fileName: string }> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  if (certificate.status !== 'issued') {
    throw new AppError('conflict', `Certificate ${certificate.number} is revoked; it is not printed`);
  }
  const html = await buildCertificateHtml(toCertificateTemplateData(certificate, options.baseUrl, options.key));
  const pdf = await options.renderPool.renderPdf({ html, pdfOptions: { ...certificatePdfOptions } });
  return { pdf, fileName: pdfFileName(certificate) };
}

/**
 * Renders every valid certificate of batch `batchId` (in number order) and zips the PDFs
 * (`<number>-v<version>.pdf`). After each finished PDF, emits `certificates.render_progress`
 * `{ organisationId, batchId, jobId, completed, total, at }`.
 * @throws AppError `not_found` (batch); `browser_unavailable`.
 */
export async function renderBatchCertificates(options: {
  actor: Actor;
  batchId: string;
  baseUrl: string;
  key: Buffer;
  renderPool: RenderPool;
  jobId?: string;
}): Promise<{ zip: Buffer; count: number; jobId: string; fileName: string }> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const jobId = options.jobId ?? randomUUID();
  const certificates = await CertificateModel.find({
    organisationId: new Types.ObjectId(options.actor.organisationId),
    batchId: batch._id,
    status: 'issued',
  })
    .sort({ number: 1 })
    .lean<CertificateRecord[]>();
  const jobs = await Promise.all(
    certificates.map(async (certificate) => ({
      html: await buildCertificateHtml(toCertificateTemplateData(certificate, options.baseUrl, options.key)),
      pdfOptions: { ...certificatePdfOptions },
    })),
  );
  const emit = (completed: number) =>
    domainEvents.emit('certificates.render_progress', {
      organisationId: options.actor.organisationId,
      batchId: String(batch._id),
      jobId,
      completed,
      total: certificates.length,
      at: Date.now(),
    });
  emit(0);
  const pdfs = await options.renderPool.renderPdfBatch(jobs, { onProgress: (progress) => emit(progress.completed) });
  const zip = await zipFiles(certificates.map((certificate, index) => ({ path: pdfFileName(certificate), content: pdfs[index] })));
  return { zip, count: certificates.length, jobId, fileName: `certificates-${batch.code}.zip`.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_') };
}
