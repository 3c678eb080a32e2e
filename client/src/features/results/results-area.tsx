import '../scoring/scoring-i18n';
import '../certificates/certificates-i18n';
import './results-i18n';
import '../scoring/scoring.css';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useCan } from '../auth/use-session';
import { MyResultsPage } from './my-results-page';
import { PublicationPage } from './publication-page';
import { useStaffBatches } from './staff-batches';

/** Batch statuses from which a publication may exist or be opened. */
const publicationStatuses = ['scoring', 'results_approved', 'published', 'closed', 'archived'];

/**
 * Results and publication 成绩公示 (R11-R13): staff open the publication with its channels, read the
 * notice with masked ID numbers, handle objections and close it; deadlines with warnings. A
 * candidate sees their own published results, files an objection and sees their certificates.
 */
export function ResultsArea() {
  const isCandidate = useCan('candidateSelfService');
  if (isCandidate) {
    return (
      <Routes>
        <Route index element={<MyResultsPage />} />
        <Route path="*" element={<Navigate to="/results" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<PublicationBatchesPage />} />
      <Route path="batches/:batchId" element={<PublicationRoute />} />
      <Route path="*" element={<Navigate to="/results" replace />} />
    </Routes>
  );
}

function PublicationRoute() {
  const { batchId = '' } = useParams();
  return <PublicationPage batchId={batchId} />;
}

/** Batches whose results are scored, approved or published. */
function PublicationBatchesPage() {
  const { t } = useTranslation();
  const batches = useStaffBatches();
  return (
    <>
      <PageHeader title={t('results.batches.title')} subtitle={t('results.batches.subtitle')} />
      <section className="card">
        <QueryState query={batches}>
          {(data) => {
            const rows = data.filter((batch) => publicationStatuses.includes(batch.status));
            return rows.length === 0 ? (
              <Empty>{t('results.batches.none')}</Empty>
            ) : (
              <table>
                <caption className="visually-hidden">{t('results.batches.title')}</caption>
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
                        <Link to={`/results/batches/${batch.id}`}>{batch.code}</Link>
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
