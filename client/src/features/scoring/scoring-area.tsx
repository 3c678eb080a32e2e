import './scoring-i18n';
import './scoring.css';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { SubNav } from '../../components/page';
import { StatusBadge } from '../../components/status';
import { useCan } from '../auth/use-session';
import { useStaffBatches } from '../results/staff-batches';
import { BatchCardsPage } from './batch-cards-page';
import { BatchResultsPage } from './batch-results-page';
import { DirectGradingListPage, DirectGradingPage } from './direct-grading-page';
import { ScoreSheetPage } from './score-sheet-page';
import { ScoringHomePage } from './scoring-home-page';

/**
 * Scoring 评分 (R4, R5, R6): assessors' score cards with independent scoring and arbitration, the
 * committee's decisions, the supervisor's sign-off, direct-grading forms, and results — computed by
 * exam administrators, approved for the evaluation committee — with the result summary and PDFs.
 */
export function ScoringArea() {
  return (
    <Routes>
      <Route index element={<ScoringHomePage />} />
      <Route path="cards/:cardId" element={<ScoreSheetPage />} />
      <Route path="direct-grading/:registrationId" element={<DirectGradingPage />} />
      <Route path="batches/:batchId/*" element={<BatchScoringArea />} />
      <Route path="*" element={<Navigate to="/scoring" replace />} />
    </Routes>
  );
}

/** One batch: tabs score cards, results, direct grading (grading batches). */
function BatchScoringArea() {
  const { t } = useTranslation();
  const { batchId = '' } = useParams();
  const batches = useStaffBatches();
  const canReadResults = useCan('readResults');
  const batch = batches.data?.find((candidate) => candidate.id === batchId);
  const base = `/scoring/batches/${batchId}`;
  return (
    <>
      <p className="breadcrumb">
        {batch ? (
          <>
            <span className="muted">{batch.code}</span> {batch.name} <StatusBadge status={batch.status} group="batchStatus" />
          </>
        ) : (
          <span className="muted">{t('scoring.batch.title')}</span>
        )}
      </p>
      <SubNav
        label={t('scoring.batch.tabs')}
        links={[
          { to: `${base}/cards`, label: t('scoring.nav.cards') },
          ...(canReadResults ? [{ to: `${base}/results`, label: t('scoring.nav.results') }] : []),
          ...(canReadResults && batch?.mode !== 'promotion' ? [{ to: `${base}/direct-grading`, label: t('scoring.nav.directGrading') }] : []),
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="cards" replace />} />
        <Route path="cards" element={<BatchCardsPage batchId={batchId} />} />
        <Route path="results" element={<BatchResultsPage batchId={batchId} />} />
        <Route path="direct-grading" element={<DirectGradingListPage batchId={batchId} />} />
      </Routes>
    </>
  );
}
