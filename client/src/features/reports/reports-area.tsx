import './reports-i18n';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ErrorView } from '../../components/error-view';
import { SubNav } from '../../components/page';
import { AnalysisPage } from './analysis-page';
import { FeedbackPage } from './feedback-page';
import { OverviewPage } from './overview-page';
import { PassRatesPage } from './pass-rates-page';
import { useCanReport } from './reports-api';
import { ReviewQueuePage } from './review-queue-page';
import { SettingsPage } from './settings-page';

/**
 * Reports 统计分析 (issue 12): R20 indicators and trend, pass rates by dimension, paper and item
 * analysis with parallelism and flags, the review queue, feedback, settings. Tabs follow the roles
 * of the server routes; everyone signed in may give feedback.
 */
export function ReportsArea() {
  const { t } = useTranslation();
  const canOutcomes = useCanReport('readOutcomes');
  const canIndex = useCanReport('index');
  const canItems = useCanReport('readItems');
  const canSettings = useCanReport('readSettings');
  const links = [
    ...(canOutcomes ? [{ to: '/reports', label: t('reports.nav.overview'), end: true }] : []),
    ...(canOutcomes ? [{ to: '/reports/pass-rates', label: t('reports.nav.passRates') }] : []),
    ...(canIndex ? [{ to: '/reports/analysis', label: t('reports.nav.analysis') }] : []),
    ...(canItems ? [{ to: '/reports/review-queue', label: t('reports.nav.queue') }] : []),
    { to: '/reports/feedback', label: t('reports.nav.feedback') },
    ...(canSettings ? [{ to: '/reports/settings', label: t('reports.nav.settings') }] : []),
  ];
  const home = canOutcomes ? null : canIndex ? '/reports/analysis' : '/reports/feedback';
  const refuse = <ErrorView error={new Error(t('reports.common.forbidden'))} title={t('errors.forbidden')} />;
  return (
    <>
      <SubNav label={t('reports.title')} links={links} />
      <Routes>
        <Route index element={home ? <Navigate to={home} replace /> : <OverviewPage />} />
        <Route path="pass-rates" element={canOutcomes ? <PassRatesPage /> : refuse} />
        <Route path="analysis" element={canIndex ? <AnalysisPage /> : refuse} />
        <Route path="analysis/:batchId" element={canIndex ? <AnalysisPage /> : refuse} />
        <Route path="review-queue" element={canItems ? <ReviewQueuePage /> : refuse} />
        <Route path="feedback" element={<FeedbackPage />} />
        <Route path="settings" element={canSettings ? <SettingsPage /> : refuse} />
        <Route path="*" element={<Navigate to="/reports" replace />} />
      </Routes>
    </>
  );
}
