import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { api } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useBatchAnalysis, useCanReport, useReportBatches } from './reports-api';
import type { ItemAnalysisReport, ItemAnalysisRunSummary, ItemRow, ReportBatch, ScopeAnalysis } from './reports-types';

/** Option letter in bank order: 0 → A. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Flags of an item in words. */
export function useFlagText() {
  const { t } = useTranslation();
  return (flag: { code: string; optionIndex?: number }) => t(`reports.flags.${flag.code}`, { option: flag.optionIndex === undefined ? '' : optionLetter(flag.optionIndex) });
}

/**
 * Paper and item analysis of a batch: run it, the parallelism of each paper library (mean ± SD
 * chart and metric table), paper statistics with score distributions, the P × D map and the item
 * table with flags (bank roles), exports and the PDF report.
 */
export function AnalysisPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { batchId } = useParams();
  const batches = useReportBatches();
  return (
    <>
      <PageHeader title={t('reports.analysis.title')} subtitle={t('reports.analysis.subtitle')} />
      <QueryState query={batches}>
        {(data) =>
          data.batches.length === 0 ? (
            <Empty>{t('reports.common.noBatches')}</Empty>
          ) : (
            <>
              <div className="filters card">
                <Field label={t('reports.common.chooseBatch')}>
                  {(props) => (
                    <select {...props} value={batchId ?? ''} onChange={(event) => navigate(`/reports/analysis/${event.target.value}`)}>
                      <option value="" disabled>
                        {t('common.choose')}
                      </option>
                      {data.batches.map((batch) => (
                        <option key={batch.batchId} value={batch.batchId}>
                          {batch.batchCode} {batch.batchName} · {batch.submittedAttemptCount}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {batchId && <BatchAnalysis batch={data.batches.find((batch) => batch.batchId === batchId)} batchId={batchId} />}
            </>
          )
        }
      </QueryState>
    </>
  );
}

function BatchAnalysis({ batch, batchId }: { batch: ReportBatch | undefined; batchId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canItems = useCanReport('readItems');
  const canRun = useCanReport('runAnalysis');
  const canOutcomes = useCanReport('readOutcomes');
  const canPapers = useCanReport('readPapers');
  const analysis = useBatchAnalysis(canItems || canPapers ? batchId : undefined, canItems);
  const run = useMutation({
    mutationFn: () => api.post<ItemAnalysisRunSummary>(`/api/reports/batches/${batchId}/item-analysis`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
  const actions = (
    <div className="form-actions">
      {canRun && (
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending || batch?.submittedAttemptCount === 0}>
          {run.isPending ? t('reports.analysis.running') : analysis.data ? t('reports.analysis.rerun') : t('reports.analysis.run')}
        </button>
      )}
      {canItems && analysis.data && (
        <>
          <a className="button secondary" href={`/api/reports/batches/${batchId}/item-analysis/export?format=csv`}>
            {t('reports.common.exportCsv')}
          </a>
          <a className="button secondary" href={`/api/reports/batches/${batchId}/item-analysis/export?format=xlsx`}>
            {t('reports.common.exportXlsx')}
          </a>
        </>
      )}
      {canOutcomes && (
        <a className="button secondary" href={`/api/reports/batches/${batchId}/report.pdf`} target="_blank" rel="noreferrer">
          {t('reports.common.downloadPdf')}
        </a>
      )}
    </div>
  );
  return (
    <div className="stack">
      {actions}
      {run.isError && <ErrorView error={run.error} />}
      {run.data && (
        <p className="success" role="status">
          {t('reports.analysis.ran', { flagged: run.data.flaggedItemCount, queued: run.data.queuedItemCount, measured: run.data.measuredItemCount })}
        </p>
      )}
      {batch?.submittedAttemptCount === 0 && <Empty>{t('reports.analysis.noAttempts')}</Empty>}
      {canItems || canPapers ? (
        <QueryState query={analysis}>
          {(report) =>
            report ? (
              <>
                <p className="muted">{t('reports.analysis.analysedAt', { at: format.dateTime(report.analysedAt), name: report.analysedByName, run: report.runCount })}</p>
                {report.scopes.map((scope) => (
                  <ScopeSection key={scope.scopeId} scope={scope} report={report} />
                ))}
              </>
            ) : (
              <Empty>{t('reports.analysis.notRun')}</Empty>
            )
          }
        </QueryState>
      ) : null}
    </div>
  );
}

function ScopeSection({ scope, report }: { scope: ScopeAnalysis; report: ItemAnalysisReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const codeOf = (paperId: string | null) => scope.papers.find((paper) => paper.paperId === paperId)?.paperCode ?? '—';
  const parallelData = scope.papers.map((paper) => ({
    code: paper.paperCode,
    meanFraction: paper.mean === null || paper.maxPoints <= 0 ? null : paper.mean / paper.maxPoints,
    sdFraction: paper.populationSd === null || paper.maxPoints <= 0 ? 0 : paper.populationSd / paper.maxPoints,
  }));
  const metrics = ['meanFraction', 'sdFraction', 'kr20', 'meanDifficulty'] as const;
  const headingId = `scope-${scope.scopeId}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('reports.analysis.scope', { occupation: `${scope.occupationCode} ${scope.occupationName}`, workType: scope.workType, level: t(`levels.${scope.level}`) })}{' '}
        <span className="muted small-text">{t('reports.analysis.candidates', { count: scope.candidateCount })}</span>{' '}
        <span className={`verdict ${scope.parallelism.isParallel ? 'verdict-ok' : 'verdict-bad'}`}>
          {scope.parallelism.isParallel ? t('reports.analysis.parallel') : t('reports.analysis.notParallel')}
        </span>
      </h2>
      <div className="two-columns">
        <div>
          <h3>{t('reports.analysis.parallelismChart')}</h3>
          <div className="chart" role="img" aria-label={t('reports.analysis.parallelismCaption')}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={parallelData}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="code" />
                <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} allowDataOverflow tickFormatter={(value: number) => format.percent(value)} />
                <Tooltip formatter={(value) => format.percent(Number(value), 1)} />
                <Bar dataKey="meanFraction" name={t('reports.analysis.mean')} fill="#7fa9d6" isAnimationActive={false}>
                  <ErrorBar dataKey="sdFraction" direction="y" width={10} strokeWidth={2} stroke="#c05621" isAnimationActive={false} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <p className="muted small-text">{t('reports.analysis.parallelismCaption')}</p>
        </div>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.analysis.metric')}</th>
                <th scope="col">{t('reports.analysis.min')}</th>
                <th scope="col">{t('reports.analysis.max')}</th>
                <th scope="col">{t('reports.analysis.range')}</th>
                <th scope="col">{t('reports.analysis.tolerance')}</th>
                <th scope="col">{t('reports.analysis.within')}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((metric) => {
                const spread = scope.parallelism[metric];
                return (
                  <tr key={metric}>
                    <th scope="row">{t(`reports.analysis.metrics.${metric}`)}</th>
                    <td>
                      {format.number(spread.min, 3)} <span className="muted small-text">{codeOf(spread.minPaperId)}</span>
                    </td>
                    <td>
                      {format.number(spread.max, 3)} <span className="muted small-text">{codeOf(spread.maxPaperId)}</span>
                    </td>
                    <td className={spread.isWithinTolerance ? undefined : 'error'}>{format.number(spread.range, 3)}</td>
                    <td>{format.number(spread.tolerance, 3)}</td>
                    <td>{spread.isWithinTolerance ? t('common.yes') : t('common.no')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <h3>{t('reports.analysis.papers')}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.analysis.paper')}</th>
              <th scope="col">{t('reports.analysis.count')}</th>
              <th scope="col">{t('reports.analysis.itemCount')}</th>
              <th scope="col">{t('reports.analysis.maxPoints')}</th>
              <th scope="col">{t('reports.analysis.mean')}</th>
              <th scope="col">{t('reports.analysis.sd')}</th>
              <th scope="col">{t('reports.analysis.median')}</th>
              <th scope="col">{t('reports.analysis.kr20')}</th>
              <th scope="col">{t('reports.analysis.meanDifficulty')}</th>
            </tr>
          </thead>
          <tbody>
            {scope.papers.map((paper) => (
              <tr key={paper.paperId}>
                <th scope="row">{paper.paperCode}</th>
                <td>{paper.count}</td>
                <td>{paper.itemCount}</td>
                <td>{format.number(paper.maxPoints, 1)}</td>
                <td>{format.number(paper.mean, 2) || '—'}</td>
                <td>{format.number(paper.populationSd, 2) || '—'}</td>
                <td>{format.number(paper.median, 1) || '—'}</td>
                <td>{format.number(paper.kr20, 3) || '—'}</td>
                <td>{format.number(paper.meanDifficulty, 3) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('reports.analysis.distribution')}</h3>
      <div className="grid-3">
        {scope.papers
          .filter((paper) => paper.count > 0)
          .map((paper) => (
            <figure key={paper.paperId} className="chart">
              <figcaption className="small-text">{t('reports.analysis.distributionCaption', { paper: paper.paperCode })}</figcaption>
              <ResponsiveContainer width="100%" height={160}>
                <BarChart data={paper.histogram.map((bin) => ({ band: format.number(bin.fromPoints, 1), count: bin.count }))}>
                  <XAxis dataKey="band" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="count" name={t('reports.analysis.count')} fill="#0b5cad" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          ))}
      </div>
      {scope.items ? <ItemSection items={scope.items} report={report} /> : <p className="muted">{t('reports.analysis.keysHidden')}</p>}
    </section>
  );
}

function ItemSection({ items, report }: { items: ItemRow[]; report: ItemAnalysisReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const flagText = useFlagText();
  const [isFlaggedOnly, setFlaggedOnly] = useState(true);
  const thresholds = report.settings.itemAnalysis;
  const shown = isFlaggedOnly ? items.filter((item) => item.flags.length > 0) : items;
  const points = items.filter((item) => item.discrimination !== null).map((item) => ({ p: item.difficulty, d: item.discrimination, isFlagged: item.flags.length > 0, id: item.itemId }));
  return (
    <>
      <h3>{t('reports.analysis.scatter')}</h3>
      <div className="chart" role="img" aria-label={t('reports.analysis.scatterCaption')}>
        <ResponsiveContainer width="100%" height={280}>
          <ScatterChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="p" name="P" domain={[0, 1]} />
            <YAxis type="number" dataKey="d" name="D" domain={[-1, 1]} />
            <ZAxis range={[40, 40]} />
            <Tooltip formatter={(value) => format.number(Number(value), 3)} />
            <ReferenceLine x={thresholds.minDifficulty} stroke="#c05621" strokeDasharray="4 2" />
            <ReferenceLine x={thresholds.maxDifficulty} stroke="#c05621" strokeDasharray="4 2" />
            <ReferenceLine y={thresholds.minDiscrimination} stroke="#c05621" strokeDasharray="4 2" />
            <Scatter data={points.filter((point) => !point.isFlagged)} fill="#0b5cad" isAnimationActive={false} />
            <Scatter data={points.filter((point) => point.isFlagged)} fill="#b42318" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="muted small-text">{t('reports.analysis.scatterCaption')}</p>
      <div className="section-heading">
        <h3>{t('reports.analysis.items')}</h3>
        <label className="checkbox">
          <input type="checkbox" checked={isFlaggedOnly} onChange={(event) => setFlaggedOnly(event.target.checked)} /> {t('reports.analysis.onlyFlagged')}
        </label>
      </div>
      {shown.length === 0 ? (
        <Empty>{t('reports.analysis.noItems')}</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.analysis.paper')}</th>
                <th scope="col">{t('reports.analysis.item')}</th>
                <th scope="col">{t('reports.analysis.type')}</th>
                <th scope="col">{t('reports.analysis.knowledgePoint')}</th>
                <th scope="col">{t('reports.analysis.difficulty')}</th>
                <th scope="col">{t('reports.analysis.discrimination')}</th>
                <th scope="col">{t('reports.analysis.upperLower')}</th>
                <th scope="col">{t('reports.analysis.pointBiserial')}</th>
                <th scope="col">{t('reports.analysis.omitted')}</th>
                <th scope="col">{t('reports.analysis.options')}</th>
                <th scope="col">{t('reports.analysis.flags')}</th>
                <th scope="col">{t('reports.analysis.queued')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={`${item.paperId}-${item.itemId}`} className={item.flags.length > 0 ? 'highlight' : undefined}>
                  <td>{item.paperCode}</td>
                  <td>
                    <span title={item.itemId}>{item.stemExcerpt}</span>
                  </td>
                  <td>{t(`itemTypes.${item.type}`)}</td>
                  <td>{item.knowledgePoint ?? '—'}</td>
                  <td>{format.number(item.difficulty, 3)}</td>
                  <td>{format.number(item.discrimination, 3) || '—'}</td>
                  <td>
                    {format.percent(item.upperCorrectRate, 0) || '—'} / {format.percent(item.lowerCorrectRate, 0) || '—'}
                  </td>
                  <td>{format.number(item.pointBiserial, 3) || '—'}</td>
                  <td>{format.percent(item.omittedRate, 0)}</td>
                  <td className="small-text">
                    {item.options.map((option) => (
                      <div key={option.optionIndex}>
                        <strong>
                          {optionLetter(option.optionIndex)}
                          {option.isKey ? '*' : ''}
                        </strong>{' '}
                        {format.percent(option.chosenRate)} / {format.percent(option.upperRate)} / {format.percent(option.lowerRate)}
                      </div>
                    ))}
                  </td>
                  <td>
                    {item.flags.length === 0 ? '—' : (
                      <ul className="warning-list">
                        {item.flags.map((flag, index) => (
                          <li key={index}>{flagText(flag)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{item.isQueued ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
