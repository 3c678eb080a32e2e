/**
 * HTTP routes of scoring (/api/scoring; R4, R5, R6, R11, R19). Thin handlers: parse with the zod
 * schemas of `scoring.contracts.ts`, call one use case, present. Roles:
 * - assessors score their own cards and sign direct-grading forms; they never see another
 *   assessor's score before every required score is in (R6, enforced by the presenter);
 * - the internal quality supervisor signs off scoring, signs forms, records committee decisions and,
 *   with administrators, approves results and re-scores for the evaluation committee;
 * - exam administrators and administrators prepare cards, enter forms, compute and view results;
 * - candidates read only their own published results.
 * Registering the routes also subscribes objective scoring to `attempt.submitted`.
 */
import type { Response } from 'express';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { approveBatchResults } from './approve-results';
import { computeBatchResults } from './compute-results';
import { getResultSummary } from './get-result-summary';
import { getResult, listOwnResults } from './get-results';
import { getScoreCard, listScoreCards } from './get-score-cards';
import { getTheoryScoreSheet } from './get-theory-score-sheet';
import { prepareScoreCards } from './prepare-score-cards';
import { recordCommitteeDecision } from './record-committee-decision';
import { recordDirectGradingRatings } from './record-direct-grading-ratings';
import { recordDirectGradingReview } from './record-direct-grading-review';
import { renderResultSummaryPdf, renderScoreSheetPdf } from './render-scoring-pdfs';
import { rescoreResultAsCommittee } from './rescore-result';
import { saveDirectGradingForm } from './save-direct-grading-form';
import { scoreBatchTheory, scoreTheoryAttempt, subscribeTheoryScoring } from './score-theory-attempt';
import { loadScoringSettings } from './scoring-access';
import {
  approveResultsRequestSchema,
  attemptParamsSchema,
  batchParamsSchema,
  cardParamsSchema,
  committeeDecisionRequestSchema,
  computeResultsRequestSchema,
  directGradingFormRequestSchema,
  directGradingRatingsRequestSchema,
  directGradingReviewRequestSchema,
  directGradingSignatureRequestSchema,
  listScoreCardsQuerySchema,
  prepareScoreCardsRequestSchema,
  registrationParamsSchema,
  rescoreResultRequestSchema,
  resultParamsSchema,
  signOffRequestSchema,
  submitCardScoreRequestSchema,
  updateScoringSettingsRequestSchema,
} from './scoring.contracts';
import { withSharedRenderPool } from '../../render/shared-render-pool';
import { signDirectGrading, getDirectGrading } from './sign-direct-grading';
import { signOffScoring } from './sign-off-scoring';
import { submitCardScore } from './submit-card-score';
import { presentTheoryScoreSheet } from './theory-score-sheet.presenter';
import { updateScoringSettings } from './update-scoring-settings';

