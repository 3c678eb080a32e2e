/**
 * JSON shapes of /api/scoring as the client reads them (mirrors server/src/domain/scoring:
 * scoring.contracts.ts views, get-result-summary.ts, direct-grading-access.ts). Points are points,
 * weights of results are fractions 0..1, weights on the direct-grading form are percent 0..100 (R5).
 */

/** Components scored on score cards 评分表. */
export type CardComponent = 'practical' | 'review';

/** Result component keys (R4, R5). */
export type ResultComponentKey = 'theory' | 'practical' | 'review' | 'direct_grading';

/** One practical criterion as printed on the card. */
export interface CardCriterion {
  criterion: string;
  maxPoints: number;
  deductionRule: string;
}

/** One practical task of a card. */
export interface CardTask {
  itemId: string;
  version: number;
  title: string;
  task: string;
  maxPoints: number;
  criteria: CardCriterion[];
  /** Veto items 否决项: any one observed fails the practical assessment. */
  vetoItems: string[];
}

/** One assessor's entry as the viewer may see it. */
export interface ScoreEntryView {
  assessorId: string;
  assessorName: string;
  stage: 'independent' | 'arbitration';
  totalPoints: number;
  isVetoed: boolean;
  tasks?: Array<{
    title: string;
    totalPoints: number;
    maxPoints: number;
    isVetoed: boolean;
    vetoItemsObserved: string[];
    byCriterion: Array<{ criterion: string; maxPoints: number; deductedPoints: number; points: number }>;
  }>;
  criterionPoints?: Array<{ code: string; name: string; points: number; maxPoints: number }>;
  comment?: string;
  submittedAt: string;
}

/** Reconciliation of the entries (R6), shown once every required score is in. */
export interface Reconciliation {
  status: 'pending' | 'final' | 'needs_arbitration' | 'needs_committee';
  method?: string;
  reason?: 'difference_over_threshold' | 'veto_disagreement';
  differencePoints?: number;
  allowedDifferencePoints?: number;
  finalPoints?: number;
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
  tasks?: CardTask[];
  reviewCriteria?: Array<{ code: string; name: string; maxPoints: number }>;
  maxPoints: number;
  requiredScoreCount: number;
  status: 'open' | 'needs_arbitration' | 'needs_committee' | 'final';
  scoredCount: number;
  areScoresVisible: boolean;
  entries: ScoreEntryView[];
  myEntry: ScoreEntryView | null;
  canScore: boolean;
  reconciliation?: Reconciliation;
  committeeDecision?: { finalPoints: number; isVetoed: boolean; decisionReference: string; decidedBy: string; decidedAt: string };
  finalPoints: number | null;
  isVetoed: boolean | null;
}

/** POST /api/scoring/score-cards/:cardId/scores body. */
export interface SubmitCardScoreRequest {
  tasks?: Array<{ deductions: Array<{ criterionIndex: number; deductedPoints: number[] }>; vetoItemsObserved: string[] }>;
  criterionPoints?: Array<{ code: string; points: number }>;
  comment?: string;
}

/** A computed result. */
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
  approvedAt?: string;
  assessmentDate: string;
  revisions: Array<{ at: string; by: string; reason: string; previous: { totalScore: number; isPass: boolean }; changes?: Array<{ component: ResultComponentKey; score: number }> }>;
}

/** One row of the result summary 评价结果汇总表. */
export interface ResultSummaryRow {
  index: number;
  registrationId: string;
  resultId: string | null;
  admissionTicketNumber: string;
  candidateName: string;
  idNumber: string;
  department: string;
  occupation: string;
  level: number;
  levelName: string;
  scores: Record<ResultComponentKey, number | null>;
  totalScore: number | null;
  isPass: boolean | null;
  status: ResultView['status'] | 'pending';
  revisionCount: number;
}

/** GET /api/scoring/batches/:batchId/results. */
export interface ResultSummary {
  organisationName: string;
  batch: { id: string; code: string; name: string; mode: 'grading' | 'promotion'; status: string };
  scopes: Array<{ occupationCode: string; occupationName: string; workType: string; level: number; weights: { theory: number; practical: number; review?: number } }>;
  rows: ResultSummaryRow[];
  counts: { registered: number; withResult: number; passed: number; failed: number; pending: number; passRate: number };
  approval: { approvedAt: string; approvedBy: string } | null;
  signOffs: Array<{ component: CardComponent; signerName: string; signedAt: string }>;
  generatedAt: string;
}

/** POST …/results/compute answer. */
export interface ComputedResults {
  computedCount: number;
  unchanged: Array<{ registrationId: string; status: string }>;
  incomplete: Array<{ registrationId: string; admissionTicketNumber: string; candidateName: string; missing: ResultComponentKey[] }>;
  results: ResultView[];
}

/** POST …/results/approve answer. */
export interface ApprovedResults {
  batchId: string;
  approvedCount: number;
  approvedAt: string;
  approvedBy: string;
}

/** POST …/score-cards answer. */
export interface PreparedScoreCards {
  component: CardComponent;
  createdCount: number;
  cardCount: number;
}

/** The four raters of the direct-grading form (R5), in column order. */
export const directGradingRaters = ['team_leader', 'workshop_head', 'competent_department', 'hr_department'] as const;
/** One rater. */
export type DirectGradingRater = (typeof directGradingRaters)[number];
/** The three sections in form order (10 + 10 + 80 points). */
export const directGradingSectionKeys = ['professional_ethics', 'core_abilities', 'occupational_abilities'] as const;
/** One section key. */
export type DirectGradingSectionKey = (typeof directGradingSectionKeys)[number];
/** Points of each section (R5). */
export const directGradingSectionMaxPoints: Record<DirectGradingSectionKey, number> = { professional_ethics: 10, core_abilities: 10, occupational_abilities: 80 };

/** One row of the form. */
export interface DirectGradingCriterion {
  code: string;
  name: string;
  maxPoints: number;
  competency?: string;
}

/** One section of the form with its weight row (percent per rater, summing to 100). */
export interface DirectGradingSection {
  key: DirectGradingSectionKey;
  weightsPercent: Partial<Record<DirectGradingRater, number>>;
  criteria: DirectGradingCriterion[];
}

/** Scores per criterion code, per rater, in points. */
export type DirectGradingRatings = Record<string, Partial<Record<DirectGradingRater, number>>>;

/** Signatories of table 3 (R5). */
export type DirectGradingSignatory =
  | 'team_leader'
  | 'workshop_head'
  | 'competent_department_head'
  | 'hr_department_head'
  | 'assessor'
  | 'internal_quality_supervisor';

/** GET /api/scoring/registrations/:registrationId/direct-grading. */
export interface DirectGradingView {
  id: string;
  batchId: string;
  registrationId: string;
  candidateId: string;
  candidateName: string;
  level: number;
  form: { level: number; sections: DirectGradingSection[] };
  ratings: DirectGradingRatings;
  raterSignatures: Partial<Record<DirectGradingRater, { raterName: string; signedAt: string }>>;
  assessorSignature: { userId: string; name: string; signedAt: string } | null;
  supervisorSignature: { userId: string; name: string; signedAt: string } | null;
  onSiteReview: { isPassed: boolean; recordedAt: string; note?: string } | null;
  lowerLevelCertificate: { hasCertificate: boolean; certificateNumber?: string; checkedAt: string } | null;
  result: { totalPoints: number; maxPoints: number; passMark: number; isFormPassed: boolean; outcome: 'passed' | 'failed' | 'awaiting_review' } | null;
  missingSignatures: DirectGradingSignatory[];
}
