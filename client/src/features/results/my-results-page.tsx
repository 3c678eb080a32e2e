import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { CertificateView } from '../certificates/certificates-types';
import type { ResultView } from '../scoring/scoring-types';
import { FileObjectionForm, ObjectionTable } from './objections-panel';
import { useObjections, usePublication } from './results-api';

/**
 * A candidate's own published results (R11): components, total and outcome, the publication period
 * and channels, a complaint or re-scoring objection while the publication is open, their objections
 * with the decisions, and their certificates (R15).
 */
export function MyResultsPage() {
  const { t } = useTranslation();
  const results = useQuery({ queryKey: ['results', 'mine'], queryFn: () => api.get<{ results: ResultView[] }>('/api/scoring/my-results') });
  const certificates = useQuery({ queryKey: ['results', 'my-certificates'], queryFn: () => api.get<{ certificates: CertificateView[] }>('/api/certificates/mine') });
  return (
    <>
      <PageHeader title={t('results.mine.title')} subtitle={t('results.mine.subtitle')} />
      <QueryState query={results}>
        {(data) => (data.results.length === 0 ? <Empty>{t('results.mine.none')}</Empty> : data.results.map((result) => <MyResultCard key={result.id} result={result} />))}
      </QueryState>
      <section className="card" aria-labelledby="my-certificates-heading">
        <h2 id="my-certificates-heading">{t('results.mine.certificates')}</h2>
        <QueryState query={certificates}>
          {(data) =>
            data.certificates.length === 0 ? (
              <Empty>{t('results.mine.noCertificates')}</Empty>
            ) : (
              <ul className="compact">
                {data.certificates.map((certificate) => (
                  <li key={certificate.id}>
                    <code>{certificate.number}</code> · {certificate.occupationName}（{certificate.workTypeName}）{certificate.levelName} · {certificate.issueDate}{' '}
                    <StatusBadge status={certificate.status} group="certificates.status" />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function MyResultCard({ result }: { result: ResultView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const publication = usePublication(result.batchId);
  const objections = useObjections(result.batchId);
  const view = publication.data ?? null;
  const mine = (objections.data?.objections ?? []).filter((objection) => objection.resultId === result.id);
  return (
    <section className="card" aria-labelledby={`result-${result.id}`}>
      <h2 id={`result-${result.id}`}>
        {view ? `${view.batchName}（${view.batchCode}）` : t('results.mine.result')} · {t(`levels.${result.level}`)}
      </h2>
      <dl className="facts">
        {result.components.map((component) => (
          <div key={component.key} style={{ display: 'contents' }}>
            <dt>{t(`scoring.resultComponents.${component.key}`)}</dt>
            <dd>
              {format.number(component.score, 2)} {t('results.mine.weight', { weight: format.percent(component.weight) })}{' '}
              <span className={component.isPass ? 'pass' : 'fail'}>{component.isPass ? t('scoring.results.pass') : t('scoring.results.fail')}</span>
            </dd>
          </div>
        ))}
        <dt>{t('scoring.results.total')}</dt>
        <dd>
          <strong>{format.number(result.totalScore, 2)}</strong> <span className={result.isPass ? 'pass' : 'fail'}>{result.isPass ? t('scoring.results.pass') : t('scoring.results.fail')}</span>
        </dd>
        <dt>{t('results.mine.assessmentDate')}</dt>
        <dd>{format.date(result.assessmentDate)}</dd>
        {view && (
          <>
            <dt>{t('results.mine.publication')}</dt>
            <dd>
              <StatusBadge status={view.status} group="results.publicationStatus" />{' '}
              {t('results.publication.period', { start: format.date(view.startDate), days: view.periodWorkingDays, earliest: format.date(view.earliestEndDate) })}
            </dd>
            <dt>{t('results.channels.rescoring')}</dt>
            <dd>{view.channels.rescoring.map((contact) => [contact.name, contact.department, contact.phone, contact.email].filter(Boolean).join(' · ')).join('；')}</dd>
          </>
        )}
      </dl>
      {result.revisions.length > 0 && <p className="muted">{t('results.mine.revised', { count: result.revisions.length })}</p>}
      {mine.length > 0 && <ObjectionTable objections={mine} />}
      {view?.status === 'open' && <FileObjectionForm publication={view} resultId={result.id} />}
    </section>
  );
}
