import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import type { BatchDeadlinesView, BatchView } from './plans-types';

/** The batch's deadlines on the organisation calendar (R7, R11, R12, R13) and due warnings. */
export function DeadlinesPage({ batch }: { batch: BatchView }) {
  const { t } = useTranslation();
  const deadlines = useQuery({
    queryKey: ['plans', 'deadlines', batch.id],
    queryFn: () => api.get<BatchDeadlinesView>(`/api/batches/${batch.id}/deadlines`),
  });
  return (
    <>
      <PageHeader title={t('plans.deadlines.title')} subtitle={t('plans.deadlines.subtitle')} />
      <QueryState query={deadlines}>{(data) => <DeadlineTable view={data} />}</QueryState>
    </>
  );
}

/** Deadline rows and warnings of one batch. */
export function DeadlineTable({ view }: { view: BatchDeadlinesView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card">
      {view.warnings.length > 0 && (
        <ul className="warning-list">
          {view.warnings.map((warning, index) => (
            <li key={index} className={`warning-${warning.level}`}>
              <span className="badge">{warning.ruleId}</span> {t(`plans.deadlines.levels.${warning.level}`, { defaultValue: warning.level })} · {format.date(warning.date)} ·{' '}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      <table>
        <caption>{t('plans.deadlines.asOf', { date: format.date(view.asOf) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.deadlines.rule')}</th>
            <th scope="col">{t('plans.deadlines.what')}</th>
            <th scope="col">{t('plans.deadlines.date')}</th>
            <th scope="col">{t('plans.deadlines.state')}</th>
          </tr>
        </thead>
        <tbody>
          {view.deadlines.map((deadline) => (
            <tr key={deadline.kind}>
              <td>
                <span className="badge">{deadline.ruleId}</span>
              </td>
              <td>
                {t(`plans.deadlines.kinds.${deadline.kind}`, { defaultValue: deadline.kind })}
                <div className="muted small-text">{deadline.description}</div>
              </td>
              <td>
                {deadline.date ? (
                  <>
                    {t(`plans.deadlines.directions.${deadline.direction}`)} {format.date(deadline.date)}
                  </>
                ) : (
                  <span className="muted">{t('plans.deadlines.pendingOn', { event: deadline.pendingOn ?? '' })}</span>
                )}
              </td>
              <td>{deadline.isDone ? t('plans.deadlines.done') : t('plans.deadlines.open')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
