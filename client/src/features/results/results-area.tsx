import '../scoring/scoring-i18n';
import '../certificates/certificates-i18n';
import './results-i18n';
import '../scoring/scoring.css';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { useCan } from '../auth/use-session';
import { BatchPickerPage } from './batch-picker-page';
import { MyResultsPage } from './my-results-page';
import { PublicationPage } from './publication-page';

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
  return (
    <BatchPickerPage
      title={t('results.batches.title')}
      subtitle={t('results.batches.subtitle')}
      empty={t('results.batches.none')}
      statuses={publicationStatuses}
      linkTo={(batchId) => `/results/batches/${batchId}`}
    />
  );
}
