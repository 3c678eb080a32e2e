/**
 * HTTP routes of certificates (R13, R14, R15): issue, ledger, PDFs, HR export, and the public
 * verification — JSON under /api/verify and the HTML page `/verify/:number` that the QR code opens
 * (outside /api; registered in the same route table, public).
 */
import type { Request } from 'express';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import {
  batchParamsSchema,
  certificateParamsSchema,
  exportCertificatesQuerySchema,
  issueCertificatesRequestSchema,
  recordCertificateDataReportRequestSchema,
  recordDestroyedRequestSchema,
  recordPrintedRequestSchema,
  reissueCertificateRequestSchema,
  resultParamsSchema,
  revokeCertificateRequestSchema,
  verifyParamsSchema,
  verifyQuerySchema,
} from './certificates.contracts';
import { presentCertificate } from './certificate.presenter';
import { recordCertificateDestroyed, recordCertificatePrinted, reissueCertificate, revokeCertificate } from './change-certificate';
import { withSharedRenderPool } from '../../render/shared-render-pool';
import { exportCertificateData } from './export-certificate-data';
import { issueBatchCertificates, issueCertificate } from './issue-certificates';
import { getCertificate, listBatchCertificates, listOwnCertificates, recordCertificateDataReport } from './list-certificates';
import { renderBatchCertificates, renderCertificatePdf } from './render-certificates';
import { buildVerificationPageHtml, verificationPageContentSecurityPolicy } from './verification-page';
import { deriveVerificationKey, verifyCertificate } from './verify-certificate';

/** Staff who issue and keep certificates. */
const certificateStaff = ['admin', 'hr'] as const;

