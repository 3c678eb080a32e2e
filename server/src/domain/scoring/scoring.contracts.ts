/**
 * Scoring contracts: zod schemas and inferred types for every HTTP body, query and params of
 * /api/scoring (theory score sheets, practical and comprehensive-review score cards, direct grading
 * forms, results, the result summary 评价结果汇总表, scoring settings). Meant to be re-exported by
 * `server/src/contracts` for the client. Units: points; fractions 0..1; weights on the direct-grading
 * form in percent 0..100 as printed (R5).
 */
import { z } from 'zod';
import { batchParamsSchema, objectIdSchema } from '../../contracts/common';

export { batchParamsSchema };
import { directGradingRaters, directGradingSectionKeys } from './direct-grading';

const text = (maximum: number) => z.string().trim().min(1, 'is required').max(maximum, `must be at most ${maximum} characters`);
const points = z.number().finite('must be a finite number').min(0, 'must be >= 0').max(1000, 'must be <= 1000');

/** `:attemptId` params. */
export const attemptParamsSchema = z.object({ attemptId: objectIdSchema });
/** `:cardId` params. */
export const cardParamsSchema = z.object({ cardId: objectIdSchema });
/** `:registrationId` params. */
export const registrationParamsSchema = z.object({ registrationId: objectIdSchema });
/** `:resultId` params. */
export const resultParamsSchema = z.object({ resultId: objectIdSchema });

// ---- settings -------------------------------------------------------------------------------------

/** Multiple-choice credit (R4 theory): all-or-nothing (default) or a fraction for a correct strict subset. */
export const multipleChoiceCreditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_or_nothing') }).strict(),
  z
    .object({
      kind: z.literal('partial_subset'),
      fraction: z.number().gt(0, 'must be between 0 and 1 (exclusive)').lt(1, 'must be between 0 and 1 (exclusive)'),
    })
    .strict(),
]);

/** Organisation scoring settings (defaults: all-or-nothing, pass mark 60, review panel of 3). */
export const scoringSettingsSchema = z
  .object({
    multipleChoiceCredit: multipleChoiceCreditSchema,
    /** R5: pass mark of the direct-grading form, points of 100. */
    directGradingPassMark: z.number().min(0).max(100),
    /** R4: members of a comprehensive-review panel who each score independently (2..7). */
    reviewPanelSize: z.number().int().min(2).max(7),
  })
  .strict();
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;

/** PUT /api/scoring/settings: any subset. */
export const updateScoringSettingsRequestSchema = scoringSettingsSchema.partial().strict();
export type UpdateScoringSettingsRequest = z.infer<typeof updateScoringSettingsRequestSchema>;

// ---- score cards (practical, comprehensive review) ----------------------------------------------

/** Components scored by assessors on score cards 评分表. */
export const cardComponents = ['practical', 'review'] as const;
export type CardComponent = (typeof cardComponents)[number];

/** One criterion of the comprehensive review (thesis or achievement report, defence). */
export const reviewCriterionSchema = z.object({ code: text(20), name: text(100), maxPoints: points.gt(0, 'must be > 0') }).strict();
export type ReviewCriterionInput = z.infer<typeof reviewCriterionSchema>;

/** POST /api/scoring/batches/:batchId/score-cards. */
export const prepareScoreCardsRequestSchema = z
  .object({
    component: z.enum(cardComponents),
    /** Only these registrations (default: every eligible registration of the batch). */
    registrationIds: z.array(objectIdSchema).max(5000).optional(),
    /** Review only: panel size (default the organisation setting). */
    panelSize: z.number().int().min(2).max(7).optional(),
    /** Review only: criteria (default thesis/achievement report 40 + defence 60). */
    reviewCriteria: z.array(reviewCriterionSchema).min(1).max(20).optional(),
  })
  .strict();
export type PrepareScoreCardsRequest = z.infer<typeof prepareScoreCardsRequestSchema>;

/** GET /api/scoring/batches/:batchId/score-cards query. */
export const listScoreCardsQuerySchema = z.object({ component: z.enum(cardComponents).optional() });

/** Deductions on one criterion of one practical task. */
export const criterionDeductionSchema = z
  .object({
    criterionIndex: z.number().int().min(0),
    deductedPoints: z.array(points).max(50),
  })
  .strict();

/** One practical task's sheet: deductions and veto items observed 否决项. */
export const taskSheetSchema = z
  .object({
    deductions: z.array(criterionDeductionSchema).max(100).default([]),
    vetoItemsObserved: z.array(text(500)).max(50).default([]),
  })
  .strict();

