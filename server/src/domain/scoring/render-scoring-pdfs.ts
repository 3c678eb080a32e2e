/**
 * Score sheet and result summary PDFs through the render pool (R4, R5, R6, R16 archive): the data
 * is read from the scoring records and printed with the HTML templates `score-sheet.ts` and
 * `result-summary.ts`. Score cards still awaiting independent scores print no assessor's points (R6).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { RenderPool } from '../../render/render-pool';
import { buildResultSummaryHtml, resultSummaryPdfOptions } from '../../render/templates/result-summary';
import { buildScoreSheetHtml, scoreSheetPdfOptions, type ScoreSheetCard, type ScoreSheetData } from '../../render/templates/score-sheet';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import { UserModel } from '../identity/user.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { directGradingSectionMaxPoints, type DirectGradingRater } from './direct-grading';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import { getResultSummary } from './get-result-summary';
import { ResultModel, type ResultRecord } from './result.model';
import { assertBatchReader, levelNames, loadScoringBatch, toObjectId } from './scoring-access';
import { ScoreCardModel, type ScoreCardRecord } from './score-card.model';
import { TheoryScoreSheetModel, type TheoryScoreSheetRecord } from './theory-score-sheet.model';

const componentNames: Record<string, string> = {
  theory: '理论知识考试',
  practical: '操作技能考核',
  review: '综合评审',
  direct_grading: '定级评价',
};
const statusNames: Record<string, string> = { open: '评分中', needs_arbitration: '待仲裁（第三名考评员）', needs_committee: '待评价工作委员会裁定', final: '已定分' };
const methodNames: Record<string, string> = {
  mean_of_two: '两名考评员平均',
  mean_of_closest_two: '三名考评员中最接近两名平均',
  median_of_three: '三名考评员中位数',
  committee: '评价工作委员会裁定',
  panel_mean: '评审组平均',
};
const resultStatusNames: Record<string, string> = { computed: '待审定', approved: '已审定', published: '公示中', locked: '公示结束' };
const raterNames: Record<DirectGradingRater, string> = { team_leader: '班组长', workshop_head: '车间主管', competent_department: '主管部门', hr_department: '人力资源部门' };
const sectionNames: Record<string, string> = { professional_ethics: '职业道德', core_abilities: '核心能力', occupational_abilities: '职业能力' };

function toCard(card: ScoreCardRecord): ScoreSheetCard {
  const isComplete = card.entries.length >= card.requiredScoreCount;
  const method = (card.reconciliation as { method?: string } | undefined)?.method;
  return {
    title: componentNames[card.component],
    ...(card.paperCode ? { paperCode: card.paperCode } : {}),
    maxPoints: card.maxPoints,
    statusName: statusNames[card.status] ?? card.status,
    scoredCount: card.entries.length,
    requiredScoreCount: card.requiredScoreCount,
    entries: isComplete
      ? card.entries.map((entry) => ({
          assessorName: entry.assessorName,
          stageName: entry.stage === 'arbitration' ? '仲裁评分' : '独立评分',
          totalPoints: entry.totalPoints,
          isVetoed: entry.isVetoed,
          vetoItemsObserved: (entry.tasks ?? []).flatMap((task) => task.vetoItemsObserved),
          submittedAt: new Date(entry.submittedAt).toISOString(),
          rows: entry.tasks
            ? entry.tasks.flatMap((task, taskIndex) =>
                task.byCriterion.map((criterion) => ({
                  label: `${card.tasks[taskIndex]?.title ?? `任务${taskIndex + 1}`}：${criterion.criterion}`,
                  maxPoints: criterion.maxPoints,
                  deductedPoints: criterion.deductedPoints,
                  points: criterion.points,
                })),
              )
            : (entry.criterionPoints ?? []).map((row) => {
                const criterion = card.reviewCriteria.find((candidate) => candidate.code === row.code);
                return { label: criterion?.name ?? row.code, maxPoints: criterion?.maxPoints ?? 0, deductedPoints: null, points: row.points };
              }),
        }))
      : [],
    ...(card.status === 'final' && card.finalPoints !== undefined ? { finalPoints: card.finalPoints, isVetoed: card.isVetoed ?? false } : {}),
    ...(card.status === 'final' && method ? { methodName: methodNames[method] ?? method } : {}),
    ...(card.committeeDecision
      ? {
          committee: {
            decisionReference: card.committeeDecision.decisionReference,
            decidedBy: card.committeeDecision.decidedByName,
            decidedAt: new Date(card.committeeDecision.decidedAt).toISOString(),
          },
        }
      : {}),
  };
}

function toDirectGrading(record: DirectGradingRecord): ScoreSheetData['directGrading'] {
  const result = record.result;
  const signatures = (Object.keys(raterNames) as DirectGradingRater[])
    .filter((rater) => record.form.sections.some((section) => (section.weightsPercent[rater] ?? 0) > 0))
    .map((rater) => ({
      role: raterNames[rater],
      name: record.raterSignatures?.[rater]?.raterName ?? '',
      signedAt: record.raterSignatures?.[rater] ? new Date(record.raterSignatures[rater]!.signedAt).toISOString() : null,
    }));
  signatures.push(
    { role: '考评员', name: record.assessorSignature?.name ?? '', signedAt: record.assessorSignature ? new Date(record.assessorSignature.signedAt).toISOString() : null },
    { role: '内部质量督导员', name: record.supervisorSignature?.name ?? '', signedAt: record.supervisorSignature ? new Date(record.supervisorSignature.signedAt).toISOString() : null },
  );
  return {
    sections: record.form.sections.map((section) => ({
      name: sectionNames[section.key] ?? section.key,
      weightsText: (Object.keys(raterNames) as DirectGradingRater[])
        .filter((rater) => (section.weightsPercent[rater] ?? 0) > 0)
        .map((rater) => `${raterNames[rater]} ${section.weightsPercent[rater]}%`)
        .join(' + '),
      maxPoints: directGradingSectionMaxPoints[section.key],
      weightedPoints: result?.sections.find((candidate) => candidate.key === section.key)?.weightedPoints ?? 0,
    })),
    totalPoints: result?.totalPoints ?? 0,
    passMark: result?.passMark ?? 60,
    outcomeName: !result ? '评分未完成' : result.outcome === 'passed' ? '通过' : result.outcome === 'failed' ? '不通过' : '待现场评审',
    ...(record.onSiteReview ? { onSiteReview: record.onSiteReview.isPassed ? '通过' : '不通过' } : {}),
    ...(record.lowerLevelCertificate
      ? { lowerLevelCertificate: record.lowerLevelCertificate.hasCertificate ? `已核验 ${record.lowerLevelCertificate.certificateNumber ?? ''}`.trim() : '未持有' }
      : {}),
    signatures,
  };
}

/**
 * Assembles the data of one registration's score sheet.
 * @throws AppError `not_found` (registration), `forbidden` (not entitled to the batch).
 */
