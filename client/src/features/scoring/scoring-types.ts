/**
 * JSON shapes of /api/scoring as the client reads them: the server's own view types
 * (server/src/domain/scoring: scoring.contracts.ts views, get-result-summary.ts,
 * direct-grading-access.ts), imported as types only so no server code reaches the bundle. Points are points,
 * weights of results are fractions 0..1, weights on the direct-grading form are percent 0..100 (R5).
 */

import type { ScoreCardView as ServerScoreCardView } from '@skillcert/server/contracts';
import type { DirectGradingSignatory } from '@skillcert/server/domain/scoring/direct-grading';

export type { CardComponent, ResultComponentKey, ResultView, ScoreEntryView } from '@skillcert/server/contracts';
export type { SubmitCardScoreRequestBody as SubmitCardScoreRequest } from '@skillcert/server/contracts';
export type { ResultSummary, ResultSummaryRow } from '@skillcert/server/domain/scoring/get-result-summary';
export type { ComputedResults } from '@skillcert/server/domain/scoring/compute-results';
export type { ApprovedResults } from '@skillcert/server/domain/scoring/approve-results';
export type { PreparedScoreCards } from '@skillcert/server/domain/scoring/prepare-score-cards';
export type { DirectGradingSignatory } from '@skillcert/server/domain/scoring/direct-grading';

/** One practical task of a card, with its criteria and veto items 否决项. */
export type CardTask = NonNullable<ServerScoreCardView['tasks']>[number];

/**
 * Reconciliation of the entries (R6), shown once every required score is in. Client-side: the
 * server declares `ScoreCardView.reconciliation` as `unknown`; this is the shape the page reads.
 */
export interface Reconciliation {
  status: 'pending' | 'final' | 'needs_arbitration' | 'needs_committee';
  method?: string;
  reason?: 'difference_over_threshold' | 'veto_disagreement';
  differencePoints?: number;
  allowedDifferencePoints?: number;
  finalPoints?: number;
}

/** A score card as the viewer may see it (R6), with `reconciliation` typed for the page. */
export type ScoreCardView = Omit<ServerScoreCardView, 'reconciliation'> & { reconciliation?: Reconciliation };

// Runtime constants stay client-side: `import type` cannot bring values, and importing the
// server's direct-grading.ts as a value would put server code into the bundle.

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

// The direct-grading form types stay client-side: the page edits forms and ratings in mutable
// state, while the server declares them readonly; `DirectGradingView.result` is the subset read.

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