/** POST /api/scoring/score-cards/:cardId/scores: the signed-in assessor's own score. */
export const submitCardScoreRequestSchema = z
  .object({
    /** Practical: one sheet per task, in the card's task order. */
    tasks: z.array(taskSheetSchema).max(20).optional(),
    /** Review: points per criterion code. */
    criterionPoints: z.array(z.object({ code: text(20), points }).strict()).max(20).optional(),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((value) => (value.tasks === undefined) !== (value.criterionPoints === undefined), {
    message: 'give either tasks (practical) or criterionPoints (review)',
    path: ['tasks'],
  });
export type SubmitCardScoreRequest = z.infer<typeof submitCardScoreRequestSchema>;
/** The body a client sends to POST …/score-cards/:cardId/scores (before zod defaults). */
export type SubmitCardScoreRequestBody = z.input<typeof submitCardScoreRequestSchema>;

/** POST /api/scoring/score-cards/:cardId/committee-decision (evaluation committee 评价工作委员会). */
export const committeeDecisionRequestSchema = z
  .object({ finalPoints: points, isVetoed: z.boolean().default(false), decisionReference: text(200) })
  .strict();
export type CommitteeDecisionRequest = z.infer<typeof committeeDecisionRequestSchema>;

/** POST /api/scoring/batches/:batchId/sign-offs: the supervisor signs off a component's scoring. */
export const signOffRequestSchema = z.object({ component: z.enum(cardComponents), note: z.string().trim().max(1000).optional() }).strict();
export type SignOffRequest = z.infer<typeof signOffRequestSchema>;

// ---- direct grading (R5) --------------------------------------------------------------------------

const raterSchema = z.enum(directGradingRaters);

/** PUT /api/scoring/registrations/:registrationId/direct-grading: the form of the candidate. */
export const directGradingFormRequestSchema = z
  .object({
    sections: z
      .array(
        z
          .object({
            key: z.enum(directGradingSectionKeys),
            weightsPercent: z.partialRecord(raterSchema, z.number().min(0).max(100)),
            criteria: z
              .array(z.object({ code: text(20), name: text(200), maxPoints: points.gt(0, 'must be > 0'), competency: text(200).optional() }).strict())
              .min(1)
              .max(100),
          })
          .strict(),
      )
      .length(3, 'the form has three sections: professional ethics, core abilities, occupational abilities'),
  })
  .strict();
export type DirectGradingFormRequest = z.infer<typeof directGradingFormRequestSchema>;

/** POST …/direct-grading/ratings: one rater's scores of every criterion they weigh in, signed by the rater. */
export const directGradingRatingsRequestSchema = z
  .object({
    rater: raterSchema,
    /** The rater's name as signed (team leader 班组长 etc. need no platform account). */
    raterName: text(100),
    scores: z.record(z.string().min(1).max(20), points),
  })
  .strict();
export type DirectGradingRatingsRequest = z.infer<typeof directGradingRatingsRequestSchema>;

/** POST …/direct-grading/review: levels 2 and 1: on-site review or defence and the lower-level certificate. */
export const directGradingReviewRequestSchema = z
  .object({
    isOnSiteReviewPassed: z.boolean(),
    hasLowerLevelCertificate: z.boolean(),
    /** The next-lower certificate's number (R14, 22 characters); its level digit is checked. */
    lowerLevelCertificateNumber: z.string().trim().length(22, 'must be 22 characters (R14)').optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export type DirectGradingReviewRequest = z.infer<typeof directGradingReviewRequestSchema>;

/** POST …/direct-grading/signatures: the signed-in assessor or supervisor signs table 3. */
export const directGradingSignatureRequestSchema = z.object({ role: z.enum(['assessor', 'internal_quality_supervisor']) }).strict();
export type DirectGradingSignatureRequest = z.infer<typeof directGradingSignatureRequestSchema>;

// ---- results ------------------------------------------------------------------------------------

/** Result component keys. */
export const resultComponentKeys = ['theory', 'practical', 'review', 'direct_grading'] as const;
export type ResultComponentKey = (typeof resultComponentKeys)[number];

/** POST /api/scoring/batches/:batchId/results/compute. */
export const computeResultsRequestSchema = z.object({ registrationIds: z.array(objectIdSchema).max(5000).optional() }).strict();
export type ComputeResultsRequest = z.infer<typeof computeResultsRequestSchema>;

/** POST /api/scoring/batches/:batchId/results/approve. */
export const approveResultsRequestSchema = z.object({ decisionReference: z.string().trim().max(200).optional() }).strict();
export type ApproveResultsRequest = z.infer<typeof approveResultsRequestSchema>;

/** POST /api/scoring/results/:resultId/rescore (after an objection, R11). */
export const rescoreResultRequestSchema = z
  .object({
    reason: text(1000),
    changes: z
      .array(z.object({ component: z.enum(resultComponentKeys), score: z.number().min(0).max(100) }).strict())
      .min(1, 'name at least one component change')
      .max(4),
  })
  .strict();
export type RescoreResultRequest = z.infer<typeof rescoreResultRequestSchema>;

// ---- views ----------------------------------------------------------------------------------------

/** A stored theory score sheet. */
export interface TheoryScoreSheetView {
  id: string;
  attemptId: string;
  registrationId: string;
  candidateId: string;
  batchId: string;
  paperId: string;
  seed: string;
  multipleChoiceCredit: z.infer<typeof multipleChoiceCreditSchema>;
  totalPoints: number;
  maxPoints: number;
  correctCount: number;
  items: Array<{
    slot: number;
    paperSlotIndex: number;
    itemId: string;
    version: number;
    type: 'single' | 'multiple' | 'judge';
    knowledgePoint: string | null;
    /** optionOrder[displayedIndex] = bank option index. */
    optionOrder: number[];
    displayedResponse: number[];
    selected: number[];
    outcome: 'correct' | 'partial' | 'wrong' | 'unanswered';
    points: number;
    maxPoints: number;
  }>;
  byKnowledgePoint: Array<{ knowledgePoint: string | null; itemCount: number; correctCount: number; points: number; maxPoints: number; fraction: number }>;
  scoredAt: string;
}

/** One assessor's entry as visible to the viewer. */
export interface ScoreEntryView {
  assessorId: string;
  assessorName: string;
  stage: 'independent' | 'arbitration';
  totalPoints: number;
  isVetoed: boolean;
  /** Practical: per task, per criterion. */
  tasks?: Array<{ title: string; totalPoints: number; maxPoints: number; isVetoed: boolean; vetoItemsObserved: string[]; byCriterion: Array<{ criterion: string; maxPoints: number; deductedPoints: number; points: number }> }>;
  /** Review: per criterion. */
  criterionPoints?: Array<{ code: string; name: string; points: number; maxPoints: number }>;
  comment?: string;
  /** The electronic signature time of the entry (ISO). */
  submittedAt: string;
}

/** A score card as the viewer may see it (R6: no other assessor's score before all required are in). */
export interface ScoreCardView {
  id: string;
  component: CardComponent;
  batchId: string;
  registrationId: string;
  candidateId: string;
  candidateName: string;
  admissionTicketNumber: string;
  level: number;
  paperId?: string;
  paperCode?: string;
  tasks?: Array<{ itemId: string; version: number; title: string; task: string; maxPoints: number; criteria: Array<{ criterion: string; maxPoints: number; deductionRule: string }>; vetoItems: string[] }>;
  reviewCriteria?: Array<{ code: string; name: string; maxPoints: number }>;
  maxPoints: number;
  requiredScoreCount: number;
  status: 'open' | 'needs_arbitration' | 'needs_committee' | 'final';
  /** How many assessors have scored (names only, never points, until visible). */
  scoredCount: number;
  /** True once every required score is in and the viewer may see all of them. */
  areScoresVisible: boolean;
  entries: ScoreEntryView[];
  /** The viewer's own entry, if any. */
  myEntry: ScoreEntryView | null;
  /** Whether the viewer may submit a score now. */
  canScore: boolean;
  reconciliation?: unknown;
  committeeDecision?: { finalPoints: number; isVetoed: boolean; decisionReference: string; decidedBy: string; decidedAt: string };
  finalPoints: number | null;
  isVetoed: boolean | null;
}

/** A result as presented. */
export interface ResultView {
  id: string;
  batchId: string;
  registrationId: string;
  candidateId: string;
  scopeId: string;
  level: number;
  mode: 'grading' | 'promotion';
  components: Array<{ key: ResultComponentKey; score: number; weight: number; passMark: number; isPass: boolean }>;
  totalScore: number;
  isPass: boolean;
  status: 'computed' | 'approved' | 'published' | 'locked';
  approvedBy?: string;
  approvedAt?: string;
  assessmentDate: string;
  revisions: Array<{ at: string; by: string; reason: string; previous: { components: ResultView['components']; totalScore: number; isPass: boolean }; changes?: Array<{ component: ResultComponentKey; score: number }> }>;
}