function sendPdf(response: Response, file: { pdf: Buffer; fileName: string }): void {
  response.setHeader('Content-Type', 'application/pdf');
  response.setHeader('Content-Disposition', `inline; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
  response.send(file.pdf);
}

/** Registers every /api/scoring route and subscribes theory scoring to `attempt.submitted`. */
export function registerScoringRoutes(registry: RouteRegistry, context: AppContext): void {
  subscribeTheoryScoring({ logger: context.logger });
  const staffReaders = ['admin', 'exam_admin', 'supervisor', 'assessor'] as const;
  registry
    .add({
      method: 'get',
      path: '/api/scoring/settings',
      roles: ['admin', 'exam_admin'],
      summary: 'Scoring settings: multiple-choice credit, direct-grading pass mark, review panel size (R4, R5)',
      handler: async (request, response) => {
        response.json(await loadScoringSettings(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'put',
      path: '/api/scoring/settings',
      roles: ['admin'],
      summary: 'Changes the scoring settings (audited)',
      handler: async (request, response) => {
        const body = parseInput(updateScoringSettingsRequestSchema, request.body, 'body');
        response.json(await updateScoringSettings({ request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/attempts/:attemptId/theory',
      roles: ['admin', 'exam_admin'],
      summary: 'Scores a submitted theory attempt (idempotent; normally done on attempt.submitted) (R4)',
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        response.json(presentTheoryScoreSheet(await scoreTheoryAttempt({ attemptId, actor: requireActor(request) })));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/attempts/:attemptId/theory',
      roles: ['admin', 'exam_admin', 'supervisor'],
      summary: "An attempt's theory score sheet: items, permutation, outcome, knowledge points (R4)",
      handler: async (request, response) => {
        const { attemptId } = parseInput(attemptParamsSchema, request.params, 'params');
        response.json(await getTheoryScoreSheet({ attemptId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/batches/:batchId/theory',
      roles: ['admin', 'exam_admin'],
      summary: 'Scores every submitted attempt of the batch that has no sheet yet (R4)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json(await scoreBatchTheory({ batchId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/batches/:batchId/score-cards',
      roles: ['admin', 'exam_admin'],
      summary: 'Prepares practical or comprehensive-review score cards (papers assigned, R3, R4, R6)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(prepareScoreCardsRequestSchema, request.body, 'body');
        response.status(201).json(await prepareScoreCards({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/batches/:batchId/score-cards',
      roles: staffReaders,
      summary: "The batch's score cards as the viewer may see them (R6 independence)",
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const query = parseInput(listScoreCardsQuerySchema, request.query, 'query');
        response.json({ cards: await listScoreCards({ batchId, component: query.component, actor: requireActor(request) }) });
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/score-cards/:cardId',
      roles: staffReaders,
      summary: 'One score card as the viewer may see it (R6 independence)',
      handler: async (request, response) => {
        const { cardId } = parseInput(cardParamsSchema, request.params, 'params');
        response.json(await getScoreCard({ cardId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/score-cards/:cardId/scores',
      roles: ['assessor'],
      summary: "The signed-in assessor's own signed score; reconciles (R4, R6)",
      handler: async (request, response) => {
        const { cardId } = parseInput(cardParamsSchema, request.params, 'params');
        const body = parseInput(submitCardScoreRequestSchema, request.body, 'body');
        response.status(201).json(await submitCardScore({ cardId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/score-cards/:cardId/committee-decision',
      roles: ['admin', 'supervisor'],
      summary: "Records the evaluation committee's final practical score (arbitration, R4, R6)",
      handler: async (request, response) => {
        const { cardId } = parseInput(cardParamsSchema, request.params, 'params');
        const body = parseInput(committeeDecisionRequestSchema, request.body, 'body');
        response.json(await recordCommitteeDecision({ cardId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/batches/:batchId/sign-offs',
      roles: ['supervisor'],
      summary: "The internal quality supervisor signs off the batch's practical or review scoring (R6, R10)",
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(signOffRequestSchema, request.body, 'body');
        response.status(201).json(await signOffScoring({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'put',
      path: '/api/scoring/registrations/:registrationId/direct-grading',
      roles: ['admin', 'exam_admin'],
      summary: "Saves the candidate's weighted multi-rater direct-grading form (R5, R19)",
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        const body = parseInput(directGradingFormRequestSchema, request.body, 'body');
        response.json(await saveDirectGradingForm({ registrationId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/registrations/:registrationId/direct-grading',
      roles: staffReaders,
      summary: "The candidate's direct-grading form, ratings, signatures and result (R5)",
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        response.json(await getDirectGrading({ registrationId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/registrations/:registrationId/direct-grading/ratings',
      roles: ['admin', 'exam_admin', 'assessor'],
      summary: "One rater's scores with the rater's signature (R5)",
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        const body = parseInput(directGradingRatingsRequestSchema, request.body, 'body');
        response.json(await recordDirectGradingRatings({ registrationId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/registrations/:registrationId/direct-grading/review',
      roles: ['admin', 'exam_admin'],
      summary: 'Levels 2 and 1: on-site review or defence and the lower-level certificate check (R5)',
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        const body = parseInput(directGradingReviewRequestSchema, request.body, 'body');
        response.json(await recordDirectGradingReview({ registrationId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/registrations/:registrationId/direct-grading/signatures',
      roles: ['assessor', 'supervisor'],
      summary: 'The assessor or the internal quality supervisor signs the direct-grading form (R5)',
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        const body = parseInput(directGradingSignatureRequestSchema, request.body, 'body');
        response.json(await signDirectGrading({ registrationId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/registrations/:registrationId/score-sheet.pdf',
      roles: ['admin', 'exam_admin', 'supervisor'],
      summary: "The candidate's score sheet PDF: theory, practical with every assessor, review, result",
      handler: async (request, response) => {
        const { registrationId } = parseInput(registrationParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        sendPdf(response, await withSharedRenderPool(context.config, (renderPool) => renderScoreSheetPdf({ registrationId, actor, renderPool })));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/batches/:batchId/results/compute',
      roles: ['admin', 'exam_admin'],
      summary: 'Computes the results of the batch (weights from the batch scope, R4, R5, R19)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(computeResultsRequestSchema, request.body ?? {}, 'body');
        response.json(await computeBatchResults({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/batches/:batchId/results',
      roles: ['admin', 'exam_admin', 'supervisor'],
      summary: 'The batch result summary 评价结果汇总表 as JSON',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json(await getResultSummary({ batchId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/batches/:batchId/results/summary.pdf',
      roles: ['admin', 'exam_admin', 'supervisor'],
      summary: 'The batch result summary 评价结果汇总表 as PDF',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const actor = requireActor(request);
        sendPdf(response, await withSharedRenderPool(context.config, (renderPool) => renderResultSummaryPdf({ batchId, actor, renderPool })));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/batches/:batchId/results/approve',
      roles: ['admin', 'supervisor'],
      summary: 'Approval of the results for the evaluation committee before publication (R11)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(approveResultsRequestSchema, request.body ?? {}, 'body');
        response.json(await approveBatchResults({ batchId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'post',
      path: '/api/scoring/results/:resultId/rescore',
      roles: ['admin', 'supervisor'],
      summary: 'Re-scoring after an objection: recomputes, appends a revision, audits (R11)',
      handler: async (request, response) => {
        const { resultId } = parseInput(resultParamsSchema, request.params, 'params');
        const body = parseInput(rescoreResultRequestSchema, request.body, 'body');
        response.json(await rescoreResultAsCommittee({ resultId, request: body, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/results/:resultId',
      roles: ['admin', 'exam_admin', 'supervisor', 'candidate'],
      summary: 'One result (a candidate: only their own, once published, R11)',
      handler: async (request, response) => {
        const { resultId } = parseInput(resultParamsSchema, request.params, 'params');
        response.json(await getResult({ resultId, actor: requireActor(request) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/scoring/my-results',
      roles: ['candidate'],
      summary: "The signed-in candidate's published results (R11)",
      handler: async (request, response) => {
        response.json({ results: await listOwnResults({ actor: requireActor(request) }) });
      },
    });
}