/** The public origin a QR code points to: the request's protocol and host (honours `trust proxy`). */
function publicBaseUrl(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

function attachmentName(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Registers the certificate routes and the public verification routes. */
export function registerCertificateRoutes(registry: RouteRegistry, context: AppContext): void {
  const key = deriveVerificationKey(context.config);
  registry
    .add({
      method: 'post',
      path: '/api/batches/:batchId/certificates',
      roles: [...certificateStaff],
      summary: 'Issues certificates for every passing locked result of the batch (R14, R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(issueCertificatesRequestSchema, request.body ?? {}, 'body');
        response.status(201).json(await issueBatchCertificates({ actor, batchId, ...(body.issueDate ? { issueDate: body.issueDate } : {}) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/batches/:batchId/certificates',
      roles: ['admin', 'hr', 'exam_admin'],
      summary: 'Certificates of the batch (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json({ certificates: await listBatchCertificates({ actor, batchId }) });
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/certificates/render',
      roles: [...certificateStaff],
      summary: 'Renders every valid certificate of the batch to PDF, zipped; progress as certificates.render_progress (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const rendered = await withSharedRenderPool(context.config, (renderPool) =>
          renderBatchCertificates({ actor, batchId, baseUrl: publicBaseUrl(request), key, renderPool }),
        );
        response.setHeader('Content-Type', 'application/zip');
        response.setHeader('Content-Disposition', attachmentName(rendered.fileName));
        response.setHeader('X-Render-Job-Id', rendered.jobId);
        response.setHeader('X-Certificate-Count', String(rendered.count));
        response.send(rendered.zip);
      },
    })
    .add({
      method: 'post',
      path: '/api/batches/:batchId/certificates/data-report',
      roles: [...certificateStaff],
      summary: 'Records the day the certificate data were reported to the guidance body (R13)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(recordCertificateDataReportRequestSchema, request.body, 'body');
        response.json(await recordCertificateDataReport({ actor, batchId, reportedOn: body.reportedOn }));
      },
    })
    .add({
      method: 'post',
      path: '/api/results/:resultId/certificate',
      roles: [...certificateStaff],
      summary: 'Issues the certificate of one passing locked result (R14, R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { resultId } = parseInput(resultParamsSchema, request.params, 'params');
        const body = parseInput(issueCertificatesRequestSchema, request.body ?? {}, 'body');
        const certificate = await issueCertificate({ actor, resultId, ...(body.issueDate ? { issueDate: body.issueDate } : {}) });
        response.status(201).json(presentCertificate(certificate));
      },
    })
    .add({
      method: 'get',
      path: '/api/certificates/mine',
      roles: ['candidate'],
      summary: "The candidate's own certificates (R15)",
      handler: async (request, response) => {
        response.json({ certificates: await listOwnCertificates(requireActor(request)) });
      },
    })
    .add({
      method: 'get',
      path: '/api/certificates/export',
      roles: [...certificateStaff],
      summary: 'Certificate data for HR and the guidance body as xlsx or CSV, filtered by batch, issue dates, department; audited (R13)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { format, ...filters } = parseInput(exportCertificatesQuerySchema, request.query, 'query');
        const exported = await exportCertificateData({ actor, format, filters });
        response.setHeader('Content-Type', exported.contentType);
        response.setHeader('Content-Disposition', attachmentName(exported.fileName));
        response.setHeader('X-Row-Count', String(exported.rowCount));
        response.setHeader('Cache-Control', 'no-store');
        response.send(exported.content);
      },
    })
    .add({
      method: 'get',
      path: '/api/certificates/:certificateId',
      roles: [...certificateStaff],
      summary: 'One certificate with its ledger (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        response.json(await getCertificate({ actor, certificateId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/certificates/:certificateId/pdf',
      roles: [...certificateStaff],
      summary: "The certificate's current version as an A4 landscape PDF with its QR code (R15)",
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        const { pdf, fileName } = await withSharedRenderPool(context.config, (renderPool) =>
          renderCertificatePdf({ actor, certificateId, baseUrl: publicBaseUrl(request), key, renderPool }),
        );
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
        response.send(pdf);
      },
    })
    .add({
      method: 'post',
      path: '/api/certificates/:certificateId/printed',
      roles: [...certificateStaff],
      summary: 'Ledger: copies of the current version printed (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        const body = parseInput(recordPrintedRequestSchema, request.body, 'body');
        response.json(presentCertificate(await recordCertificatePrinted({ actor, certificateId, ...body })));
      },
    })
    .add({
      method: 'post',
      path: '/api/certificates/:certificateId/destroyed',
      roles: [...certificateStaff],
      summary: 'Ledger: copies destroyed, with the reason (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        const body = parseInput(recordDestroyedRequestSchema, request.body, 'body');
        await recordCertificateDestroyed({ actor, certificateId, ...body });
        response.json(await getCertificate({ actor, certificateId }));
      },
    })
    .add({
      method: 'post',
      path: '/api/certificates/:certificateId/reissue',
      roles: [...certificateStaff],
      summary: 'Reissues a lost or wrong certificate: same number, next issue version, old one withdrawn (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        const body = parseInput(reissueCertificateRequestSchema, request.body, 'body');
        response.json(presentCertificate(await reissueCertificate({ actor, certificateId, ...body })));
      },
    })
    .add({
      method: 'post',
      path: '/api/certificates/:certificateId/revoke',
      roles: ['admin'],
      summary: 'Revokes a certificate for good, with the reason (R15)',
      handler: async (request, response) => {
        const actor = requireActor(request);
        const { certificateId } = parseInput(certificateParamsSchema, request.params, 'params');
        const body = parseInput(revokeCertificateRequestSchema, request.body, 'body');
        response.json(presentCertificate(await revokeCertificate({ actor, certificateId, reason: body.reason })));
      },
    })
    .add({
      method: 'get',
      path: '/api/verify/:number',
      roles: 'public',
      summary: "Public verification of a certificate's QR code: valid, revoked, replaced or not verifiable (R15)",
      handler: async (request, response) => {
        const { number } = parseInput(verifyParamsSchema, request.params, 'params');
        const { t } = parseInput(verifyQuerySchema, request.query, 'query');
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('Referrer-Policy', 'no-referrer');
        response.json(await verifyCertificate({ number, token: t, key }));
      },
    })
    .add({
      method: 'get',
      path: '/verify/:number',
      roles: 'public',
      summary: 'Public verification page the certificate QR code opens (HTML, not under /api) (R15)',
      handler: async (request, response) => {
        const number = typeof request.params.number === 'string' ? request.params.number.slice(0, 64) : '';
        const token = typeof request.query.t === 'string' ? request.query.t.slice(0, 128) : undefined;
        const view = await verifyCertificate({ number, token, key });
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.setHeader('Content-Security-Policy', verificationPageContentSecurityPolicy);
        response.setHeader('Cache-Control', 'no-store');
        response.setHeader('Referrer-Policy', 'no-referrer');
        response.setHeader('X-Robots-Tag', 'noindex');
        response.send(buildVerificationPageHtml(view));
      },
    });
}