export async function buildScoreSheetData(options: { registrationId: string; actor: Actor; now?: Date }): Promise<ScoreSheetData> {
  const { actor } = options;
  const registration = await RegistrationModel.findOne({
    _id: toObjectId(options.registrationId, 'Registration'),
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean<RegistrationRecord>();
  if (!registration) throw new AppError('not_found', `Registration ${options.registrationId} does not exist`);
  const batch = await loadScoringBatch(actor.organisationId, registration.batchId);
  assertBatchReader(batch, actor);
  const [organisation, candidate, sheet, cards, grading, result] = await Promise.all([
    OrganisationModel.findById(batch.organisationId, { name: 1 }).lean(),
    UserModel.findById(registration.candidateId, { idNumber: 1 }).lean(),
    TheoryScoreSheetModel.findOne({ registrationId: registration._id }).sort({ scoredAt: -1 }).lean<TheoryScoreSheetRecord>(),
    ScoreCardModel.find({ registrationId: registration._id }).lean<ScoreCardRecord[]>(),
    DirectGradingRecordModel.findOne({ registrationId: registration._id }).lean<DirectGradingRecord>(),
    ResultModel.findOne({ registrationId: registration._id }).lean<ResultRecord>(),
  ]);
  const scope = batch.scopes.find((entry) => String(entry.scopeId) === String(registration.scopeId));
  const practical = cards.find((card) => card.component === 'practical');
  const review = cards.find((card) => card.component === 'review');
  const credit = sheet?.multipleChoiceCredit;
  return {
    organisationName: organisation?.name ?? '',
    batchCode: batch.code,
    batchName: batch.name,
    modeName: batch.mode === 'grading' ? '定级评价' : '晋级评价',
    candidateName: registration.candidateName,
    idNumber: candidate?.idNumber ?? '',
    admissionTicketNumber: registration.admissionTicketNumber,
    occupation: scope ? `${scope.occupationName}（${scope.workType}）${scope.occupationCode}` : '',
    levelName: levelNames[registration.level] ?? String(registration.level),
    assessmentDate: result?.assessmentDate ?? '—',
    ...(sheet
      ? {
          theory: {
            totalPoints: sheet.totalPoints,
            maxPoints: sheet.maxPoints,
            correctCount: sheet.correctCount,
            itemCount: sheet.items.length,
            creditName: credit?.kind === 'partial_subset' ? `少选得 ${Math.round(credit.fraction * 100)}%` : '全对得分',
            scoredAt: new Date(sheet.scoredAt).toISOString(),
            byKnowledgePoint: sheet.byKnowledgePoint.map((group) => ({
              knowledgePoint: group.knowledgePoint ?? '（未标注）',
              itemCount: group.itemCount,
              correctCount: group.correctCount,
              points: group.points,
              maxPoints: group.maxPoints,
            })),
          },
        }
      : {}),
    ...(practical ? { practical: toCard(practical) } : {}),
    ...(review ? { review: toCard(review) } : {}),
    ...(grading ? { directGrading: toDirectGrading(grading) } : {}),
    ...(result
      ? {
          result: {
            components: result.components.map((component) => ({
              name: componentNames[component.key] ?? component.key,
              score: component.score,
              weight: component.weight,
              passMark: component.passMark,
              isPass: component.isPass,
            })),
            totalScore: result.totalScore,
            isPass: result.isPass,
            statusName: resultStatusNames[result.status] ?? result.status,
            revisions: (result.revisions ?? []).map((revision) => ({ at: new Date(revision.at).toISOString(), reason: revision.reason })),
          },
        }
      : {}),
    generatedAt: (options.now ?? new Date()).toISOString(),
  };
}

/**
 * PDF of one registration's score sheet and a file name.
 * @throws AppError as {@link buildScoreSheetData}; `browser_unavailable` without a browser.
 */
export async function renderScoreSheetPdf(options: { registrationId: string; actor: Actor; renderPool: RenderPool }): Promise<{ pdf: Buffer; fileName: string }> {
  const data = await buildScoreSheetData(options);
  const pdf = await options.renderPool.renderPdf({ html: buildScoreSheetHtml(data), pdfOptions: { ...scoreSheetPdfOptions } });
  return { pdf, fileName: `score-sheet-${data.admissionTicketNumber}.pdf` };
}

/**
 * PDF of the batch result summary 评价结果汇总表 and a file name.
 * @throws AppError as `getResultSummary`; `browser_unavailable` without a browser.
 */
export async function renderResultSummaryPdf(options: { batchId: string; actor: Actor; renderPool: RenderPool }): Promise<{ pdf: Buffer; fileName: string }> {
  const summary = await getResultSummary(options);
  const html = buildResultSummaryHtml({
    organisationName: summary.organisationName,
    batchCode: summary.batch.code,
    batchName: summary.batch.name,
    modeName: summary.batch.mode === 'grading' ? '定级评价' : '晋级评价',
    scopes: summary.scopes.map(
      (scope) =>
        `${scope.occupationName}（${scope.workType}）${levelNames[scope.level] ?? scope.level}（理论 ${Math.round(scope.weights.theory * 100)}%，操作 ${Math.round(scope.weights.practical * 100)}%${scope.weights.review ? `，综合评审 ${Math.round(scope.weights.review * 100)}%` : ''}）`,
    ),
    rows: summary.rows.map((row) => ({
      index: row.index,
      admissionTicketNumber: row.admissionTicketNumber,
      candidateName: row.candidateName,
      idNumber: row.idNumber,
      department: row.department,
      occupation: row.occupation,
      levelName: row.levelName,
      theory: row.scores.theory,
      practical: row.scores.practical,
      review: row.scores.review,
      directGrading: row.scores.direct_grading,
      totalScore: row.totalScore,
      conclusion: row.isPass === null ? '待定' : row.isPass ? '合格' : '不合格',
    })),
    counts: summary.counts,
    signOffs: summary.signOffs.map((signOff) => ({ componentName: componentNames[signOff.component], signerName: signOff.signerName, signedAt: signOff.signedAt })),
    approval: summary.approval,
    generatedAt: summary.generatedAt,
  });
  const pdf = await options.renderPool.renderPdf({ html, pdfOptions: { ...resultSummaryPdfOptions } });
  return { pdf, fileName: `result-summary-${summary.batch.code}.pdf` };
}
