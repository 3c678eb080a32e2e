/**
 * HTTP contracts of certificates (R13, R14, R15): zod schemas of bodies, queries and params.
 */
import { z } from 'zod';
import { batchParamsSchema, objectIdSchema } from '../../contracts/common';

export { batchParamsSchema };

const calendarDateText = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const reasonText = z.string().trim().min(1, 'is required').max(1000);

/** Params with a result id. */
export const resultParamsSchema = z.object({ resultId: objectIdSchema });
/** Params with a certificate id. */
export const certificateParamsSchema = z.object({ certificateId: objectIdSchema });
/** Params of the public verification: any text (a bad number answers "not verifiable"). */
export const verifyParamsSchema = z.object({ number: z.string().max(64) });
/** Query of the public verification: the token of the QR code. */
export const verifyQuerySchema = z.object({ t: z.string().max(128).optional() });

/** POST /api/batches/:batchId/certificates and POST /api/results/:resultId/certificate. */
export const issueCertificatesRequestSchema = z
  .object({
    /** Issue date 发证日期; today in China when absent. */
    issueDate: calendarDateText.optional(),
  })
  .strict();

/** POST /api/certificates/:certificateId/printed. */
export const recordPrintedRequestSchema = z.object({ reason: reasonText, copies: z.number().int().min(1).max(100).default(1) }).strict();

/** POST /api/certificates/:certificateId/destroyed. */
export const recordDestroyedRequestSchema = z
  .object({ reason: reasonText, copies: z.number().int().min(1).max(100).default(1), issueVersion: z.number().int().min(1).optional() })
  .strict();

/** POST /api/certificates/:certificateId/reissue. */
export const reissueCertificateRequestSchema = z
  .object({
    reason: reasonText,
    issueDate: calendarDateText.optional(),
    corrections: z
      .object({
        candidateName: z.string().trim().min(1).max(100).optional(),
        idType: z.string().trim().min(1).max(64).optional(),
        idNumber: z.string().trim().min(5).max(32).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** POST /api/certificates/:certificateId/revoke. */
export const revokeCertificateRequestSchema = z.object({ reason: reasonText }).strict();

/** GET /api/certificates/export query (R13). */
export const exportCertificatesQuerySchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  batchId: objectIdSchema.optional(),
  issuedFrom: calendarDateText.optional(),
  issuedTo: calendarDateText.optional(),
  department: z.string().trim().min(1).max(100).optional(),
});

/** POST /api/batches/:batchId/certificates/data-report (R13). */
export const recordCertificateDataReportRequestSchema = z.object({ reportedOn: calendarDateText }).strict();
