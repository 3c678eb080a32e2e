/**
 * Computes the Result 评价结果 of each registration of a batch (R4, R5, R19):
 * - promotion 晋级: theory (latest theory score sheet), practical (final score card) and, for levels
 *   2 and 1, the comprehensive review (final panel card), combined with `combineResults` using the
 *   batch scope's component weights (practical >= the organisation's minimum, R4) and the
 *   organisation's pass marks; each component must pass and the weighted total must reach 60;
 * - grading 定级: the direct-grading form's weighted total (component `direct_grading`, weight 1)
 *   with its outcome (levels 2 and 1 include the on-site review).
 * Results still `computed` are recomputed; approved, published or locked results are left alone
 * (they change only through re-scoring). Registrations missing a component are reported, not stored.
 */
import { Types } from 'mongoose';
import type { JurisdictionSettings } from '../../contracts/identity';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { calendarDateInChina } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import type { BatchRecord, BatchScope } from '../plans/batch.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { type CombinationScheme, type ComponentScore, type ResultComponent as CombinedComponentKey, combineResults, validateCombinationScheme } from './combine-results';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import { ResultModel, type ResultComponent, type ResultRecord } from './result.model';
import { presentResult } from './result.presenter';
import { loadJurisdiction, loadScoringBatch } from './scoring-access';
import type { ComputeResultsRequest, ResultView } from './scoring.contracts';
import { ScoreCardModel, type ScoreCardRecord } from './score-card.model';
import { TheoryScoreSheetModel, type TheoryScoreSheetRecord } from './theory-score-sheet.model';

/** Pass mark of the weighted total, points of 100 (R4; combineResults' default). */
export const overallPassMark = 60;

/** A registration without a result yet and what it lacks. */
export interface IncompleteResult {
  registrationId: string;
  admissionTicketNumber: string;
  candidateName: string;
  missing: Array<'theory' | 'practical' | 'review' | 'direct_grading'>;
}

/** What {@link computeBatchResults} did. */
export interface ComputedResults {
  computedCount: number;
  /** Results left as they were (approved, published or locked). */
  unchanged: Array<{ registrationId: string; status: ResultRecord['status'] }>;
  incomplete: IncompleteResult[];
  results: ResultView[];
}

/** The evaluation scheme of a batch scope (R4): weights from the batch, pass marks from the organisation. */
export function buildCombinationScheme(scope: BatchScope, jurisdiction: JurisdictionSettings): CombinationScheme {
  const weights: CombinationScheme['weights'] = { theory: scope.weights.theory, practical: scope.weights.practical };
  if (typeof scope.weights.review === 'number' && scope.weights.review > 0) weights.review = scope.weights.review;
  return {
    occupationCode: scope.occupationCode,
    level: scope.level,
    weights,
    passMarks: { ...jurisdiction.passMarks },
    overallPassMark,
  };
}

/**
 * R4: every scope's scheme of a promotion batch is valid (weights sum to 1, practical >= the
 * organisation minimum, review weighted for levels 2 and 1).
 * @throws AppError `validation_failed` with `{ issues }` whose fields name the scope, e.g.
 *   `scopes[0].weights.practical` with code `practical_weight_below_minimum`
 */
export function assertBatchSchemes(batch: Pick<BatchRecord, 'code' | 'scopes'>, jurisdiction: JurisdictionSettings): void {
  const issues = batch.scopes.flatMap((scope, index) =>
    validateCombinationScheme(buildCombinationScheme(scope, jurisdiction), { minPracticalWeight: jurisdiction.minimumPracticalWeight }).map((issue) => ({
      ...issue,
      field: issue.field.replace(/^scheme\./, `scopes[${index}].`),
    })),
  );
  if (issues.length > 0) {
    throw new AppError('validation_failed', `batch ${batch.code}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`, { issues });
  }
}

/** The last assessment day of a registration (R13 assessment date), China time. */
export function findAssessmentDate(batch: Pick<BatchRecord, 'sessions'>, registration: Pick<RegistrationRecord, 'theorySessionId' | 'practicalSessionId' | 'reviewSessionId' | 'scopeId'>, now: Date): string {
  const ids = new Set([registration.theorySessionId, registration.practicalSessionId, registration.reviewSessionId].filter(Boolean).map(String));
  let sessions = batch.sessions.filter((session) => ids.has(String(session._id)));
  if (sessions.length === 0) sessions = batch.sessions.filter((session) => String(session.scopeId) === String(registration.scopeId));
  const dates = sessions.map((session) => calendarDateInChina(new Date(session.startsAt))).sort();
  return dates.at(-1) ?? calendarDateInChina(now);
}

function toResultComponents(combined: ReturnType<typeof combineResults>): ResultComponent[] {
  return combined.components.map((component) => ({
    key: component.component,
    score: component.points,
    weight: component.weight,
    passMark: component.passMark,
    isPass: component.isPassed,
  }));
}

interface ComputedRow {
  registration: RegistrationRecord;
  components: ResultComponent[];
  totalScore: number;
  isPass: boolean;
}

/**
 * Computes and stores the results of a batch (see the module comment) and audits `results.computed`.
 *
 * @param options.request optional `registrationIds` to restrict the computation
 * @returns counts, the registrations left unchanged, the incomplete ones with what they lack, and the
 *   results stored by this call
 * @throws AppError `not_found` (batch), `validation_failed` (a scope's weights violate R4: practical
 *   below the organisation minimum, weights not summing to 1, review missing for level 2/1)
 */
