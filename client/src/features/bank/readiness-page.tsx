import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { BankScopeView, CoverageRow, ScopeReadiness } from './bank-types';

/** Coverage summed per knowledge point (all item types): distinct items required and available. */
export function coverageByKnowledgePoint(rows: readonly CoverageRow[]): { knowledgePoint: string; required: number; available: number; isShort: boolean }[] {
  const byPoint = new Map<string, { required: number; available: number; isShort: boolean }>();
  for (const row of rows) {
    const entry = byPoint.get(row.knowledgePoint) ?? { required: 0, available: 0, isShort: false };
    entry.required += row.required;
    entry.available += row.available;
    entry.isShort = entry.isShort || row.available < row.required;
    byPoint.set(row.knowledgePoint, entry);
  }
  return [...byPoint].map(([knowledgePoint, entry]) => ({ knowledgePoint, ...entry }));
}

/**
 * Readiness dashboard of a scope (R1 sizes, R2 coverage, duplicate rate): counts against the R1
 * minimums, every shortfall, and coverage per knowledge point as charts with the figures in tables.
 */
export function ReadinessPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const readiness = useQuery({
    queryKey: ['bank', 'readiness', scope.id],
    queryFn: () => api.get<ScopeReadiness>(`/api/bank/scopes/${scope.id}/readiness`),
  });
  return (
    <>
      <PageHeader title={t('bank.readiness.title')} subtitle={t('bank.readiness.subtitle')} />
      <QueryState query={readiness}>{(data) => <ReadinessView readiness={data} />}</QueryState>
    </>
  );
}

function ReadinessView({ readiness }: { readiness: ScopeReadiness }) {
  const { t } = useTranslation();
  const format = useFormat();
  const minimums = readiness.minimums;
  const sizes = [
    { key: 'theoryItems', label: t('bank.readiness.theoryItems'), actual: readiness.counts.approvedTheoryItems, required: minimums.theoryItems },
    { key: 'theoryPapers', label: t('bank.readiness.theoryPapers'), actual: readiness.counts.activeTheoryPapers, required: minimums.theoryPapers },
    { key: 'practicalItems', label: t('bank.readiness.practicalItems'), actual: readiness.counts.approvedPracticalItems, required: minimums.practicalItems },
    { key: 'practicalPapers', label: t('bank.readiness.practicalPapers'), actual: readiness.counts.activePracticalPapers, required: minimums.practicalPapers },
  ].map((size) => ({ ...size, share: size.required > 0 ? Math.min(1.5, size.actual / size.required) : 1, figure: `${format.number(size.actual)} / ${format.number(size.required)}` }));
  const coverage = coverageByKnowledgePoint(readiness.coverage);
  const shortCells = readiness.coverage.filter((row) => row.available < row.required);
  return (
    <div className="stack">
      <section className={`card verdict ${readiness.isReady ? 'verdict-ok' : 'verdict-bad'}`} aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">{readiness.isReady ? t('bank.readiness.ready') : t('bank.readiness.notReady', { count: readiness.shortfalls.length })}</h2>
        <div className="verdict-body">
          {readiness.shortfalls.length > 0 && (
            <ul className="shortfalls">
              {readiness.shortfalls.map((shortfall, index) => (
                <li key={index}>
                  <span className="badge">{shortfall.rule}</span> {t(`bank.readiness.shortfallCodes.${shortfall.code}`, { defaultValue: shortfall.code })}:{' '}
                  {shortfall.message}
                </li>
              ))}
            </ul>
          )}
          <dl className="facts">
            <dt>{t('bank.readiness.distinctTheoryItems')}</dt>
            <dd>{format.number(readiness.counts.distinctApprovedTheoryItems)}</dd>
            <dt>{t('bank.readiness.duplicateRate')}</dt>
            <dd>{format.percent(readiness.duplicateRate, 1)}</dd>
            <dt>{t('bank.readiness.maxOverlap')}</dt>
            <dd>{format.percent(readiness.maxOverlap)}</dd>
          </dl>
        </div>
      </section>

      <div className="two-columns">
        <section className="card" aria-labelledby="sizes-heading">
          <h2 id="sizes-heading">
            {t('bank.readiness.sizesTitle')} <span className="badge">R1</span>
          </h2>
          <div className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={sizes} layout="vertical" margin={{ left: 24, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 1.5]} tickFormatter={(value: number) => format.percent(value)} />
                <YAxis type="category" dataKey="label" width={110} />
                <Tooltip formatter={(_value, _name, entry) => `${entry.payload.actual} / ${entry.payload.required}`} />
                <ReferenceLine x={1} stroke="#1d2733" strokeDasharray="4 2" label={{ value: t('bank.readiness.minimum'), position: 'top' }} />
                <Bar dataKey="share" name={t('bank.readiness.shareOfMinimum')} isAnimationActive={false} minPointSize={3}>
                  {sizes.map((size) => (
                    <Cell key={size.key} fill={size.actual >= size.required ? '#1e7b34' : '#b3261e'} />
                  ))}
                  <LabelList dataKey="figure" position="right" fill="#1d2733" />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table>
            <caption className="visually-hidden">{t('bank.readiness.sizesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bank.readiness.measure')}</th>
                <th scope="col">{t('bank.readiness.actual')}</th>
                <th scope="col">{t('bank.readiness.required')}</th>
              </tr>
            </thead>
            <tbody>
              {sizes.map((size) => (
                <tr key={size.key} className={size.actual >= size.required ? undefined : 'row-short'}>
                  <th scope="row">{size.label}</th>
                  <td className="number">{format.number(size.actual)}</td>
                  <td className="number">{format.number(size.required)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">
            {t('bank.readiness.coverageTitle')} <span className="badge">R2</span>
          </h2>
          {!readiness.hasBlueprint ? (
            <p className="muted">{t('bank.readiness.noBlueprint')}</p>
          ) : (
            <>
              <div className="chart" aria-hidden="true">
                <ResponsiveContainer width="100%" height={220}>
                  <BarChart data={coverage} margin={{ right: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="knowledgePoint" interval={0} angle={coverage.length > 12 ? -45 : 0} textAnchor={coverage.length > 12 ? 'end' : 'middle'} height={coverage.length > 12 ? 50 : 30} />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="required" name={t('bank.readiness.required')} fill="#9aa7b5" isAnimationActive={false} />
                    <Bar dataKey="available" name={t('bank.readiness.available')} fill="#0b5cad" isAnimationActive={false} minPointSize={2}>
                      {coverage.map((entry) => (
                        <Cell key={entry.knowledgePoint} fill={entry.isShort ? '#b3261e' : '#0b5cad'} />
                      ))}
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <p className="muted">{t('bank.readiness.coverageHint', { cells: shortCells.length, total: readiness.coverage.length })}</p>
              <details>
                <summary>{t('bank.readiness.coverageTable')}</summary>
                <div className="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('bank.items.knowledgePoint')}</th>
                        <th scope="col">{t('bank.items.type')}</th>
                        <th scope="col">{t('bank.readiness.perPaper')}</th>
                        <th scope="col">{t('bank.readiness.required')}</th>
                        <th scope="col">{t('bank.readiness.available')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {readiness.coverage.map((row) => (
                        <tr key={`${row.knowledgePoint}-${row.type}`} className={row.available < row.required ? 'row-short' : undefined}>
                          <td>{row.knowledgePoint}</td>
                          <td>{t(`itemTypes.${row.type}`)}</td>
                          <td className="number">{row.perPaper}</td>
                          <td className="number">{row.required}</td>
                          <td className="number">{row.available}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
