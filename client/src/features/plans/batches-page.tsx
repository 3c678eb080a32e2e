import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useBatches } from './plans-api';

/** Batches of the organisation, newest first, with their first session and warnings. */
export function BatchesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const batches = useBatches();
  const canPlan = useCan('planBatches');
  return (
    <>
      <PageHeader
        title={t('plans.batches.title')}
        subtitle={t('plans.batches.subtitle')}
        actions={
          canPlan && (
            <Link className="button" to="/plans/batches/new">
              {t('plans.nav.newBatch')}
            </Link>
          )
        }
      />
      <section className="card">
        <QueryState query={batches}>
          {(data) =>
            data.batches.length === 0 ? (
              <Empty>{t('plans.batches.none')}</Empty>
            ) : (
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">{t('plans.batches.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.batch.code')}</th>
                      <th scope="col">{t('plans.batch.name')}</th>
                      <th scope="col">{t('plans.batch.mode')}</th>
                      <th scope="col">{t('plans.batch.scopes')}</th>
                      <th scope="col">{t('plans.batches.firstSession')}</th>
                      <th scope="col">{t('plans.batches.status')}</th>
                      <th scope="col">{t('plans.batches.warnings')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.batches.map((batch) => (
                      <tr key={batch.id}>
                        <td>
                          <Link to={`/plans/batches/${batch.id}`}>{batch.code}</Link>
                        </td>
                        <td>{batch.name}</td>
                        <td>{t(`plans.modes.${batch.mode}`)}</td>
                        <td>{batch.scopes.map((scope) => `${scope.workType} ${t(`levels.${scope.level}`)}`).join('、')}</td>
                        <td>{batch.sessions[0] ? format.date(batch.sessions[0].date) : '—'}</td>
                        <td>
                          <StatusBadge status={batch.status} group="batchStatus" />
                        </td>
                        <td className="number">{batch.warnings.length}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
