import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useIndicators } from './reports-api';
import type { FeedbackSummary, IndicatorFigures } from './reports-types';

/** Date range filters shared by the outcome pages. */
export function DateRangeFilters({ from, to, onChange }: { from: string; to: string; onChange: (range: { from: string; to: string }) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('reports.common.from')}>{(props) => <input {...props} type="date" value={from} onChange={(event) => onChange({ from: event.target.value, to })} />}</Field>
      <Field label={t('reports.common.to')}>{(props) => <input {...props} type="date" value={to} onChange={(event) => onChange({ from, to: event.target.value })} />}</Field>
    </>
  );
}

/** The R20 figures as a list of tiles. */
export function IndicatorTiles({ figures }: { figures: IndicatorFigures }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rating = (summary: FeedbackSummary) =>
    summary.count === 0 ? t('reports.overview.noFeedback') : t('reports.overview.ratingOf', { mean: format.number(summary.meanRating, 2), count: summary.count });
  const tiles = [
    { label: t('reports.overview.participationRate'), value: format.percent(figures.participationRate, 1), note: t('reports.overview.attendedOf', { attended: figures.attendedCount, registered: figures.registeredCount }) },
    { label: t('reports.overview.passRate'), value: format.percent(figures.passRate, 1), note: t('reports.overview.passedOf', { passed: figures.passedCount, results: figures.resultCount }) },
    {
      label: t('reports.overview.complaintRate'),
      value: format.percent(figures.complaintRate, 1),
      note: t('reports.overview.objectionsOf', { objections: figures.objectionCount, complaints: figures.complaintCount, rescorings: figures.rescoringCount }),
    },
    { label: t('reports.overview.participantFeedback'), value: format.number(figures.feedback.participant.meanRating, 2) || '—', note: rating(figures.feedback.participant) },
    { label: t('reports.overview.staffFeedback'), value: format.number(figures.feedback.staff.meanRating, 2) || '—', note: rating(figures.feedback.staff) },
    { label: t('reports.overview.departmentFeedback'), value: format.number(figures.feedback.department.meanRating, 2) || '—', note: rating(figures.feedback.department) },
  ];
  return (
    <ul className="figures">
      {tiles.map((tile) => (
        <li key={tile.label}>
          <span className="figure-value">{tile.value || '—'}</span>
          <span className="figure-label">{tile.label}</span>
          <div className="small-text muted">{tile.note}</div>
        </li>
      ))}
    </ul>
  );
}

/** R20 effectiveness indicators over the selected batches, the trend chart and the per-batch table. */
export function OverviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [range, setRange] = useState({ from: '', to: '' });
  const indicators = useIndicators(range);
  return (
    <>
      <PageHeader title={t('reports.overview.title')} subtitle={t('reports.overview.subtitle')} />
      <div className="filters card">
        <DateRangeFilters {...range} onChange={setRange} />
      </div>
      <QueryState query={indicators}>
        {(data) =>
          data.batches.length === 0 ? (
            <Empty>{t('reports.common.noBatches')}</Empty>
          ) : (
            <div className="stack">
              <IndicatorTiles figures={data.total} />
              <section className="card" aria-labelledby="trend-heading">
                <h2 id="trend-heading">
                  {t('reports.overview.trend')} <span className="badge">R20</span>
                </h2>
                <div className="chart" role="img" aria-label={t('reports.overview.trendCaption')}>
                  <ResponsiveContainer width="100%" height={260}>
                    <LineChart data={data.batches.map((batch) => ({ ...batch, label: batch.batchCode }))}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="label" />
                      <YAxis domain={[0, 1]} tickFormatter={(value: number) => format.percent(value)} />
                      <Tooltip formatter={(value) => format.percent(Number(value), 1)} />
                      <Legend />
                      <Line dataKey="participationRate" name={t('reports.overview.participationRate')} stroke="#1f7a3f" isAnimationActive={false} connectNulls />
                      <Line dataKey="passRate" name={t('reports.overview.passRate')} stroke="#0b5cad" isAnimationActive={false} connectNulls />
                      <Line dataKey="complaintRate" name={t('reports.overview.complaintRate')} stroke="#b42318" isAnimationActive={false} connectNulls />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="card" aria-labelledby="per-batch-heading">
                <h2 id="per-batch-heading">{t('reports.overview.perBatch')}</h2>
                <div className="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.common.batch')}</th>
                        <th scope="col">{t('reports.overview.participationRate')}</th>
                        <th scope="col">{t('reports.overview.passRate')}</th>
                        <th scope="col">{t('reports.overview.complaintRate')}</th>
                        <th scope="col">{t('reports.overview.participantFeedback')}</th>
                        <th scope="col">{t('reports.overview.staffFeedback')}</th>
                        <th scope="col">{t('reports.overview.departmentFeedback')}</th>
                        <th scope="col">PDF</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...data.batches].reverse().map((batch) => (
                        <tr key={batch.batchId}>
                          <th scope="row">
                            {batch.batchCode} <span className="muted small-text">{format.date(batch.startsOn)}</span>
                          </th>
                          <td>
                            {format.percent(batch.participationRate, 1) || '—'} <span className="muted small-text">{batch.attendedCount}/{batch.registeredCount}</span>
                          </td>
                          <td>
                            {format.percent(batch.passRate, 1) || '—'} <span className="muted small-text">{batch.passedCount}/{batch.resultCount}</span>
                          </td>
                          <td>
                            {format.percent(batch.complaintRate, 1) || '—'} <span className="muted small-text">{batch.objectionCount}</span>
                          </td>
                          <td>{format.number(batch.feedback.participant.meanRating, 2) || '—'}</td>
                          <td>{format.number(batch.feedback.staff.meanRating, 2) || '—'}</td>
                          <td>{format.number(batch.feedback.department.meanRating, 2) || '—'}</td>
                          <td>
                            <a href={`/api/reports/batches/${batch.batchId}/report.pdf`} target="_blank" rel="noreferrer">
                              {t('reports.common.downloadPdf')}
                            </a>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
