/**
 * The batch analysis report as a PDF (issue 12; R20 indicators, R1 bank upkeep): R20 figures of the
 * batch, its pass rates by work type, level and department, the trend over the organisation's last
 * batches up to this one, and — when the item analysis was run — paper statistics, parallelism,
 * score distributions, the P × D item map and the flagged items. Rendered by the render pool from
 * `render/templates/report.ts` (charts are inline SVG).
 */
import { Types } from 'mongoose';
import type { RenderPool } from '../../render/render-pool';
import { batchReportPdfOptions, buildBatchReportHtml, type BatchReportPrintData, type PrintScopeAnalysis } from '../../render/templates/report';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import { loadBatch } from '../plans/load-batch';
import { computeIndicators } from './compute-indicators';
import { computePassRates } from './compute-pass-rates';
import { findItemAnalysisReport } from './get-item-analysis';
import type { ItemFlag } from './item-analysis';
import { dimensionNames, optionLetter } from './report-exports';
import type { PassRateDimension } from './reports.contracts';

/** Batches shown in the trend (this one and the ones before it). */
export const trendBatchCount = 8;

const flagNames: Record<ItemFlag['code'], string> = {
  too_difficult: '过难',
  too_easy: '过易',
  low_discrimination: '区分度低',
  distractor_not_chosen: '干扰项无人选择',
  distractor_favours_upper_group: '干扰项高分组选择多于低分组',
};

const typeNames: Record<string, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** A flag in words, e.g. `干扰项无人选择（D）`. */
export function describeFlag(flag: Pick<ItemFlag, 'code' | 'optionIndex'>): string {
  return `${flagNames[flag.code] ?? flag.code}${flag.optionIndex === undefined ? '' : `（${optionLetter(flag.optionIndex)}）`}`;
}

/**
 * Gathers the report data of a batch of the actor's organisation.
 * @throws AppError `not_found` (batch)
 */
export async function buildBatchReportData(options: { actor: Actor; batchId: string; now?: Date }): Promise<BatchReportPrintData> {
  const { actor, batchId } = options;
  const batch = await loadBatch(actor.organisationId, batchId);
  const organisation = await OrganisationModel.findById(new Types.ObjectId(actor.organisationId), { name: 1 }).lean();
  const own = await computeIndicators({ actor, query: { batchId } });
  const row = own.batches[0];
  const history = await computeIndicators({ actor, query: { to: row.startsOn } });
  const trend = history.batches
    .slice(-trendBatchCount).map((entry) => ({
    label: entry.batchCode,
    passRate: entry.passRate,
    participationRate: entry.participationRate,
    complaintRate: entry.complaintRate,
  }));
  const dimensions: PassRateDimension[] = ['work_type', 'level', 'department'];
  const passRates = [];
  for (const dimension of dimensions) {
    const report = await computePassRates({ actor, query: { dimension, batchId } });
    passRates.push({ dimensionName: dimensionNames[dimension], rows: report.rows.map(({ label, resultCount, passedCount, passRate }) => ({ label, resultCount, passedCount, passRate })) });
  }
  const analysis = await findItemAnalysisReport(actor, batchId);
  const metricNames = { meanFraction: '平均分/满分', sdFraction: '标准差/满分', kr20: 'KR-20', meanDifficulty: '平均难度' } as const;
  return {
    organisationName: organisation?.name ?? '',
    batchCode: batch.code,
    batchName: batch.name,
    startsOn: row.startsOn,
    indicators: row,
    passRates,
    trend,
    analysis: analysis && {
      analysedAt: analysis.analysedAt,
      analysedByName: analysis.analysedByName,
      thresholds: analysis.settings.itemAnalysis,
      scopes: analysis.scopes.map(
        (scope): PrintScopeAnalysis => ({
          label: `${scope.occupationCode} ${scope.occupationName}（${scope.workType}）${scope.level} 级`,
          candidateCount: scope.candidateCount,
          papers: scope.papers.map((paper) => ({
            code: paper.paperCode,
            count: paper.count,
            itemCount: paper.itemCount,
            maxPoints: paper.maxPoints,
            mean: paper.mean,
            populationSd: paper.populationSd,
            kr20: paper.kr20,
            meanDifficulty: paper.meanDifficulty,
            histogram: paper.histogram,
          })),
          isParallel: scope.parallelism.isParallel,
          spreads: (Object.keys(metricNames) as Array<keyof typeof metricNames>).map((key) => ({ name: metricNames[key], ...scope.parallelism[key] })),
          items: scope.items.map((item) => ({
            paperCode: item.paperCode,
            itemId: item.itemId,
            typeName: typeNames[item.type] ?? item.type,
            knowledgePoint: item.knowledgePoint,
            difficulty: item.difficulty,
            discrimination: item.discrimination,
            pointBiserial: item.pointBiserial,
            flags: item.flags.map(describeFlag),
            isQueued: item.isQueued,
          })),
        }),
      ),
    },
    generatedAt: (options.now ?? new Date()).toISOString(),
  };
}

/**
 * Renders the batch report PDF.
 * @returns PDF bytes and the file name `评价质量分析报告-<batch code>.pdf`
 * @throws AppError `not_found` (batch); `browser_unavailable` without Chromium
 */
export async function renderBatchReportPdf(options: { actor: Actor; batchId: string; renderPool: RenderPool }): Promise<{ pdf: Buffer; fileName: string }> {
  const data = await buildBatchReportData(options);
  const pdf = await options.renderPool.renderPdf({ html: buildBatchReportHtml(data), pdfOptions: { ...batchReportPdfOptions } });
  return { pdf, fileName: `评价质量分析报告-${data.batchCode}.pdf` };
}
