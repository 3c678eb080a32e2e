/**
 * Reports contracts (issue 12; R1 bank upkeep, R20 effectiveness indicators): zod schemas and
 * inferred types for every HTTP body, query and params of /api/reports. Meant to be re-exported by
 * `server/src/contracts` for the client. Units: fractions 0..1 for rates and thresholds, points for
 * scores, ratings 1..5.
 */
import { z } from 'zod';
import { batchParamsSchema, objectIdSchema } from '../../contracts/common';

export { batchParamsSchema };


const fraction = z.number().finite('must be a finite number').min(0, 'must be a fraction 0..1').max(1, 'must be a fraction 0..1');
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

// ---- settings -------------------------------------------------------------------------------------

/** Item-analysis flag thresholds (platform conventions; no regulation sets them). */
export const itemAnalysisThresholdsSchema = z
  .object({
    /** Flag `too_difficult` below this P; default 0.2. */
    minDifficulty: fraction,
    /** Flag `too_easy` above this P; default 0.95. */
    maxDifficulty: fraction,
    /** Flag `low_discrimination` below this D (−1..1); default 0.2. */
    minDiscrimination: z.number().finite().min(-1, 'must be -1..1').max(1, 'must be -1..1'),
    /** Upper/lower group fraction; default 0.27. */
    groupFraction: fraction.refine((value) => value > 0 && value <= 0.5, 'must be more than 0 and at most 0.5'),
    /**
     * Flagged items enter the review queue only when their paper was sat by at least this many
     * candidates (smaller cohorts are analysed and reported, not queued); default 10.
     */
    minimumCandidateCount: z.number().int('must be a whole number').min(2, 'must be >= 2').max(100_000),
  })
  .strict();

/** Tolerances of paper-library parallelism (ranges across the papers). */
export const parallelismTolerancesSchema = z
  .object({
    /** Range of mean / maximum points; default 0.05. */
    maxMeanRange: fraction,
    /** Range of SD / maximum points; default 0.05. */
    maxSdRange: fraction,
    /** Range of KR-20; default 0.1. */
    maxKr20Range: fraction,
    /** Range of mean difficulty P; default 0.05. */
    maxDifficultyRange: fraction,
  })
  .strict();

/** Report settings of an organisation. */
export const reportSettingsSchema = z
  .object({
    itemAnalysis: itemAnalysisThresholdsSchema,
    parallelism: parallelismTolerancesSchema,
  })
  .strict();
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

/** PUT /api/reports/settings: any subset; omitted values keep their current setting. */
export const updateReportSettingsRequestSchema = z
  .object({
    itemAnalysis: itemAnalysisThresholdsSchema.partial().optional(),
    parallelism: parallelismTolerancesSchema.partial().optional(),
  })
  .strict();
export type UpdateReportSettingsRequest = z.infer<typeof updateReportSettingsRequestSchema>;

// ---- item analysis --------------------------------------------------------------------------------

/** GET /api/reports/review-queue query. */
export const reviewQueueQuerySchema = z.object({ scopeId: objectIdSchema.optional() }).strict();

/** Export formats. */
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** `?format=csv|xlsx` of the export routes. */
export const exportQuerySchema = z.object({ format: z.enum(exportFormats) }).strict();

// ---- pass rates and indicators ----------------------------------------------------------------------

/** Dimensions of the pass-rate report. */
export const passRateDimensions = ['occupation', 'work_type', 'level', 'department', 'batch'] as const;
export type PassRateDimension = (typeof passRateDimensions)[number];

const batchFilterShape = {
  /** Only this batch. */
  batchId: objectIdSchema.optional(),
  /** Batches whose first session (or creation) date is on or after this date (China time). */
  from: calendarDate.optional(),
  /** … on or before this date. */
  to: calendarDate.optional(),
};

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

/** GET /api/reports/pass-rates query. */
export const passRatesQuerySchema = z
  .object({
    dimension: z.enum(passRateDimensions),
    ...batchFilterShape,
    /** Count results not yet approved by the committee (`computed`) too; default false. */
    includeComputed: booleanText.optional(),
  })
  .strict();
export type PassRatesQuery = z.infer<typeof passRatesQuerySchema>;

/** GET /api/reports/pass-rates/export query. */
export const passRatesExportQuerySchema = passRatesQuerySchema.extend({ format: z.enum(exportFormats) }).strict();

/** GET /api/reports/indicators query. */
export const indicatorsQuerySchema = z.object({ ...batchFilterShape }).strict();
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;

// ---- feedback (R20) ---------------------------------------------------------------------------------

/** Who gives R20 feedback: participants (candidates), staff, departments. */
export const feedbackKinds = ['participant', 'staff', 'department'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** POST /api/reports/batches/:batchId/feedback. */
export const submitFeedbackRequestSchema = z
  .object({
    /** Default: `participant` for candidates, `staff` for staff. */
    kind: z.enum(feedbackKinds).optional(),
    rating: z.number().int('must be a whole number 1..5').min(1, 'must be 1..5').max(5, 'must be 1..5'),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    /** Department feedback: the department speaking (required for kind `department`). */
    department: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters').optional(),
  })
  .strict();
export type SubmitFeedbackRequest = z.infer<typeof submitFeedbackRequestSchema>;
