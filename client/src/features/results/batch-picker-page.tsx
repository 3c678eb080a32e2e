import '../scoring/scoring-i18n';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useStaffBatches } from './staff-batches';

/** What a batch picker page shows and where its batches lead. */
export interface BatchPickerPageProps {
  /** Page title (the h1), also the table's caption for screen readers. */
  title: string;
  /** Line under the title. */
  subtitle: string;
  /** Sentence shown when no batch has one of `statuses`. */
  empty: string;
  /** Batch statuses (`BatchChoice.status`) listed; other batches are left out. */
  statuses: readonly string[];
  /** Client path each batch code links to, e.g. `/results/batches/<id>`. */
  linkTo: (batchId: string) => string;
}

/**
 * The batch list a staff member picks from in the scoring, results and certificates areas: the
 * batches of {@link useStaffBatches} whose status is in `statuses`, as a table of code (a link to
 * `linkTo(id)`), name and status, or the `empty` sentence when there are none. Loading and errors
 * show through {@link QueryState}.
 */
export function BatchPickerPage({ title, subtitle, empty, statuses, linkTo }: BatchPickerPageProps) {
  const { t } = useTranslation();
  const batches = useStaffBatches();
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <section className="card">
        <QueryState query={batches}>
          {(data) => {
            const rows = data.filter((batch) => statuses.includes(batch.status));
            return rows.length === 0 ? (
              <Empty>{empty}</Empty>
            ) : (
              <table>
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scoring.batch.code')}</th>
                    <th scope="col">{t('scoring.batch.name')}</th>
                    <th scope="col">{t('scoring.batch.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((batch) => (
                    <tr key={batch.id}>
                      <td>
                        <Link to={linkTo(batch.id)}>{batch.code}</Link>
                      </td>
                      <td>{batch.name}</td>
                      <td>
                        <StatusBadge status={batch.status} group="batchStatus" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }}
        </QueryState>
      </section>
    </>
  );
}
