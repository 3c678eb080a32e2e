import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { withQuery } from '../../api/client';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { DateRangeFilters } from './overview-page';
import { usePassRates, useReportBatches } from './reports-api';
import { passRateDimensions, type PassRateDimension, type PassRateRow } from './reports-types';

/** Pass rates by occupation, work type, level, department or batch: chart, table and exports. */
export function PassRatesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [dimension, setDimension] = useState<PassRateDimension>('level');
  const [batchId, setBatchId] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const [includeComputed, setIncludeComputed] = useState(false);
  const batches = useReportBatches();
  const query = { dimension, batchId: batchId || undefined, from: range.from || undefined, to: range.to || undefined, includeComputed: includeComputed || undefined };
  const report = usePassRates(query);
  const exportUrl = (fileFormat: 'csv' | 'xlsx') => withQuery('/api/reports/pass-rates/export', { ...query, format: fileFormat });
  const componentRate = (row: Pick<PassRateRow, 'components'>, key: string) => {
    const component = row.components.find((entry) => entry.key === key);
    return component ? format.percent(component.passRate, 1) : '—';
  };
  return (
    <>
      <PageHeader
        title={t('reports.passRates.title')}
        subtitle={t('reports.passRates.subtitle')}
        actions={
          <>
            <a className="button secondary" href={exportUrl('csv')}>
              {t('reports.common.exportCsv')}
            </a>
            <a className="button secondary" href={exportUrl('xlsx')}>
              {t('reports.common.exportXlsx')}
            </a>
          </>
        }
      />
      <div className="filters card">
        <Field label={t('reports.passRates.dimension')}>
          {(props) => (
            <select {...props} value={dimension} onChange={(event) => setDimension(event.target.value as PassRateDimension)}>
              {passRateDimensions.map((entry) => (
                <option key={entry} value={entry}>
                  {t(`reports.passRates.dimensions.${entry}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('reports.common.batch')}>
          {(props) => (
            <select {...props} value={batchId} onChange={(event) => setBatchId(event.target.value)}>
              <option value="">{t('common.all')}</option>
              {(batches.data?.batches ?? []).map((batch) => (
                <option key={batch.batchId} value={batch.batchId}>
                  {batch.batchCode} {batch.batchName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateRangeFilters {...range} onChange={setRange} />
        <label className="checkbox">
          <input type="checkbox" checked={includeComputed} onChange={(event) => setIncludeComputed(event.target.checked)} /> {t('reports.passRates.includeComputed')}
        </label>
      </div>
      <QueryState query={report}>
        {(data) =>
          data.rows.length === 0 ? (
            <Empty>{t('reports.passRates.none')}</Empty>
          ) : (
            <div className="stack">
              <section className="card" aria-labelledby="pass-rate-chart-heading">
                <h2 id="pass-rate-chart-heading">{t('reports.passRates.chartCaption')}</h2>
                <div className="chart" role="img" aria-label={t('reports.passRates.chartCaption')}>
                  <ResponsiveContainer width="100%" height={Math.max(220, 60 + data.rows.length * 34)}>
                    <BarChart data={data.rows} layout="vertical" margin={{ left: 24, right: 48 }}>
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                      <XAxis type="number" domain={[0, 1]} tickFormatter={(value: number) => format.percent(value)} />
                      <YAxis type="category" dataKey="label" width={180} />
                      <Tooltip formatter={(value) => format.percent(Number(value), 1)} />
                      <Bar dataKey="passRate" name={t('reports.passRates.passRate')} fill="#0b5cad" maxBarSize={36} isAnimationActive={false}>
                        <LabelList dataKey="passRate" position="right" formatter={(value: unknown) => format.percent(Number(value), 1)} />
                      </Bar>
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="card" aria-labelledby="pass-rate-table-heading">
                <h2 id="pass-rate-table-heading">{t(`reports.passRates.dimensions.${data.dimension}`)}</h2>
                <div className="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.passRates.group')}</th>
                        <th scope="col">{t('reports.passRates.results')}</th>
                        <th scope="col">{t('reports.passRates.passed')}</th>
                        <th scope="col">{t('reports.passRates.failed')}</th>
                        <th scope="col">{t('reports.passRates.passRate')}</th>
                        <th scope="col">{t('reports.passRates.meanScore')}</th>
                        {['theory', 'practical', 'review', 'direct_grading'].map((key) => (
                          <th scope="col" key={key}>
                            {t(`reports.passRates.components.${key}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {[...data.rows, { ...data.total, key: '__total', label: t('reports.passRates.total') }].map((row) => (
                        <tr key={row.key} className={row.key === '__total' ? 'total-row' : undefined}>
                          <th scope="row">{row.label}</th>
                          <td>{row.resultCount}</td>
                          <td>{row.passedCount}</td>
                          <td>{row.failedCount}</td>
                          <td>{format.percent(row.passRate, 1)}</td>
                          <td>{format.number(row.meanTotalScore, 2)}</td>
                          {['theory', 'practical', 'review', 'direct_grading'].map((key) => (
                            <td key={key}>{componentRate(row, key)}</td>
                          ))}
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