export async function computeBatchResults(options: { batchId: string; request?: ComputeResultsRequest; actor: Actor; now?: Date }): Promise<ComputedResults> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const batch = await loadScoringBatch(actor.organisationId, options.batchId);
  const jurisdiction = await loadJurisdiction(batch.organisationId);
  if (batch.mode === 'promotion') assertBatchSchemes(batch, jurisdiction);
  const filter: Record<string, unknown> = { batchId: batch._id };
  if (options.request?.registrationIds) filter._id = { $in: options.request.registrationIds.map((id) => new Types.ObjectId(id)) };
  const registrations = await RegistrationModel.find(filter).sort({ admissionTicketNumber: 1 }).lean<RegistrationRecord[]>();

  const rows: ComputedRow[] = [];
  const incomplete: IncompleteResult[] = [];
  if (batch.mode === 'promotion') {
    const sheets = await TheoryScoreSheetModel.find({ batchId: batch._id }).sort({ scoredAt: 1 }).lean<TheoryScoreSheetRecord[]>();
    const sheetByRegistration = new Map(sheets.map((sheet) => [String(sheet.registrationId), sheet]));
    const cards = await ScoreCardModel.find({ batchId: batch._id, status: 'final' }).lean<ScoreCardRecord[]>();
    const cardByKey = new Map(cards.map((card) => [`${String(card.registrationId)}:${card.component}`, card]));
    for (const registration of registrations) {
      const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(registration.scopeId));
      if (!scope) continue;
      const scheme = buildCombinationScheme(scope, jurisdiction);
      const scores: Partial<Record<CombinedComponentKey, ComponentScore>> = {};
      const missing: IncompleteResult['missing'] = [];
      const sheet = sheetByRegistration.get(String(registration._id));
      if (sheet && sheet.maxPoints > 0) scores.theory = { points: sheet.totalPoints, maxPoints: sheet.maxPoints };
      else missing.push('theory');
      for (const component of ['practical', 'review'] as const) {
        if (!((scheme.weights[component] ?? 0) > 0)) continue;
        const card = cardByKey.get(`${String(registration._id)}:${component}`);
        if (card && card.finalPoints !== undefined && card.maxPoints > 0) scores[component] = { points: card.finalPoints, maxPoints: card.maxPoints };
        else missing.push(component);
      }
      if (missing.length > 0) {
        incomplete.push({ registrationId: String(registration._id), admissionTicketNumber: registration.admissionTicketNumber, candidateName: registration.candidateName, missing });
        continue;
      }
      const combined = combineResults(scheme, scores, { minPracticalWeight: jurisdiction.minimumPracticalWeight });
      rows.push({ registration, components: toResultComponents(combined), totalScore: combined.totalPoints, isPass: combined.isPassed });
    }
  } else {
    const records = await DirectGradingRecordModel.find({ batchId: batch._id }).lean<DirectGradingRecord[]>();
    const recordByRegistration = new Map(records.map((record) => [String(record.registrationId), record]));
    for (const registration of registrations) {
      const result = recordByRegistration.get(String(registration._id))?.result;
      if (!result || result.outcome === 'awaiting_review') {
        incomplete.push({ registrationId: String(registration._id), admissionTicketNumber: registration.admissionTicketNumber, candidateName: registration.candidateName, missing: ['direct_grading'] });
        continue;
      }
      const isPass = result.outcome === 'passed';
      rows.push({
        registration,
        components: [{ key: 'direct_grading', score: result.totalPoints, weight: 1, passMark: result.passMark, isPass }],
        totalScore: result.totalPoints,
        isPass,
      });
    }
  }

  const existing = new Map(
    (await ResultModel.find({ registrationId: { $in: rows.map((row) => row.registration._id) } }).lean<ResultRecord[]>()).map((result) => [String(result.registrationId), result]),
  );
  const unchanged: ComputedResults['unchanged'] = [];
  const stored: ResultRecord[] = [];
  for (const row of rows) {
    const registrationId = String(row.registration._id);
    const previous = existing.get(registrationId);
    if (previous && previous.status !== 'computed') {
      unchanged.push({ registrationId, status: previous.status });
      continue;
    }
    const fields = {
      components: row.components,
      totalScore: row.totalScore,
      isPass: row.isPass,
      assessmentDate: findAssessmentDate(batch, row.registration, now),
      level: row.registration.level,
      mode: batch.mode,
    };
    const saved = previous
      ? await ResultModel.findOneAndUpdate({ _id: previous._id, status: 'computed' }, { $set: fields }, { returnDocument: 'after', runValidators: true }).lean<ResultRecord>()
      : await ResultModel.create({
          organisationId: batch.organisationId,
          batchId: batch._id,
          registrationId: row.registration._id,
          candidateId: row.registration.candidateId,
          scopeId: row.registration.scopeId,
          status: 'computed',
          revisions: [],
          ...fields,
        })
          .then((document) => document.toObject() as ResultRecord)
          .catch((error: unknown) => {
            if ((error as { code?: number }).code === 11000) return null;
            throw error;
          });
    if (saved) stored.push(saved);
    else unchanged.push({ registrationId, status: previous?.status ?? 'approved' });
  }
  await recordAudit({
    actor,
    action: 'results.computed',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      computedCount: stored.length,
      passedCount: stored.filter((result) => result.isPass).length,
      unchangedCount: unchanged.length,
      incomplete: incomplete.map((entry) => ({ registrationId: entry.registrationId, missing: entry.missing })),
    },
  });
  return { computedCount: stored.length, unchanged, incomplete, results: stored.map(presentResult) };
}
